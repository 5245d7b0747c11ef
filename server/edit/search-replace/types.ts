/**
 * Shared shapes of the search/replace engine: options, results, the line model of a file and a
 * located match. Plain data only; no logic and no I/O here.
 */

export interface SearchReplaceOptions {
  /** Replace every occurrence instead of refusing when the search text occurs more than once. */
  replaceAll?: boolean;
  /** For an empty search (create): whether the target file already exists. */
  fileExists?: boolean;
  /** Whole-file rewrites: allow shrinking a large file by more than half. */
  allowShrink?: boolean;
  /** Workspace-relative path, used in messages and for language hints (`.py`, `.md`). */
  path?: string;
}

export type RefusalCode = 'no_match' | 'ambiguous' | 'refused' | 'exists' | 'invalid';

export type SearchReplaceResult =
  | { ok: true; text: string; strategy: string; matches?: number; notes?: string[] }
  | { ok: false; error: string; code: RefusalCode };

export type Refusal = Extract<SearchReplaceResult, { ok: false }>;

/** A file as lines without terminators, each with its own terminator ('' for a last line without one). */
export interface LineDoc {
  bom: boolean;
  lines: string[];
  eols: string[];
  /** Dominant line ending, used for inserted lines. */
  eol: '\n' | '\r\n';
}

/**
 * Where a search block landed. `align[i]` is the file line index that search line i stands for
 * (-1: none, e.g. a blank line the file lacks). `elided[i]` is set for elision-marker lines: the
 * half-open file line range the marker stands for.
 */
export interface LineMatch {
  start: number;
  end: number;
  align: number[];
  elided: Array<[number, number] | undefined>;
  /** 0..1, only for fuzzy matches. */
  score?: number;
}

export function refuse(code: RefusalCode, error: string): Refusal {
  return { ok: false, code, error };
}
