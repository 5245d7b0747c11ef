/**
 * The memory storage contract: project memories (typed notes) and task evidence (what a tool call
 * tried and how it ended). Two implementations: SQLite tables in `.smallcode/graph.db`, and a
 * JSON fallback. Candidate lookups are unranked; ranking lives in recall-rank.ts.
 */

export type MemoryKind = 'convention' | 'fact' | 'decision';
export const MEMORY_KINDS: readonly MemoryKind[] = ['convention', 'fact', 'decision'];

export interface MemoryRecord {
  id: number;
  kind: MemoryKind;
  text: string;
  /** Who said so: 'user', 'agent', a task id, a file. */
  source: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export type EvidenceOutcome = 'ok' | 'failed';

export interface EvidenceRecord {
  id: number;
  taskId: string;
  tool: string;
  /** A short summary of the arguments (a path, a command), not the full payload. */
  args: string;
  outcome: EvidenceOutcome;
  error: string | null;
  createdAt: number;
}

export type NewMemory = Omit<MemoryRecord, 'id' | 'createdAt'> & { createdAt?: number };
export type NewEvidence = Omit<EvidenceRecord, 'id' | 'createdAt'> & { createdAt?: number };

/** Evidence older than the newest this many rows is pruned; memories are kept until forgotten. */
export const EVIDENCE_KEEP = 10_000;
export const MAX_ARGS_CHARS = 300;
export const MAX_ERROR_CHARS = 500;

export interface MemoryStore {
  readonly kind: 'sqlite' | 'json';
  readonly location: string;
  /** Adds a memory; an identical (kind, text) memory is returned instead of duplicated. */
  addMemory(m: NewMemory): { memory: MemoryRecord; created: boolean };
  getMemory(id: number): MemoryRecord | undefined;
  /** Newest first. */
  listMemories(kind: MemoryKind | undefined, limit: number): MemoryRecord[];
  /** Memories with a word starting with any of the lowercase tokens, newest first, at most `limit`. */
  memoryCandidates(tokens: string[], limit: number): MemoryRecord[];
  forgetMemory(id: number): boolean;
  addEvidence(e: NewEvidence): EvidenceRecord;
  /** Evidence whose tool, args or error has a word starting with any token, newest first. */
  evidenceCandidates(tokens: string[], limit: number): EvidenceRecord[];
  /** Newest first, optionally for one task. */
  recentEvidence(limit: number, taskId?: string): EvidenceRecord[];
  close(): void;
}

/** What either store keeps of new evidence: clipped args and error, a creation time. */
export function normalizeEvidence(e: NewEvidence): Omit<EvidenceRecord, 'id'> {
  return {
    taskId: e.taskId,
    tool: e.tool,
    args: clipText(e.args, MAX_ARGS_CHARS),
    outcome: e.outcome,
    error: e.error === null ? null : clipText(e.error, MAX_ERROR_CHARS),
    createdAt: e.createdAt ?? Date.now(),
  };
}

export function clipText(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}
