/**
 * The `patch` tool: replaces one exact block of a file (search → replace) through the forgiving
 * edit engine. The engine refuses ambiguous or distant matches and says why; the tool forwards.
 */
import { z } from 'zod';
import { defineTool } from './define-tool.js';

const PatchArgs = z.object({
  path: z.string().min(1).describe('file path'),
  search: z.string().describe('exact current lines, copied from read_file'),
  replace: z.string().describe('new lines'),
  replace_all: z.boolean().optional().describe('replace every match'),
});

export const patchTool = defineTool({
  name: 'patch',
  description: 'Edit a file: replace the lines in search with replace. Copy search exactly from read_file, without line numbers.',
  category: 'write',
  readOnly: false,
  args: PatchArgs,
  async run(args, ctx) {
    if (!ctx.edit) return { ok: false, output: 'patch is unavailable in this context.' };
    return ctx.edit.patch(args.path, args.search, args.replace, { replaceAll: args.replace_all, signal: ctx.signal });
  },
});
