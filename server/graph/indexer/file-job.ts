/**
 * One file's indexing work, the same on a worker and on the main thread: read the bytes, skip
 * binaries / generated / minified files, hash, compare with the stored hash, parse and extract.
 * Returns plain data (structured-clone safe); never touches the store.
 */
import { readFileSync } from 'node:fs';
import { contentHash } from '../extract/content-hash.js';
import { extractSource, toExtractedFile } from '../extract/extract-file.js';
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
}

export type FileJobResult =
  | { status: 'parsed'; file: ExtractedFile }
  | { status: 'unchanged'; path: string; mtimeMs: number }
  | { status: 'skipped'; path: string; reason: string };

export function runFileJob(job: FileJob): FileJobResult {
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
  return extractText(job.path, job.language, text, hash, job.mtimeMs);
}

/** Extraction of text already in memory (open buffers, didChange, and runFileJob above). */
export function extractText(path: string, language: Language, text: string, hash: string, mtimeMs: number): FileJobResult {
  const generated = generatedReason(text);
  if (generated) return { status: 'skipped', path, reason: generated };
  const input = { path, text, hash, mtimeMs };
  return { status: 'parsed', file: toExtractedFile(input, language, extractSource(language, text)) };
}
