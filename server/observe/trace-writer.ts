/**
 * Traces: one JSONL file per task under `.smallcode/traces/<taskId>.jsonl` (a line per model call,
 * tool call, governor decision and the final result), secrets redacted before anything is written.
 * Also reads them back for `smallcode/stats` and `smallcode/tokens`. Never throws into the agent.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRedactor, type RedactOptions } from './redact.js';

export type TraceRecord =
  | { type: 'task'; taskId: string; task: string; model: string; baseUrl: string; mode: string; at: string }
  | { type: 'model'; taskId: string; turn: number; model: string; purpose: string; prompt: number; completion: number; estimated: boolean; ms: number; messages: number; finishReason: string | null; calls: number; fromText: boolean; repairs: string[]; at: string }
  | { type: 'tool'; taskId: string; turn: number; name: string; args: unknown; ok: boolean; ms: number; cached: boolean; output: string; at: string }
  | { type: 'governor'; taskId: string; turn: number; kind: string; reason: string; at: string }
  | { type: 'result'; taskId: string; success: boolean; summary: string; toolCalls: number; modelCalls: number; auxCalls: number; prompt: number; completion: number; durationMs: number; model: string; stopReason: string; at: string };

export function tracesDir(root: string): string {
  return join(root, '.smallcode', 'traces');
}

export class TraceWriter {
  private readonly file: string;
  private readonly redact: ReturnType<typeof createRedactor>;
  private failed = false;

  constructor(root: string, taskId: string, opts: RedactOptions = {}) {
    const dir = tracesDir(root);
    this.file = join(dir, `${taskId}.jsonl`);
    this.redact = createRedactor(opts);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      this.failed = true;
      process.stderr.write(`smallcode: traces disabled (${String(err)})\n`);
    }
  }

  write(record: TraceRecord): void {
    if (this.failed) return;
    try {
      appendFileSync(this.file, JSON.stringify(this.redact.value(record)) + '\n');
    } catch (err) {
      // A full disk must not stop the task; say it once.
      this.failed = true;
      process.stderr.write(`smallcode: cannot write trace ${this.file}: ${String(err)}\n`);
    }
  }
}

/** Every record of every trace (or of one task), oldest file first; bad lines are skipped. */
export function readTraces(root: string, taskId?: string): TraceRecord[] {
  const dir = tracesDir(root);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl') && (!taskId || f === `${taskId}.jsonl`)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: TraceRecord[] = [];
  for (const f of files) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as TraceRecord);
      } catch (err) {
        void err; // a line cut by a crash mid-write is expected; the rest of the file still counts
      }
    }
  }
  return out;
}
