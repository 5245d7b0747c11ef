/**
 * The `read_file` tool: a file with line numbers, optionally a line range. A large file comes back
 * as its head plus an outline from the code graph and how to read more. Reads go through the task's
 * edit service so the write guard knows the file was read; never writes.
 */
import { z } from 'zod';
import { errorMessage, isSmallCodeError } from '../core/errors.js';
import { defineTool } from './define-tool.js';
import { describeRange } from './repeat-note.js';

const ReadArgs = z.object({
  path: z.string().min(1).describe('file path'),
  start_line: z.number().int().min(1).optional().describe('first line (1-based)'),
  end_line: z.number().int().min(1).optional().describe('last line'),
});

/** Lines shown when no range is asked for a long file. */
const HEAD_LINES = 150;

export function numberLines(lines: readonly string[], first: number): string {
  const width = String(first + lines.length - 1).length;
  return lines.map((l, i) => `${String(first + i).padStart(width)}│ ${l}`).join('\n');
}

export const readFileTool = defineTool({
  name: 'read_file',
  description: 'Read a file, shown with line numbers (they are not part of the file). For long files pass start_line and end_line.',
  category: 'read',
  readOnly: true,
  args: ReadArgs,
  moreHint: 'pass start_line and end_line to read another part',
  repeat: {
    did: (a) => `read ${describeRange(a.path, a.start_line, a.end_line)}`,
    next: (a) => `patch ${a.path} (path, search, replace) or read a different range (start_line, end_line)`,
  },
  async run(args, ctx) {
    if (!ctx.edit) return { ok: false, output: 'read_file is unavailable in this context.' };
    let text: string;
    let path: string;
    try {
      ({ text, path } = await ctx.edit.read(args.path));
    } catch (err) {
      return { ok: false, output: isSmallCodeError(err) ? err.message : `cannot read ${args.path}: ${errorMessage(err)}` };
    }
    const lines = text.split(/\r?\n/);
    // The split of '' is [''], which is an empty file, not one blank line.
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const total = lines.length;
    if (total === 0) return { ok: true, output: `${path} is empty (0 lines).` };
    const budget = Math.max(400, ctx.config.maxToolResultChars - 300);
    if (args.start_line !== undefined || args.end_line !== undefined) {
      const start = Math.min(args.start_line ?? 1, total);
      const end = Math.min(Math.max(args.end_line ?? total, start), total);
      let body = numberLines(lines.slice(start - 1, end), start);
      let shownEnd = end;
      while (body.length > budget && shownEnd > start) {
        shownEnd = start + Math.floor((shownEnd - start) * 0.7);
        body = numberLines(lines.slice(start - 1, shownEnd), start);
      }
      const more = shownEnd < end ? `\n[lines ${shownEnd + 1}-${end} not shown: read them with start_line=${shownEnd + 1}]` : '';
      return { ok: true, output: `${path} (lines ${start}-${shownEnd} of ${total})\n${body}${more}` };
    }
    const whole = numberLines(lines, 1);
    if (whole.length <= budget) return { ok: true, output: `${path} (${total} lines)\n${whole}` };
    // Too long for one result: the head, then an outline, then how to read the rest.
    const outline = ctx.graph ? await ctx.graph.outline(path).catch(() => null) : null;
    const outlineText = outline ? `\nOutline of ${path}:\n${outline}` : '';
    let headLines = HEAD_LINES;
    let head = numberLines(lines.slice(0, headLines), 1);
    const room = Math.max(200, budget - outlineText.length - 200);
    while (head.length > room && headLines > 10) {
      headLines = Math.floor(headLines * 0.7);
      head = numberLines(lines.slice(0, headLines), 1);
    }
    return {
      ok: true,
      output: `${path} (${total} lines; showing 1-${headLines})\n${head}\n[file continues: read more with start_line=${headLines + 1} and end_line=${Math.min(total, headLines + 150)}; use the search tool to find a line]${outlineText}`,
    };
  },
});
