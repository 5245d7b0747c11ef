/**
 * The in-memory file graph the repo map ranks: per file its definitions and the names it
 * references, edges file → file through names defined elsewhere. Kept in step with the store
 * through its change log, so one edited file costs one file's rows, never a rebuild.
 */
import type { GraphStore, StoredSymbol } from '../store/graph-store.js';
import type { ReferenceKind, SymbolKind } from '../types.js';
import type { EdgeChange, OutEdges } from './pagerank.js';
import { clipSignature } from './repo-map-render.js';

export interface MapSymbol {
  name: string;
  kind: SymbolKind;
  line: number;
  /** One line, clipped for the map. */
  signature: string;
  container: string | null;
  exported: boolean;
}

export interface FileNode {
  index: number;
  path: string;
  symbols: MapSymbol[];
  defNames: Set<string>;
  /** Referenced name → weighted count (imports and heritage weigh more than a single call). */
  refWeights: Map<string, number>;
}

const REF_WEIGHT: Record<ReferenceKind, number> = { call: 1, type: 1, import: 2, heritage: 2 };
/**
 * A name defined in more files than this links nothing: it is too ambiguous to say which file a
 * reference means (`get`, `map`, `pipe`), and its edges would dominate the graph's size.
 */
export const MAX_DEFINERS = 8;

function addTo(map: Map<string, Set<number>>, key: string, value: number): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom(map: Map<string, Set<number>>, key: string, value: number): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

export class FileGraph {
  /** Slots are reused after removals so indexes stay dense. */
  readonly nodes: Array<FileNode | null> = [];
  private readonly free: number[] = [];
  private readonly byPath = new Map<string, number>();
  /** Name → files defining it / files referencing it. */
  readonly definedIn = new Map<string, Set<number>>();
  readonly referencedIn = new Map<string, Set<number>>();
  private readonly edgeCache: Array<OutEdges | null | undefined> = [];
  /** Out-edges as they were before the current batch of changes (for incremental ranking). */
  private readonly before = new Map<number, OutEdges | null>();
  /** Files were added or removed since the last takeChanges(): ranks must be recomputed. */
  private structural = true;
  /** Store generation this graph reflects. */
  generation = -1;

  /** Public for bounded per-file look-ups (a focused file's references, case-folded definers). */
  constructor(readonly store: GraphStore) {}

  get size(): number {
    return this.nodes.length;
  }

  indexOf(path: string): number | undefined {
    return this.byPath.get(path);
  }

  /** Brings the graph up to the store's generation; returns the paths it re-read. */
  sync(): string[] {
    const gen = this.store.generation();
    if (gen === this.generation) return [];
    const changed = this.generation < 0 ? null : this.store.changedSince(this.generation);
    if (changed === null) {
      const paths = this.loadAll();
      this.generation = gen;
      return paths;
    }
    for (const p of changed) this.refresh(p);
    this.generation = gen;
    return changed;
  }

  /** One pass over all rows (two bulk queries), instead of two queries per file. */
  private loadAll(): string[] {
    this.clear();
    const symbolsByFile = new Map<string, StoredSymbol[]>();
    for (const s of this.store.allSymbols()) {
      const list = symbolsByFile.get(s.file);
      if (list) list.push(s);
      else symbolsByFile.set(s.file, [s]);
    }
    const refsByFile = new Map<string, Map<string, number>>();
    for (const r of this.store.allReferenceNames()) {
      let m = refsByFile.get(r.file);
      if (!m) refsByFile.set(r.file, (m = new Map()));
      m.set(r.name, (m.get(r.name) ?? 0) + REF_WEIGHT[r.kind]);
    }
    const paths = this.store.listFiles().map((f) => f.path);
    for (const path of paths) {
      const index = this.nodes.length;
      const node = this.makeNode(index, path, symbolsByFile.get(path) ?? [], refsByFile.get(path) ?? new Map());
      this.nodes.push(node);
      this.byPath.set(path, index);
      for (const n of node.defNames) addTo(this.definedIn, n, index);
      for (const n of node.refWeights.keys()) addTo(this.referencedIn, n, index);
    }
    this.structural = true;
    return paths;
  }

