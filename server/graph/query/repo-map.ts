/**
 * The repo map: personalised PageRank over the file graph, turned into ranked entries (files and
 * their key signatures) and fitted to a token budget; inside a file, definitions the task names
 * come first, then word-sharing ones, then their in-file callers and callees. Caches ranks per
 * (graph generation, personalisation) and results per budget; never scans the whole repository
 * per request.
 */
import type { RepoMapResultT } from '../../../protocol-ext/graph.js';
import type { FileGraph, FileNode, MapSymbol } from './file-graph.js';
import { pagerank, personalizedPush, updatePageRank, type EdgeChange, type OutEdges } from './pagerank.js';
import { defaultEstimateTokens, fitMapToBudget, type EstimateTokens, type MapEntry } from './repo-map-render.js';
import { identifierParts } from '../store/identifier-tokens.js';

export interface RepoMapRequest {
  tokens: number;
  /** Files the task mentions (workspace-relative paths or path suffixes such as `user.ts`). */
  files?: string[];
  /**
   * Identifiers the task mentions (case-insensitive; `Class.method`, `Class#method` and
   * `Class::method` name a member): files defining them and the definitions themselves rank up.
   */
  identifiers?: string[];
}

/** A mentioned definition, lowercased: `UserStore.parseUser` → name `parseuser`, container `userstore`. */
interface Mention {
  /** The name as written (exact-case look-up). */
  raw: string;
  name: string;
  container: string | null;
}

/** What a request's identifiers resolve to at one graph generation. */
export interface MapFocus {
  /** Files defining a mentioned identifier (the personalisation's seeds). */
  files: Set<number>;
  /** Per file, the definitions a mention names (shown first, always, when the file is shown). */
  named: Map<number, Set<MapSymbol>>;
  /** Lowercase word parts of the mentioned identifiers (2+ characters). */
  tokens: Set<string>;
}

const KIND_WEIGHT: Record<MapSymbol['kind'], number> = {
  class: 1, interface: 1, function: 0.9, type: 0.8, enum: 0.8, method: 0.7, module: 0.6, constant: 0.5, field: 0.3, variable: 0.3,
};
/** A named definition scores this times its file's best in-file weight, so it leads its file. */
const MENTION_BOOST = 3;
/** Case-folded definers read from the store per mentioned name (exact-case definers are all used). */
const FOLDED_DEFINERS = 64;
/** Files per request whose references are read to find the named definitions' callers and callees. */
const RELATED_FILES = 8;
/** In-file tiers: named > shares words with a mention > calls or is called by a named one > rest. */
const TIER_NAMED = 3;
const TIER_TOKENS = 2;
const TIER_RELATED = 1;
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

