/**
 * The repo map: personalised PageRank over the file graph, turned into ranked entries (files and
 * their key signatures) and fitted to a token budget. Caches ranks per (graph generation,
 * personalisation) and results per budget; a changed file re-reads only that file's rows.
 */
import type { RepoMapResultT } from '../../../protocol-ext/graph.js';
import type { FileGraph, FileNode, MapSymbol } from './file-graph.js';
import { pagerank, personalizedPush, updatePageRank, type EdgeChange, type OutEdges } from './pagerank.js';
import { defaultEstimateTokens, fitMapToBudget, type EstimateTokens, type MapEntry } from './repo-map-render.js';

export interface RepoMapRequest {
  tokens: number;
  /** Files the task mentions (workspace-relative paths or path suffixes such as `user.ts`). */
  files?: string[];
  /** Identifiers the task mentions; files defining them and the definitions themselves rank up. */
  identifiers?: string[];
}

const KIND_WEIGHT: Record<MapSymbol['kind'], number> = {
  class: 1, interface: 1, function: 0.9, type: 0.8, enum: 0.8, method: 0.7, module: 0.6, constant: 0.5, field: 0.3, variable: 0.3,
};
const MENTION_BOOST = 3;
/** Weight of the personalised part; the rest is the global rank, so nothing starves. */
const FOCUS = 0.9;
const CACHE_SIZE = 16;
/**
 * Residual (per out-edge) below which the personalised push stops. 1e-5 keeps a new task's rank
 * to a few milliseconds on a 7k-file graph; 1e-6 costs ~100x more for differences far below the
 * global rank of an average file (1/n).
 */
const PUSH_EPSILON = 1e-5;
/** The global vector is corrected more finely: its values average 1/n. */
const GLOBAL_UPDATE_EPSILON = 1e-6;
/** Change batches kept for bringing cached personalised vectors forward. */
const HISTORY = 32;

function setLru<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > CACHE_SIZE) map.delete(map.keys().next().value as K);
}

export class RepoMapper {
  private readonly ranks = new Map<string, Float64Array>();
  private readonly results = new Map<string, RepoMapResultT>();
  /** Uniform-teleport PageRank of the current graph; updated locally when a few files change. */
  private global: Float64Array | null = null;
  /** Personalised PageRank per seed set, with the generation it reflects (brought up to date on use). */
  private readonly ppr = new Map<string, { vec: Float64Array; generation: number }>();
  /** Recent edge-change batches (from → to generation), to bring a cached PPR vector up to date. */
  private readonly history: Array<{ from: number; to: number; changes: EdgeChange[] }> = [];
  /** Graph generation that `global` and `ppr` reflect. */
  private vectorsGeneration = -1;

  constructor(
    private readonly graph: FileGraph,
    private readonly estimateTokens: EstimateTokens = defaultEstimateTokens,
  ) {}

  map(req: RepoMapRequest): RepoMapResultT {
    this.graph.sync();
    const files = [...new Set(req.files ?? [])].sort();
    const idents = [...new Set(req.identifiers ?? [])].sort();
    const pkey = `${this.graph.generation}\u0000${files.join('\u0001')}\u0000${idents.join('\u0001')}`;
    const rkey = `${pkey}\u0000${req.tokens}`;
    const hit = this.results.get(rkey);
    if (hit) return hit;
    let rank = this.ranks.get(pkey);
    if (!rank) {
      rank = this.rank(files, idents);
      setLru(this.ranks, pkey, rank);
    }
    const entries = this.entries(rank, new Set(idents), req.tokens);
    const fitted = fitMapToBudget(entries, req.tokens, this.estimateTokens);
    const result: RepoMapResultT = { text: fitted.text, tokens: fitted.tokens, files: fitted.files };
    setLru(this.results, rkey, result);
    return result;
  }

  /**
   * Brings the cached vectors to the graph's generation. When files came or went they are
   * recomputed (global: power iteration, warm-started; personalised: dropped, pushed again on use);
   * after edits only, each vector is corrected by a local push of the change's residual.
   */
  private advance(): void {
    const g = this.graph;
    if (this.vectorsGeneration === g.generation && this.global) return;
    const { structural, changes } = g.takeChanges();
    const edges = (i: number): OutEdges | null => g.edges(i);
    if (!this.global || structural || this.global.length !== g.size) {
      let live = 0;
      for (const node of g.nodes) if (node) live++;
      const p = new Float64Array(g.size);
      for (let i = 0; i < g.size; i++) if (g.nodes[i]) p[i] = 1 / Math.max(1, live);
      const initial = this.global ? new Float64Array(g.size) : null;
      if (initial && this.global) initial.set(this.global.subarray(0, Math.min(g.size, this.global.length)));
      this.global = pagerank(g.size, edges, { personalization: p, initial, maxIterations: 100 });
      this.ppr.clear();
      this.history.length = 0;
    } else if (changes.length > 0) {
      // A copy: ranks cached for the previous generation keep their own vector.
      const next = Float64Array.from(this.global);
      updatePageRank(next, edges, changes, { epsilon: GLOBAL_UPDATE_EPSILON });
      this.global = next;
      this.history.push({ from: this.vectorsGeneration, to: g.generation, changes });
      if (this.history.length > HISTORY) this.history.shift();
    } else {
      this.history.push({ from: this.vectorsGeneration, to: g.generation, changes: [] });
      if (this.history.length > HISTORY) this.history.shift();
    }
    this.vectorsGeneration = g.generation;
  }

