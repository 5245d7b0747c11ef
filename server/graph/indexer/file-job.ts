/**
 * One file's indexing work, the same on a worker and on the main thread: read the bytes, skip
 * binaries / generated / minified files, hash, compare with the stored hash, parse and extract.
 * Returns plain data (structured-clone safe); never touches the store.
 */
import { readFileSync } from 'node:fs';
import { contentHash } from '../extract/content-hash.js';
import { extractSource, toExtractedFile, type ExtractEngine } from '../extract/extract-file.js';
import type { ExtractResult } from '../extract/extract-symbols.js';
import type { ExtractedFile, Language } from '../types.js';
import { errorMessage } from '../../core/errors.js';
import { generatedReason, looksBinary } from './file-filter.js';

export interface FileJob {
  path: string;
  absPath: string;
  language: Language;
  mtimeMs: number;
  /** The hash the store holds for this path, if any: equal content is not re-parsed. */
  knownHash: string | null;
  /** Size in bytes from the walk (for chunking and memory accounting; 0 when unknown). */
  size: number;
  /** 'binding' keeps the Node binding's parser even when the native extractor is built (tests, fallback). */
  engine?: ExtractEngine;
}

export type FileJobResult =
  | { status: 'parsed'; file: ExtractedFile }
  | { status: 'unchanged'; path: string; mtimeMs: number }
  | { status: 'skipped'; path: string; reason: string };

/** A job's file read and screened: its text, or already a final result (unreadable, binary, unchanged, generated). */
export type FileRead = FileJobResult | { status: 'read'; text: string; hash: string };

export function readFileJob(job: FileJob): FileRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(job.absPath);
  } catch (err) {
    return { status: 'skipped', path: job.path, reason: `unreadable: ${errorMessage(err)}` };
  }
  if (looksBinary(bytes)) return { status: 'skipped', path: job.path, reason: 'binary' };
  const hash = contentHash(bytes);
  if (hash === job.knownHash) return { status: 'unchanged', path: job.path, mtimeMs: job.mtimeMs };
  const text = bytes.toString('utf8');
  const generated = generatedReason(text);
  if (generated) return { status: 'skipped', path: job.path, reason: generated };
  return { status: 'read', text, hash };
}

export function runFileJob(job: FileJob): FileJobResult {
  const read = readFileJob(job);
  if (read.status !== 'read') return read;
  return parsedResult(job.path, job.language, read.text, read.hash, job.mtimeMs, extractSource(job.language, read.text, job.engine));
}

/** Extraction of text already in memory (open buffers, didChange). */
export function extractText(path: string, language: Language, text: string, hash: string, mtimeMs: number): FileJobResult {
  const generated = generatedReason(text);
  if (generated) return { status: 'skipped', path, reason: generated };
  return parsedResult(path, language, text, hash, mtimeMs, extractSource(language, text));
}

export function parsedResult(path: string, language: Language, text: string, hash: string, mtimeMs: number, result: ExtractResult): FileJobResult {
  return { status: 'parsed', file: toExtractedFile({ path, text, hash, mtimeMs }, language, result) };
}