  /**
   * The edge changes since the last call: `structural` when files came or went (rank from
   * scratch), otherwise each changed node's out-edges before and after.
   */
  takeChanges(): { structural: boolean; changes: EdgeChange[] } {
    const structural = this.structural;
    const changes: EdgeChange[] = [];
    if (!structural) for (const [node, before] of this.before) changes.push({ node, before, after: this.edges(node) });
    this.before.clear();
    this.structural = false;
    return { structural, changes };
  }

  private clear(): void {
    this.nodes.length = 0;
    this.free.length = 0;
    this.byPath.clear();
    this.definedIn.clear();
    this.referencedIn.clear();
    this.edgeCache.length = 0;
    this.before.clear();
  }

  /** Re-reads one file from the store (or drops it when the store no longer has it). */
  refresh(path: string): void {
    const old = this.byPath.get(path);
    const oldNode = old === undefined ? null : this.nodes[old]!;
    const meta = this.store.getFile(path);
    const stale = new Set<number>();
    const touchName = (name: string): void => {
      for (const f of this.referencedIn.get(name) ?? []) stale.add(f);
    };
    if (oldNode) {
      for (const n of oldNode.defNames) removeFrom(this.definedIn, n, oldNode.index);
      for (const n of oldNode.refWeights.keys()) removeFrom(this.referencedIn, n, oldNode.index);
    }
    if (!meta) {
      if (oldNode) {
        for (const n of oldNode.defNames) touchName(n);
        this.structural = true;
        this.nodes[oldNode.index] = null;
        this.byPath.delete(path);
        this.free.push(oldNode.index);
        this.edgeCache[oldNode.index] = null;
      }
    } else {
      if (old === undefined) this.structural = true;
      const index = old ?? this.free.pop() ?? this.nodes.length;
      const node = this.readNode(index, path);
      this.nodes[index] = node;
      this.byPath.set(path, index);
      for (const n of node.defNames) addTo(this.definedIn, n, index);
      for (const n of node.refWeights.keys()) addTo(this.referencedIn, n, index);
      // Files referencing a name whose set of definers changed get new edges.
      const before = oldNode?.defNames ?? new Set<string>();
      for (const n of node.defNames) if (!before.has(n)) touchName(n);
      for (const n of before) if (!node.defNames.has(n)) touchName(n);
      stale.add(index);
    }
    for (const f of stale) {
      const cached = this.edgeCache[f];
      if (cached !== undefined && !this.before.has(f)) this.before.set(f, cached);
      this.edgeCache[f] = undefined;
    }
  }

  private readNode(index: number, path: string): FileNode {
    const refWeights = new Map<string, number>();
    for (const r of this.store.referencesInFile(path)) {
      refWeights.set(r.name, (refWeights.get(r.name) ?? 0) + REF_WEIGHT[r.kind]);
    }
    return this.makeNode(index, path, this.store.symbolsInFile(path), refWeights);
  }

  private makeNode(index: number, path: string, syms: StoredSymbol[], refWeights: Map<string, number>): FileNode {
    return {
      index,
      path,
      symbols: syms.map((s) => ({ name: s.name, kind: s.kind, line: s.range.startLine, signature: clipSignature(s.signature), container: s.container, exported: s.exported })),
      defNames: new Set(syms.map((s) => s.name)),
      refWeights,
    };
  }

  /**
   * Out-edges of a file: to every other file defining a name it references. Weight per name is
   * sqrt(count) split over the defining files, so common names carry little, and names with more
   * than MAX_DEFINERS definitions carry nothing.
   */
  edges(index: number): OutEdges | null {
    const cached = this.edgeCache[index];
    if (cached !== undefined) return cached;
    const node = this.nodes[index];
    let result: OutEdges | null = null;
    if (node) {
      const acc = new Map<number, number>();
      for (const [name, count] of node.refWeights) {
        const defs = this.definedIn.get(name);
        if (!defs) continue;
        const others = defs.has(index) ? defs.size - 1 : defs.size;
        if (others === 0 || others > MAX_DEFINERS) continue;
        const w = Math.sqrt(count) / others;
        for (const t of defs) if (t !== index) acc.set(t, (acc.get(t) ?? 0) + w);
      }
      if (acc.size > 0) {
        const targets = new Int32Array(acc.size);
        const weights = new Float64Array(acc.size);
        let i = 0;
        let total = 0;
        for (const [t, w] of acc) {
          targets[i] = t;
          weights[i] = w;
          total += w;
          i++;
        }
        result = { targets, weights, total };
      }
    }
    this.edgeCache[index] = result;
    return result;
  }
}
