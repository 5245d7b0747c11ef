/**
 * GraphStore fallback for when better-sqlite3 cannot load: in-memory maps and token indexes,
 * persisted to `.smallcode/graph.json` by write-then-rename. Same contract and diffing as the
 * SQLite store; slower on big repositories, never the preferred backend.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ExtractedFile, ReferenceKind } from '../types.js';
import { FUZZY_SCAN, type FileMeta, type GraphStore, type StoredReference, type StoredSymbol, type SymbolCandidate, type UpsertStats } from './graph-store.js';
import { ChangeLog } from './change-log.js';
import { diffReferences, diffSymbols, storableSymbols, upsertChangedRows, upsertStats } from './row-diff.js';
import { expandedTokens, nameKey, textWords } from './identifier-tokens.js';
import { SmallCodeError, errorMessage } from '../../core/errors.js';

export const JSON_GRAPH_FORMAT_VERSION = 1;

interface JsonGraphFile {
  format: 'smallcode-graph';
  version: number;
  nextId: number;
  files: FileMeta[];
  symbols: StoredSymbol[];
  references: StoredReference[];
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/** First index in a sorted array whose value is >= key. */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function byPosition(a: { range: { startLine: number; startCol: number }; id: number }, b: typeof a): number {
  return a.range.startLine - b.range.startLine || a.range.startCol - b.range.startCol || a.id - b.id;
}

export class JsonGraphStore implements GraphStore {
  readonly kind = 'json' as const;
  readonly location: string;
  /** Why a stored file was discarded on open (unreadable JSON), if it was. */
  readonly loadProblem: string | undefined;
  private readonly log = new ChangeLog();
  private nextId = 1;
  private readonly files = new Map<string, FileMeta>();
  private readonly symbols = new Map<number, StoredSymbol>();
  private readonly refs = new Map<number, StoredReference>();
  private readonly symIdsByFile = new Map<string, Set<number>>();
  private readonly refIdsByFile = new Map<string, Set<number>>();
  private readonly byKey = new Map<string, Set<number>>();
  private readonly byToken = new Map<string, Set<number>>();
  private readonly byDocWord = new Map<string, Set<number>>();
  private readonly refsByName = new Map<string, Set<number>>();
  private sorted: { names: string[]; tokens: string[]; docWords: string[] } | null = null;
  private dirty = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(location: string, private readonly flushDelayMs = 300) {
    this.location = location;
    if (!existsSync(location)) return;
    let data: JsonGraphFile;
    try {
      data = JSON.parse(readFileSync(location, 'utf8')) as JsonGraphFile;
    } catch (err) {
      this.loadProblem = `${location} was unreadable and is rebuilt: ${errorMessage(err)}`;
      return;
    }
    if (data.version > JSON_GRAPH_FORMAT_VERSION) {
      throw new SmallCodeError(
        'StoreFailed',
        `${location} has graph format version ${data.version}, newer than this SmallCode understands (${JSON_GRAPH_FORMAT_VERSION}).`,
        { tried: `open ${location}`, next: 'Upgrade smallcode, or delete the file to rebuild the index with this version.' },
      );
    }
    this.nextId = data.nextId;
    for (const f of data.files) this.files.set(f.path, f);
    for (const s of data.symbols) this.indexSymbol(s);
    for (const r of data.references) this.indexRef(r);
  }

  private indexSymbol(s: StoredSymbol): void {
    this.symbols.set(s.id, s);
    addTo(this.symIdsByFile, s.file, s.id);
    addTo(this.byKey, nameKey(s.name), s.id);
    for (const t of expandedTokens(s.name)) addTo(this.byToken, t, s.id);
    if (s.doc) for (const w of textWords(s.doc)) addTo(this.byDocWord, w, s.id);
    this.sorted = null;
  }

  private unindexSymbol(s: StoredSymbol): void {
    this.symbols.delete(s.id);
    removeFrom(this.symIdsByFile, s.file, s.id);
    removeFrom(this.byKey, nameKey(s.name), s.id);
    for (const t of expandedTokens(s.name)) removeFrom(this.byToken, t, s.id);
    if (s.doc) for (const w of textWords(s.doc)) removeFrom(this.byDocWord, w, s.id);
    this.sorted = null;
  }

  private indexRef(r: StoredReference): void {
    this.refs.set(r.id, r);
    addTo(this.refIdsByFile, r.file, r.id);
    addTo(this.refsByName, r.name, r.id);
  }

