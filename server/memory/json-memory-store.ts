/**
 * MemoryStore fallback when better-sqlite3 cannot load: arrays in memory, written to
 * `.smallcode/memory.json` by write-then-rename after every change (memories are few and small).
 * Same contract and candidate semantics as the SQLite store.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SmallCodeError, errorMessage } from '../core/errors.js';
import { textWords } from '../graph/store/identifier-tokens.js';
import {
  EVIDENCE_KEEP, clipText, normalizeEvidence,
  type EvidenceRecord, type MemoryKind, type MemoryRecord, type MemoryStore, type NewEvidence, type NewMemory,
} from './memory-store.js';

export const JSON_MEMORY_FORMAT_VERSION = 1;

interface JsonMemoryFile {
  format: 'smallcode-memory';
  version: number;
  nextId: number;
  memories: MemoryRecord[];
  evidence: EvidenceRecord[];
}

const newestFirst = (a: { createdAt: number; id: number }, b: { createdAt: number; id: number }): number => b.createdAt - a.createdAt || b.id - a.id;

function matchesAny(tokens: string[], text: string): boolean {
  const words = textWords(text);
  return tokens.some((t) => words.some((w) => w.startsWith(t)));
}

export class JsonMemoryStore implements MemoryStore {
  readonly kind = 'json' as const;
  readonly location: string;
  private nextId = 1;
  private memories: MemoryRecord[] = [];
  private evidence: EvidenceRecord[] = [];

  constructor(location: string) {
    this.location = location;
    if (!existsSync(location)) return;
    let data: JsonMemoryFile;
    try {
      data = JSON.parse(readFileSync(location, 'utf8')) as JsonMemoryFile;
    } catch (err) {
      // Memories are the user's notes: never silently start over on top of them.
      throw new SmallCodeError('StoreFailed', `${location} is not readable JSON: ${errorMessage(err)}`, { tried: `read ${location}`, next: 'Fix or move the file aside.' });
    }
    if (data.version > JSON_MEMORY_FORMAT_VERSION) {
      throw new SmallCodeError('StoreFailed', `${location} has memory format version ${data.version}, newer than this SmallCode understands (${JSON_MEMORY_FORMAT_VERSION}).`, {
        tried: `open ${location}`,
        next: 'Upgrade smallcode; memories are kept in that file and are not discarded.',
      });
    }
    this.nextId = data.nextId;
    this.memories = data.memories;
    this.evidence = data.evidence;
  }

  private save(): void {
    const data: JsonMemoryFile = { format: 'smallcode-memory', version: JSON_MEMORY_FORMAT_VERSION, nextId: this.nextId, memories: this.memories, evidence: this.evidence };
    const tmp = `${this.location}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.location);
    } catch (err) {
      throw new SmallCodeError('StoreFailed', `Could not write ${this.location}: ${errorMessage(err)}`, { tried: `write ${tmp}` }, { cause: err });
    }
  }

  addMemory(m: NewMemory): { memory: MemoryRecord; created: boolean } {
    const same = this.memories.find((x) => x.kind === m.kind && x.text === m.text);
    if (same) return { memory: { ...same }, created: false };
    const memory: MemoryRecord = { id: this.nextId++, kind: m.kind, text: m.text, source: m.source, createdAt: m.createdAt ?? Date.now() };
    this.memories.push(memory);
    this.save();
    return { memory: { ...memory }, created: true };
  }

  getMemory(id: number): MemoryRecord | undefined {
    const m = this.memories.find((x) => x.id === id);
    return m && { ...m };
  }

  listMemories(kind: MemoryKind | undefined, limit: number): MemoryRecord[] {
    return this.memories.filter((m) => !kind || m.kind === kind).sort(newestFirst).slice(0, limit).map((m) => ({ ...m }));
  }

  memoryCandidates(tokens: string[], limit: number): MemoryRecord[] {
    if (tokens.length === 0) return [];
    return this.memories.filter((m) => matchesAny(tokens, m.text)).sort(newestFirst).slice(0, limit).map((m) => ({ ...m }));
  }

  forgetMemory(id: number): boolean {
    const i = this.memories.findIndex((m) => m.id === id);
    if (i < 0) return false;
    this.memories.splice(i, 1);
    this.save();
    return true;
  }

  addEvidence(e: NewEvidence): EvidenceRecord {
    const rec: EvidenceRecord = { id: this.nextId++, ...normalizeEvidence(e) };
    this.evidence.push(rec);
    if (this.evidence.length > EVIDENCE_KEEP) this.evidence.splice(0, this.evidence.length - EVIDENCE_KEEP);
    this.save();
    return { ...rec };
  }

  evidenceCandidates(tokens: string[], limit: number): EvidenceRecord[] {
    if (tokens.length === 0) return [];
    return this.evidence
      .filter((e) => matchesAny(tokens, `${e.tool} ${e.args} ${e.error ?? ''}`))
      .sort(newestFirst)
      .slice(0, limit)
      .map((e) => ({ ...e }));
  }

  recentEvidence(limit: number, taskId?: string): EvidenceRecord[] {
    return this.evidence.filter((e) => taskId === undefined || e.taskId === taskId).sort(newestFirst).slice(0, limit).map((e) => ({ ...e }));
  }

  close(): void {
    // Every change is already on disk.
  }
}