  /** The graph's PageRank with uniform teleport, current. */
  globalRank(): Float64Array {
    this.advance();
    return this.global!;
  }

  /**
   * Personalised rank = (1 − FOCUS)·global + FOCUS·PPR(mentioned files and the definers of
   * mentioned identifiers). PageRank is linear in its teleport vector, so this equals a PageRank
   * whose teleport is that mixture (up to how dangling mass is returned); the PPR part is a local
   * push from the seeds, so a new task costs its neighbourhood, not the repository, and it is
   * cached per seed set and corrected locally after edits like the global vector.
   */
  rank(files: string[], idents: string[]): Float64Array {
    const g = this.graph;
    const global = this.globalRank();
    const focus = new Set<number>();
    for (const f of files) {
      const exact = g.indexOf(f);
      if (exact !== undefined) focus.add(exact);
      else for (const node of g.nodes) if (node && (node.path.endsWith(`/${f}`) || node.path === f)) focus.add(node.index);
    }
    for (const id of idents) for (const i of g.definedIn.get(id) ?? []) focus.add(i);
    if (focus.size === 0) return global;
    const seedKey = [...focus].sort((a, b) => a - b).join(',');
    const ppr = this.personalized(seedKey, focus);
    const rank = new Float64Array(g.size);
    for (let i = 0; i < g.size; i++) rank[i] = (1 - FOCUS) * global[i]! + FOCUS * ppr[i]!;
    return rank;
  }

  /**
   * The PPR vector of a seed set at the current generation: cached, brought forward through the
   * recorded change batches by a local push (only when used), or pushed from scratch.
   */
  private personalized(seedKey: string, focus: Set<number>): Float64Array {
    const g = this.graph;
    const cached = this.ppr.get(seedKey);
    if (cached) {
      if (cached.generation === this.vectorsGeneration) return cached.vec;
      const start = this.history.findIndex((b) => b.from === cached.generation);
      if (start >= 0 && this.history[this.history.length - 1]!.to === this.vectorsGeneration) {
        const vec = Float64Array.from(cached.vec);
        const edges = (i: number): OutEdges | null => g.edges(i);
        for (const batch of this.history.slice(start)) if (batch.changes.length) updatePageRank(vec, edges, batch.changes, { epsilon: PUSH_EPSILON });
        setLru(this.ppr, seedKey, { vec, generation: this.vectorsGeneration });
        return vec;
      }
    }
    const seeds = new Map<number, number>();
    for (const i of focus) seeds.set(i, 1 / focus.size);
    const vec = personalizedPush(g.size, (i) => g.edges(i), seeds, { epsilon: PUSH_EPSILON });
    setLru(this.ppr, seedKey, { vec, generation: this.vectorsGeneration });
    return vec;
  }

  /**
   * Ranked entries, best first: a definition scores its file's rank times an in-file weight in
   * [0, 1] (kind, exported, top level, how many files reference the name), times MENTION_BOOST
   * when the task names it. Files are visited in rank order and collection stops well past what
   * the budget can show, so the work is bounded by the budget, not the repository.
   */
  entries(rank: Float64Array, mentioned: Set<string>, budget: number): MapEntry[] {
    const g = this.graph;
    // Every rendered entry costs at least a few tokens, so a budget shows at most budget/3 entries.
    const cap = Math.ceil(budget / 3);
    // Only the best-ranked files can contribute: find them through a native numeric sort of the
    // ranks (a threshold), widening until enough entries are in hand, instead of sorting every file.
    const sortedRanks = Float64Array.from(rank).sort();
    let want = 64;
    let out: MapEntry[] = [];
    for (;;) {
      const threshold = want >= sortedRanks.length ? -1 : sortedRanks[sortedRanks.length - want]!;
      const top: number[] = [];
      for (let i = 0; i < g.size; i++) if (g.nodes[i] && rank[i]! >= threshold) top.push(i);
      top.sort((a, b) => rank[b]! - rank[a]! || a - b);
      out = [];
      for (const i of top) {
        if (out.length >= cap * 2) break;
        this.fileEntries(g.nodes[i]!, rank[i]!, mentioned, out);
      }
      if (out.length >= cap * 2 || threshold < 0) break;
      want *= 4;
    }
    out.sort((a, b) => b.score - a.score || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    if (out.length > cap) out.length = cap;
    return out;
  }

  private fileEntries(node: FileNode, fileRank: number, mentioned: Set<string>, out: MapEntry[]): void {
    if (node.symbols.length === 0) {
      out.push({ file: node.path, line: -1, signature: '', member: false, score: fileRank * 0.5 });
      return;
    }
    for (const s of node.symbols) {
      const refs = this.graph.referencedIn.get(s.name);
      const users = refs ? refs.size - (refs.has(node.index) ? 1 : 0) : 0;
      let w = KIND_WEIGHT[s.kind] * (s.exported ? 1 : 0.5) * (s.container ? 0.6 : 1) * (0.5 + 0.5 * Math.min(1, Math.log2(1 + users) / 6));
      if (mentioned.has(s.name)) w *= MENTION_BOOST;
      out.push({ file: node.path, line: s.line, signature: s.signature, member: s.container !== null, score: fileRank * w });
    }
  }
}
