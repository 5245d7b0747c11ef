/**
 * Project memory for the agent and the protocol: the backends of the `memory_load` and
 * `memory_remember` tools (text for the model) and of `smallcode/memory/list|search|forget`
 * (shapes from protocol-ext/memory.ts), plus evidence recording for the task runner.
 */
import type { MemoryT } from '../../protocol-ext/memory.js';
import { SmallCodeError } from '../core/errors.js';
import {
  MEMORY_KINDS, clipText,
  type EvidenceRecord, type MemoryKind, type MemoryRecord, type MemoryStore, type NewEvidence,
} from './memory-store.js';
import { EVIDENCE_HALF_LIFE_DAYS, MEMORY_HALF_LIFE_DAYS, rankRecall, recallTokens } from './recall-rank.js';
import { openMemoryStore, type OpenMemoryStoreOptions } from './open-memory-store.js';

export const MAX_MEMORY_CHARS = 2000;
/** Candidates fetched per recall before ranking: bounded, newest first. */
const CANDIDATES = 300;

export interface MemoryServiceOptions {
  /** Clock (tests pin it). */
  now?: () => number;
}

export interface MemoryLoadResult {
  memories: MemoryT[];
  evidence: EvidenceRecord[];
  /** What the model reads. */
  text: string;
}

function toWire(m: MemoryRecord, score?: number): MemoryT {
  const w: MemoryT = { id: m.id, kind: m.kind, text: m.text, source: m.source, createdAt: new Date(m.createdAt).toISOString() };
  if (score !== undefined) w.score = Math.round(score * 1000) / 1000;
  return w;
}

function minute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function evidenceLine(e: EvidenceRecord): string {
  const result = e.outcome === 'ok' ? 'ok' : `failed${e.error ? `: ${clipText(e.error, 160)}` : ''}`;
  return `${e.tool}${e.args ? ` ${e.args}` : ''} → ${result} (task ${e.taskId}, ${minute(e.createdAt)})`;
}

export class MemoryService {
  readonly store: MemoryStore;
  readonly storeReason: string | undefined;
  private readonly now: () => number;

  constructor(store: MemoryStore, options: MemoryServiceOptions = {}, storeReason?: string) {
    this.store = store;
    this.now = options.now ?? Date.now;
    this.storeReason = storeReason;
  }

  static open(root: string, options: MemoryServiceOptions & OpenMemoryStoreOptions = {}): MemoryService {
    const opened = openMemoryStore(root, options);
    return new MemoryService(opened.store, options, opened.reason);
  }

  /** `memory_remember`: validates, de-duplicates, stores; the text is the tool's answer. */
  remember(kind: string, text: string, source = 'agent'): { memory: MemoryT; created: boolean; text: string } {
    if (!MEMORY_KINDS.includes(kind as MemoryKind)) {
      throw new SmallCodeError('ToolArgsInvalid', `kind must be one of ${MEMORY_KINDS.join(', ')}; got "${kind}".`, { next: 'Use convention, fact or decision.' });
    }
    const body = text.trim();
    if (body === '') throw new SmallCodeError('ToolArgsInvalid', 'text must not be empty.', { next: 'Write the note in one or two sentences.' });
    if (body.length > MAX_MEMORY_CHARS) {
      throw new SmallCodeError('ToolArgsInvalid', `text is ${body.length} characters; the limit is ${MAX_MEMORY_CHARS}.`, { next: 'Keep one note to one fact; split longer notes.' });
    }
    const r = this.store.addMemory({ kind: kind as MemoryKind, text: body, source, createdAt: this.now() });
    const memory = toWire(r.memory);
    return { memory, created: r.created, text: r.created ? `Remembered ${kind} #${memory.id}.` : `Already remembered as ${r.memory.kind} #${memory.id}.` };
  }

  /** `smallcode/memory/search`: ranked by relevance and recency (see recall-rank.ts). */
  search(params: { query: string; limit?: number }): { memories: MemoryT[] } {
    const tokens = recallTokens(params.query);
    const ranked = rankRecall(tokens, this.store.memoryCandidates(tokens, CANDIDATES), (m) => m.text, this.now(), MEMORY_HALF_LIFE_DAYS);
    return { memories: ranked.slice(0, params.limit ?? 10).map((r) => toWire(r.item, r.score)) };
  }

  /** `smallcode/memory/list`: newest first. */
  list(params?: { kind?: MemoryKind; limit?: number }): { memories: MemoryT[] } {
    return { memories: this.store.listMemories(params?.kind, params?.limit ?? 100).map((m) => toWire(m)) };
  }

  /** `smallcode/memory/forget`. */
  forget(params: { id: number }): { forgotten: boolean } {
    return { forgotten: this.store.forgetMemory(params.id) };
  }

  /** Called by the task runner after each tool call. */
  recordEvidence(e: NewEvidence): EvidenceRecord {
    return this.store.addEvidence({ ...e, createdAt: e.createdAt ?? this.now() });
  }

  /**
   * `memory_load`: the memories most relevant to the query and the recent evidence that matches
   * it. An empty query gives the newest memories and the newest evidence.
   */
  load(query: string, limits: { memories?: number; evidence?: number } = {}): MemoryLoadResult {
    const maxM = limits.memories ?? 8;
    const maxE = limits.evidence ?? 5;
    const tokens = recallTokens(query);
    const now = this.now();
    let memories: MemoryT[];
    let evidence: EvidenceRecord[];
    if (tokens.length === 0) {
      memories = this.store.listMemories(undefined, maxM).map((m) => toWire(m));
      evidence = this.store.recentEvidence(maxE);
    } else {
      memories = this.search({ query, limit: maxM }).memories;
      evidence = rankRecall(tokens, this.store.evidenceCandidates(tokens, CANDIDATES), (e) => `${e.tool} ${e.args} ${e.error ?? ''}`, now, EVIDENCE_HALF_LIFE_DAYS)
        .slice(0, maxE)
        .map((r) => r.item);
    }
    const lines: string[] = [];
    if (memories.length) {
      lines.push('Project memory:');
      for (const m of memories) lines.push(`- [${m.kind}] ${m.text} (${m.source}, ${m.createdAt.slice(0, 10)}, #${m.id})`);
    }
    if (evidence.length) {
      lines.push('Recent evidence:');
      for (const e of evidence) lines.push(`- ${evidenceLine(e)}`);
    }
    const text = lines.length ? lines.join('\n') : query.trim() ? `No project memory or evidence matches "${query.trim()}".` : 'No project memory yet.';
    return { memories, evidence, text };
  }

  close(): void {
    this.store.close();
  }
}
