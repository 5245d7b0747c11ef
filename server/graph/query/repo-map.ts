/**
 * The repo map: personalised PageRank over the file graph, turned into ranked entries (files and
 * their key signatures) and fitted to a token budget. Caches ranks per (graph generation,
 * personalisation) and results per budget; a changed file re-reads only that file's rows.
 */
import type { RepoMapResultT } from '../../../protocol-ext/graph.js';
import type { FileGraph, FileNode, MapSymbol } from './file-graph.js';
import { pagerank } from './pagerank.js';
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
/** Share of teleport mass that goes to mentioned files; the rest stays uniform so nothing starves. */
const FOCUS = 0.9;
const CACHE_SIZE = 16;

function setLru<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > CACHE_SIZE) map.delete(map.keys().next().value as K);
}

export class RepoMapper {
  private readonly ranks = new Map<string, Float64Array>();
  private readonly results = new Map<string, RepoMapResultT>();
  private lastRank: Float64Array | null = null;

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

  /** Personalised PageRank; warm-started from the previous vector when the graph kept its size. */
  rank(files: string[], idents: string[]): Float64Array {
    const g = this.graph;
    const n = g.size;
    let live = 0;
    for (const node of g.nodes) if (node) live++;
    const p = new Float64Array(n);
    const focus = new Set<number>();
    for (const f of files) {
      const exact = g.indexOf(f);
      if (exact !== undefined) focus.add(exact);
      else for (const node of g.nodes) if (node && (node.path.endsWith(`/${f}`) || node.path === f)) focus.add(node.index);
    }
    for (const id of idents) for (const i of g.definedIn.get(id) ?? []) focus.add(i);
    for (let i = 0; i < n; i++) if (g.nodes[i]) p[i] = (focus.size ? 1 - FOCUS : 1) / Math.max(1, live);
    for (const i of focus) p[i]! += FOCUS / focus.size;
    const rank = pagerank(n, (i) => g.edges(i), { personalization: p, initial: this.lastRank });
    this.lastRank = rank;
    return rank;
  }

  /**
   * Ranked entries, best first: a definition scores its file's rank times an in-file weight in
   * [0, 1] (kind, exported, top level, how many files reference the name), times MENTION_BOOST
   * when the task names it. Files are visited in rank order and collection stops well past what
   * the budget can show, so the work is bounded by the budget, not the repository.
   */
  entries(rank: Float64Array, mentioned: Set<string>, budget: number): MapEntry[] {
    const g = this.graph;
    const order: number[] = [];
    for (let i = 0; i < g.size; i++) if (g.nodes[i]) order.push(i);
    order.sort((a, b) => rank[b]! - rank[a]! || g.nodes[a]!.path.localeCompare(g.nodes[b]!.path));
    // Every rendered entry costs at least a few tokens, so a budget shows at most budget/3 entries.
    const cap = Math.ceil(budget / 3);
    const out: MapEntry[] = [];
    for (const i of order) {
      if (out.length >= cap * 2) break;
      const node = g.nodes[i]!;
      this.fileEntries(node, rank[i]!, mentioned, out);
    }
    out.sort((a, b) => b.score - a.score || a.file.localeCompare(b.file) || a.line - b.line);
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
