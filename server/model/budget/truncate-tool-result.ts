/**
 * Cuts an over-long tool result to head + tail on line boundaries, with a marker that says what was cut
 * and how to read the rest. Pure; the result (marker included) is never longer than maxChars.
 */

export interface TruncateOptions {
  /** Longest result kept whole (SMALLCODE_MAX_TOOL_RESULT_CHARS, default 4000). */
  maxChars?: number;
  /** Name of the tool that produced the text: picks the hint for reading the rest. */
  toolName?: string;
  /** Line number of the first line of `text` in the file it shows (read_file with start_line). */
  firstLine?: number;
  /** Share of the kept characters given to the head (the rest goes to the tail). */
  headShare?: number;
}

export interface TruncateResult {
  text: string;
  truncated: boolean;
  cutChars: number;
  cutLines: number;
}

export const DEFAULT_MAX_TOOL_RESULT_CHARS = 4000;

/** Starts every marker; lets other steps recognise an already-cut result. */
export const TRUNCATION_MARKER_PREFIX = '[... ';

function hintFor(toolName: string | undefined, fromLine: number, toLine: number): string {
  const name = (toolName ?? '').toLowerCase();
  if (/read|view|cat|open|show/.test(name)) return `read them with read_file using start_line=${fromLine} and end_line=${toLine}`;
  if (/search|grep|find|glob|list|ls|symbol/.test(name)) return 'narrow the search (a more specific pattern or a sub-directory) to see them';
  if (/bash|shell|run|exec|test|command|build/.test(name)) return 'rerun the command with its output filtered (e.g. | grep, | head, | tail) to see them';
  return `ask for a narrower result (lines ${fromLine}-${toLine}) to see them`;
}

function marker(cutChars: number, cutLines: number, fromLine: number, toLine: number, toolName: string | undefined): string {
  const lines = cutLines > 0 ? `${cutLines} lines (lines ${fromLine}-${toLine}), ` : '';
  return `\n${TRUNCATION_MARKER_PREFIX}${lines}${cutChars} chars cut; ${hintFor(toolName, fromLine, toLine)} ...]\n`;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Head + tail of `text` within maxChars; returns the text unchanged when it already fits. */
export function truncateToolResult(text: string, options: TruncateOptions = {}): TruncateResult {
  const maxChars = Math.max(0, Math.floor(options.maxChars ?? DEFAULT_MAX_TOOL_RESULT_CHARS));
  if (text.length <= maxChars) return { text, truncated: false, cutChars: 0, cutLines: 0 };
  const firstLine = options.firstLine ?? 1;
  const headShare = Math.min(0.9, Math.max(0.1, options.headShare ?? 0.6));
  // Reserve room for the longest marker this text could need, then fill head and tail.
  const worst = marker(text.length, countNewlines(text, 0, text.length) + 1, firstLine + 9_999_999, firstLine + 9_999_999, options.toolName);
  const room = maxChars - worst.length;
  if (room <= 0) {
    const bare = `${TRUNCATION_MARKER_PREFIX}${text.length} chars cut ...]`;
    const out = bare.length <= maxChars ? bare : bare.slice(0, maxChars);
    return { text: out, truncated: true, cutChars: text.length, cutLines: countNewlines(text, 0, text.length) };
  }
  let headEnd = Math.floor(room * headShare);
  let tailStart = text.length - (room - headEnd);
  // Prefer whole lines: move the head end back to a newline and the tail start forward past one,
  // unless that would throw away most of the space.
  const nlHead = text.lastIndexOf('\n', headEnd - 1);
  if (nlHead >= 0 && nlHead + 1 >= headEnd * 0.5) headEnd = nlHead + 1;
  const nlTail = text.indexOf('\n', tailStart);
  if (nlTail >= 0 && nlTail + 1 < text.length && text.length - (nlTail + 1) >= (text.length - tailStart) * 0.5) tailStart = nlTail + 1;
  const head = text.slice(0, headEnd);
  const tail = text.slice(tailStart);
  const cutChars = tailStart - headEnd;
  const cutLines = countNewlines(text, headEnd, tailStart);
  const fromLine = firstLine + countNewlines(text, 0, headEnd);
  const toLine = fromLine + Math.max(0, cutLines - 1);
  const out = head.replace(/\n$/, '') + marker(cutChars, cutLines, fromLine, toLine, options.toolName) + tail;
  return { text: out, truncated: true, cutChars, cutLines };
}