  private unindexRef(r: StoredReference): void {
    this.refs.delete(r.id);
    removeFrom(this.refIdsByFile, r.file, r.id);
    removeFrom(this.refsByName, r.name, r.id);
  }

  private sortedKeys(): { names: string[]; tokens: string[]; docWords: string[] } {
    if (!this.sorted) {
      this.sorted = {
        names: [...this.byKey.keys()].sort(),
        tokens: [...this.byToken.keys()].sort(),
        docWords: [...this.byDocWord.keys()].sort(),
      };
    }
    return this.sorted;
  }

  private changed(path: string): void {
    this.log.record(path);
    this.dirty = true;
    if (this.flushTimer === null && !this.closed) {
      this.flushTimer = setTimeout(() => this.flush(), this.flushDelayMs);
      this.flushTimer.unref();
    }
  }

  /** Writes the store to disk now (atomically: temp file, then rename). */
  flush(): void {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (!this.dirty) return;
    const data: JsonGraphFile = {
      format: 'smallcode-graph',
      version: JSON_GRAPH_FORMAT_VERSION,
      nextId: this.nextId,
      files: [...this.files.values()],
      symbols: [...this.symbols.values()],
      references: [...this.refs.values()],
    };
    const tmp = `${this.location}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.location);
    } catch (err) {
      throw new SmallCodeError('StoreFailed', `Could not write ${this.location}: ${errorMessage(err)}`, { tried: `write ${tmp}` }, { cause: err });
    }
    this.dirty = false;
  }

  getFile(path: string): FileMeta | undefined {
    const f = this.files.get(path);
    return f && { ...f };
  }

  listFiles(): FileMeta[] {
    return [...this.files.values()].map((f) => ({ ...f }));
  }

  upsertFile(file: ExtractedFile): UpsertStats {
    const existed = this.files.has(file.path);
    this.files.set(file.path, { path: file.path, hash: file.hash, mtimeMs: file.mtimeMs, language: file.language, lines: file.lines });
    const sd = diffSymbols(this.symbolsInFile(file.path), storableSymbols(file));
    let moved = 0;
    for (const o of sd.removed) this.unindexSymbol(o);
    for (const n of sd.added) this.indexSymbol({ ...n, range: { ...n.range }, id: this.nextId++, file: file.path });
    for (const k of sd.kept) {
      if (!k.changed) continue;
      moved++;
      this.unindexSymbol(k.old);
      this.indexSymbol({ ...k.old, range: { ...k.next.range }, doc: k.next.doc, exported: k.next.exported });
    }
    const rd = diffReferences(this.referencesInFile(file.path), file.references);
    for (const o of rd.removed) this.unindexRef(o);
    for (const n of rd.added) this.indexRef({ ...n, range: { ...n.range }, id: this.nextId++, file: file.path });
    for (const k of rd.kept) {
      if (!k.changed) continue;
      moved++;
      this.refs.set(k.old.id, { ...k.old, range: { ...k.next.range } });
    }
    if (upsertChangedRows(!existed, moved, sd, rd)) this.changed(file.path);
    else this.dirty = true;
    return upsertStats(sd, rd);
  }

  removeFile(path: string): void {
    if (!this.files.has(path)) return;
    for (const s of this.symbolsInFile(path)) this.unindexSymbol(s);
    for (const r of this.referencesInFile(path)) this.unindexRef(r);
    this.files.delete(path);
    this.changed(path);
  }

  transaction<T>(fn: () => T): T {
    // Single-threaded and synchronous: nothing interleaves; the file on disk changes atomically.
    return fn();
  }

  symbolsInFile(path: string): StoredSymbol[] {
    const ids = this.symIdsByFile.get(path);
    if (!ids) return [];
    return [...ids].map((id) => this.symbols.get(id)!).sort(byPosition);
  }

  referencesInFile(path: string): StoredReference[] {
    const ids = this.refIdsByFile.get(path);
    if (!ids) return [];
    return [...ids].map((id) => this.refs.get(id)!).sort(byPosition);
  }

  counts(): { files: number; symbols: number; references: number } {
    return { files: this.files.size, symbols: this.symbols.size, references: this.refs.size };
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }

  generation(): number {
    return this.log.generation();
  }

  changedSince(generation: number): string[] | null {
    return this.log.changedSince(generation);
  }

  getSymbol(id: number): StoredSymbol | undefined {
    return this.symbols.get(id);
  }

  private take(ids: Iterable<number> | undefined, limit: number, out: StoredSymbol[]): void {
    if (!ids) return;
    for (const id of ids) {
      if (out.length >= limit) return;
      out.push(this.symbols.get(id)!);
    }
  }

  symbolsByName(name: string, limit: number): StoredSymbol[] {
    const out: StoredSymbol[] = [];
    this.take(this.byKey.get(nameKey(name)), limit, out);
    return out;
  }

  symbolsByPrefix(prefix: string, limit: number): StoredSymbol[] {
    const lo = nameKey(prefix);
    const names = this.sortedKeys().names;
    const out: StoredSymbol[] = [];
    for (let i = lowerBound(names, lo); i < names.length && out.length < limit && names[i]!.startsWith(lo); i++) {
      this.take(this.byKey.get(names[i]!), limit, out);
    }
    return out;
  }

  /** Every token must be an indexed word; the last may be a prefix of one (FTS semantics). */
  symbolsByTokens(tokens: string[], limit: number, includeDoc = false): StoredSymbol[] {
    const words = tokens.map((t) => t.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length > 0);
    if (words.length === 0) return [];
    const keys = this.sortedKeys();
    const index = includeDoc ? this.byDocWord : this.byToken;
    const sorted = includeDoc ? keys.docWords : keys.tokens;
    let result = new Set<number>();
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      let ids: Set<number>;
      if (i === words.length - 1) {
        ids = new Set<number>();
        for (let k = lowerBound(sorted, word); k < sorted.length && sorted[k]!.startsWith(word); k++) for (const id of index.get(sorted[k]!)!) ids.add(id);
      } else {
        ids = index.get(word) ?? new Set<number>();
      }
      const prev = result;
      result = i === 0 ? ids : new Set([...ids].filter((id) => prev.has(id)));
      if (result.size === 0) return [];
    }
    const out: StoredSymbol[] = [];
    this.take(result, limit, out);
    return out;
  }

  private static candidate(s: StoredSymbol): SymbolCandidate {
    return { id: s.id, name: s.name, kind: s.kind, file: s.file, exported: s.exported };
  }

  nameCandidates(name: string, limit: number): SymbolCandidate[] {
    return this.symbolsByName(name, limit).map(JsonGraphStore.candidate);
  }

  prefixCandidates(prefix: string, limit: number): SymbolCandidate[] {
    return this.symbolsByPrefix(prefix, limit).map(JsonGraphStore.candidate);
  }

  tokenCandidates(tokens: string[], limit: number, includeDoc = false): SymbolCandidate[] {
    return this.symbolsByTokens(tokens, limit, includeDoc).map(JsonGraphStore.candidate);
  }

  fuzzyNameKeys(key: string, limit: number): string[] {
    const k = nameKey(key);
    if (k === '') return [];
    const first = [...k].slice(0, 2).join('');
    const names = this.sortedKeys().names;
    const out: string[] = [];
    const end = Math.min(names.length, lowerBound(names, first) + FUZZY_SCAN);
    for (let i = lowerBound(names, first); i < end && out.length < limit && names[i]!.startsWith(first); i++) {
      const n = names[i]!;
      let qi = 0;
      for (let j = 0; j < n.length && qi < k.length; j++) if (n[j] === k[qi]) qi++;
      if (qi === k.length) out.push(n);
    }
    return out;
  }

  allSymbols(): StoredSymbol[] {
    const out: StoredSymbol[] = [];
    for (const path of this.files.keys()) out.push(...this.symbolsInFile(path));
    return out;
  }

  allReferenceNames(): Array<{ file: string; name: string; kind: ReferenceKind }> {
    return [...this.refs.values()].map((r) => ({ file: r.file, name: r.name, kind: r.kind }));
  }

  touchFile(path: string, mtimeMs: number): void {
    const f = this.files.get(path);
    if (!f) return;
    f.mtimeMs = mtimeMs;
    this.dirty = true;
  }

  referencesByName(name: string, kind: ReferenceKind | null, limit: number): StoredReference[] {
    const ids = this.refsByName.get(name);
    if (!ids) return [];
    const out: StoredReference[] = [];
    for (const id of ids) {
      if (out.length >= limit) break;
      const r = this.refs.get(id)!;
      if (kind === null || r.kind === kind) out.push(r);
    }
    return out;
  }
}
