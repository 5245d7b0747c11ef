/**
 * The `patch` tool: replaces one exact block of a file (search → replace) through the forgiving
 * edit engine. The engine refuses ambiguous or distant matches and says why; the tool forwards.
 */
import { z } from 'zod';
import { defineTool } from './define-tool.js';

const PatchArgs = z.object({
  path: z.string().min(1).describe('file path relative to the workspace'),
  search: z.string().describe('exact lines to find, copied from read_file without line numbers'),
  replace: z.string().describe('the new lines'),
  replace_all: z.boolean().optional().describe('replace every occurrence'),
});

export const patchTool = defineTool({
  name: 'patch',
  description: 'Edit a file: replace the exact lines in search with replace. Copy search from read_file output, without line numbers.',
  category: 'write',
  readOnly: false,
  args: PatchArgs,
  async run(args, ctx) {
    if (!ctx.edit) return { ok: false, output: 'patch is unavailable in this context.' };
    return ctx.edit.patch(args.path, args.search, args.replace, { replaceAll: args.replace_all, signal: ctx.signal });
  },
});