/** `UserStore.parseUser`, `UserStore#parseUser`, `UserStore::parseUser` → member of a container. */
function parseMention(ident: string): Mention | null {
  // `parseUser()` and `parseUser(raw)` as written in prose name the function.
  const parts = ident.trim().replace(/\(.*$/s, '').split(/\.|#|::/).filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  const raw = parts[parts.length - 1]!;
  const name = raw.toLowerCase();
  return { raw, name, container: parts.length > 1 ? parts[parts.length - 2]!.toLowerCase() : null };
}

/**
 * A file's symbol names lowercased and joined (one substring test per mentioned word tells
 * whether any name can share it), then lazily per symbol its lowercase name and word parts.
 */
interface NodeWords {
  joined: string;
  lower: string[] | null;
  parts: Array<string[] | undefined>;
}
/** Per FileNode (the graph replaces a node when its file changes, so entries never go stale). */
const wordsCache = new WeakMap<FileNode, NodeWords>();
function wordsOf(node: FileNode): NodeWords {
  let w = wordsCache.get(node);
  if (!w) {
    w = { joined: node.symbols.map((s) => s.name).join('\n').toLowerCase(), lower: null, parts: [] };
    wordsCache.set(node, w);
  }
  return w;
}

/** A ranked entry with its position inside its file (the tie-break between equal scores). */
type RankedEntry = MapEntry & { order: number };

export class RepoMapper {
  private readonly ranks = new Map<string, { rank: Float64Array; focus: MapFocus | null }>();
  /** Per (generation, file): its references as lowercase (name, enclosing symbol) pairs. */
  private readonly fileRefs = new Map<string, Array<{ name: string; from: string | null }>>();
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
    let ranked = this.ranks.get(pkey);
    if (!ranked) {
      const focus = idents.length > 0 ? this.resolve(idents) : null;
      ranked = { rank: this.rank(files, focus), focus };
      setLru(this.ranks, pkey, ranked);
    }
    const entries = this.entries(ranked.rank, ranked.focus, req.tokens);
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
  rank(files: string[], mentioned: MapFocus | null): Float64Array {
    const g = this.graph;
    const global = this.globalRank();
    const focus = new Set<number>();
    for (const f of files) {
      const exact = g.indexOf(f);
      if (exact !== undefined) focus.add(exact);
      else for (const node of g.nodes) if (node && (node.path.endsWith(`/${f}`) || node.path === f)) focus.add(node.index);
    }
    for (const i of mentioned?.files ?? []) focus.add(i);
    if (focus.size === 0) return global;
    const seedKey = [...focus].sort((a, b) => a - b).join(',');
    const ppr = this.personalized(seedKey, focus);
    const rank = new Float64Array(g.size);
    for (let i = 0; i < g.size; i++) rank[i] = (1 - FOCUS) * global[i]! + FOCUS * ppr[i]!;
    return rank;
  }

  /**
   * The definitions the identifiers name, case-insensitively: every exact-case definer from the
   * graph plus a bounded number of other-case ones from the store's name-key index; a
   * `Container.member` mention keeps only members of that container when any exist. Costs the
   * definer files' symbol lists, never the repository.
   */
  resolve(idents: string[]): MapFocus {
    const g = this.graph;
    const files = new Set<number>();
    const named = new Map<number, Set<MapSymbol>>();
    const tokens = new Set<string>();
    for (const ident of idents) {
      for (const t of identifierParts(ident)) if (t.length > 1) tokens.add(t);
      const m = parseMention(ident);
      if (!m) continue;
      const definers = new Set<number>();
      for (const i of g.definedIn.get(m.raw) ?? []) definers.add(i);
      for (const c of g.store.nameCandidates(m.raw, FOLDED_DEFINERS)) {
        if (c.name.toLowerCase() !== m.name) continue;
        const i = g.indexOf(c.file);
        if (i !== undefined) definers.add(i);
      }
      const byName: Array<[number, MapSymbol]> = [];
      const inContainer: Array<[number, MapSymbol]> = [];
      for (const i of [...definers].sort((a, b) => a - b)) {
        for (const s of g.nodes[i]?.symbols ?? []) {
          if (s.name.toLowerCase() !== m.name) continue;
          byName.push([i, s]);
          if (m.container !== null && s.container?.toLowerCase() === m.container) inContainer.push([i, s]);
        }
      }
      for (const [i, s] of inContainer.length > 0 ? inContainer : byName) {
        // The definition's own spelling splits into words even when the mention was lowercased.
        for (const t of identifierParts(s.name)) if (t.length > 1) tokens.add(t);
        files.add(i);
        const set = named.get(i);
        if (set) set.add(s);
        else named.set(i, new Set([s]));
      }
    }
    return { files, named, tokens };
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
   * [0, 1] (kind, exported, top level, how many files reference the name). With mentioned
   * identifiers a file's definitions are reordered by tier (see fileEntries). Files are visited in
   * rank order and collection stops well past what the budget can show, so the work is bounded by
   * the budget, not the repository.
   */
  entries(rank: Float64Array, focus: MapFocus | null, budget: number): MapEntry[] {
    const g = this.graph;
    // Every rendered entry costs at least a few tokens, so a budget shows at most budget/3 entries.
    const cap = Math.ceil(budget / 3);
    // Only the best-ranked files can contribute: find them through a native numeric sort of the
    // ranks (a threshold), widening until enough entries are in hand, instead of sorting every file.
    const sortedRanks = Float64Array.from(rank).sort();
    let want = 64;
    let out: RankedEntry[] = [];
    // A widened pass revisits the files of the narrower one: their entries are kept, not redone.
    const perFile = new Map<number, RankedEntry[]>();
    const related = { budget: RELATED_FILES };
    const visit = (i: number): void => {
      let list = perFile.get(i);
      if (!list) {
        list = [];
        this.fileEntries(g.nodes[i]!, rank[i]!, focus, related, list);
        perFile.set(i, list);
      }
      for (const e of list) out.push(e);
    };
    for (;;) {
      const threshold = want >= sortedRanks.length ? -1 : sortedRanks[sortedRanks.length - want]!;
      const top: number[] = [];
      for (let i = 0; i < g.size; i++) if (g.nodes[i] && rank[i]! >= threshold) top.push(i);
      top.sort((a, b) => rank[b]! - rank[a]! || a - b);
      out = [];
      const visited = new Set<number>();
      for (const i of top) {
        if (out.length >= cap * 2) break;
        visited.add(i);
        visit(i);
      }
      if (out.length >= cap * 2 || threshold < 0) {
        // A big file early in the order can fill the collection on its own; files defining a
        // named identifier compete anyway (there are few: the definers of the mentions).
        for (const i of [...(focus?.named.keys() ?? [])].sort((a, b) => a - b)) if (!visited.has(i) && g.nodes[i]) visit(i);
        break;
      }
      want *= 4;
    }
    out.sort((a, b) => b.score - a.score || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.order - b.order));
    if (out.length > cap) out.length = cap;
    return out;
  }

  /**
   * One file's entries. Without a focus: file rank × in-file weight, ties in source order. With
   * one, the definitions are ordered named > sharing words with a mention (more shared words
   * first) > calling or called by a named one in this file > rest, each tier by weight; the k-th
   * of them takes the file's k-th best weight, so the file's share of the map is what it was and
   * only which of its definitions fill it changes. Named ones score MENTION_BOOST × the best
   * weight, strictly above every other entry of the file: shown whenever the file is.
   */
  private fileEntries(node: FileNode, fileRank: number, focus: MapFocus | null, related: { budget: number }, out: RankedEntry[]): void {
    if (node.symbols.length === 0) {
      out.push({ file: node.path, line: -1, signature: '', member: false, score: fileRank * 0.5, order: 0 });
      return;
    }
    const syms = node.symbols;
    const weights = new Float64Array(syms.length);
    for (let i = 0; i < syms.length; i++) {
      const s = syms[i]!;
      const refs = this.graph.referencedIn.get(s.name);
      const users = refs ? refs.size - (refs.has(node.index) ? 1 : 0) : 0;
      weights[i] = KIND_WEIGHT[s.kind] * (s.exported ? 1 : 0.5) * (s.container ? 0.6 : 1) * (0.5 + 0.5 * Math.min(1, Math.log2(1 + users) / 6));
    }
    const tiers = focus ? this.tiers(node, focus, related) : null;
    if (!tiers) {
      for (let i = 0; i < syms.length; i++) {
        const s = syms[i]!;
        out.push({ file: node.path, line: s.line, signature: s.signature, member: s.container !== null, score: fileRank * weights[i]!, order: s.line });
      }
      return;
    }
    const { tier, shared } = tiers;
    const n = syms.length;
    const byTier = new Array<number>(n);
    for (let i = 0; i < n; i++) byTier[i] = i;
    byTier.sort((a, b) => tier[b]! - tier[a]! || shared[b]! - shared[a]! || weights[b]! - weights[a]! || syms[a]!.line - syms[b]!.line || a - b);
    // Ascending (native numeric sort): the k-th best weight is ascending[n - 1 - k].
    const ascending = weights.slice().sort();
    const best = ascending[n - 1]!;
    for (let k = 0; k < n; k++) {
      const i = byTier[k]!;
      const s = syms[i]!;
      const w = tier[i] === TIER_NAMED ? MENTION_BOOST * best : ascending[n - 1 - k]!;
      out.push({ file: node.path, line: s.line, signature: s.signature, member: s.container !== null, score: fileRank * w, order: k });
    }
  }

  /**
   * Each definition's tier and number of words shared with the mentions, or null when nothing in
   * the file is focused (it keeps its plain order). Callers and callees come from the file's
   * references, read for at most RELATED_FILES files per request.
   */
  private tiers(node: FileNode, focus: MapFocus, related: { budget: number }): { tier: Uint8Array; shared: Uint8Array } | null {
    const syms = node.symbols;
    const tier = new Uint8Array(syms.length);
    const shared = new Uint8Array(syms.length);
    const named = focus.named.get(node.index);
    let words: NodeWords | null = null;
    if (focus.tokens.size > 0) {
      const w = wordsOf(node);
      for (const t of focus.tokens) {
        if (w.joined.includes(t)) {
          words = w;
          break;
        }
      }
      if (words) words.lower ??= node.symbols.map((s) => s.name.toLowerCase());
    }
    if (!named && !words) return null;
    let any = false;
    for (let i = 0; i < syms.length; i++) {
      const s = syms[i]!;
      if (named?.has(s)) {
        tier[i] = TIER_NAMED;
        any = true;
        continue;
      }
      if (!words) continue;
      // A substring test first: most names contain no mentioned word, and splitting is dearer.
      const lower = words.lower![i]!;
      let maybe = false;
      for (const t of focus.tokens) {
        if (lower.includes(t)) {
          maybe = true;
          break;
        }
      }
      if (!maybe) continue;
      const parts = (words.parts[i] ??= [...new Set(identifierParts(s.name))]);
      let n = 0;
      for (const p of parts) if (focus.tokens.has(p)) n++;
      if (n > 0) {
        tier[i] = TIER_TOKENS;
        shared[i] = Math.min(255, n);
        any = true;
      }
    }
    if (named && related.budget > 0) {
      related.budget--;
      const names = new Set<string>();
      const containers = new Set<string>();
      for (const s of named) {
        names.add(s.name.toLowerCase());
        if (s.container) containers.add(s.container.toLowerCase());
      }
      const near = new Set<string>(containers);
      for (const r of this.referencesOf(node.path)) {
        if (r.from !== null && names.has(r.from)) near.add(r.name);
        if (r.from !== null && names.has(r.name)) near.add(r.from);
      }
      for (let i = 0; i < syms.length; i++) {
        if (tier[i] === 0 && near.has(syms[i]!.name.toLowerCase())) {
          tier[i] = TIER_RELATED;
          any = true;
        }
      }
    }
    return any ? { tier, shared } : null;
  }

  /** A file's references as lowercase (name, enclosing symbol) pairs, cached per generation. */
  private referencesOf(path: string): Array<{ name: string; from: string | null }> {
    const key = `${this.graph.generation}\u0000${path}`;
    let refs = this.fileRefs.get(key);
    if (!refs) {
      refs = this.graph.store.referencesInFile(path).map((r) => ({ name: r.name.toLowerCase(), from: r.fromSymbol?.toLowerCase() ?? null }));
      setLru(this.fileRefs, key, refs);
    }
    return refs;
  }
}
