/**
 * The `write_file` tool: creates a file or replaces a whole file. Whole-file rewrites are checked by
 * the edit service (truncation markers, drastic shrinking); the tool only forwards.
 */
import { z } from 'zod';
import { defineTool } from './define-tool.js';

const WriteArgs = z.object({
  path: z.string().min(1).describe('file path'),
  content: z.string().describe('complete file content'),
});

export const writeFileTool = defineTool({
  name: 'write_file',
  description: 'Create a file, or replace a whole file with its complete content. To change part of a file use patch.',
  category: 'write',
  readOnly: false,
  args: WriteArgs,
  async run(args, ctx) {
    if (!ctx.edit) return { ok: false, output: 'write_file is unavailable in this context.' };
    return ctx.edit.write(args.path, args.content, { signal: ctx.signal });
  },
});
