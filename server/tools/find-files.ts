/**
 * The `find_files` tool: lists workspace files whose path matches a glob (picomatch), honouring
 * .gitignore, sorted and capped. A pattern without "/" matches file names at any depth; a plain
 * word with no match is retried as *word*. Reads directory listings only.
 */
import picomatch from 'picomatch';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { resolveScope } from './tool-paths.js';
import { walkFiles } from './walk-files.js';

const FindArgs = z.object({
  pattern: z.string().min(1).describe('glob or file name'),
  path: z.string().optional().describe('folder (default: all)'),
  max_results: z.number().int().min(1).max(1000).optional(),
});

const GLOB_CHARS = /[*?[\]{}!]/;

export const findFilesTool = defineTool({
  name: 'find_files',
  description: 'List files whose path matches a glob, e.g. **/*.py or src/**/util*.',
  category: 'search',
  readOnly: true,
  args: FindArgs,
  moreHint: 'use a more specific pattern or path',
  repeat: {
    did: (a) => `listed the files matching ${a.pattern}${a.path ? ` in ${a.path}` : ''}`,
    next: () => 'read_file one of them, or search their contents',
  },
  async run(args, ctx) {
    const scope = resolveScope(ctx.root, args.path);
    if (!scope.ok) return { ok: false, output: `find_files: ${scope.message}` };
    if (!scope.isDir) return { ok: true, output: `${scope.rel} is a file (it exists).` };
    const max = args.max_results ?? 200;
    // "src/" means everything under src.
    const pattern = args.pattern.trim().replace(/^\.\//, '').replace(/\/$/, '/**');
    // Dot-files are listed only when the pattern asks for them, as ripgrep and shells do.
    const hidden = /(^|\/)\./.test(pattern);
    const all: string[] = [];
    for await (const rel of walkFiles(scope.realRoot, scope.rel, { hidden, signal: ctx.signal })) all.push(rel);
    const within = (rel: string): string => (scope.rel ? rel.slice(scope.rel.length + 1) : rel);
    const matchWith = (p: string): string[] => {
      const isMatch = picomatch(p, { basename: !p.includes('/'), dot: hidden });
      return all.filter((rel) => isMatch(within(rel)) || isMatch(rel));
    };
    let found = matchWith(pattern);
    let note = '';
    if (found.length === 0 && !GLOB_CHARS.test(pattern)) {
      found = matchWith(pattern.includes('/') ? `**/*${pattern}*` : `*${pattern}*`);
      if (found.length) note = ` (no exact match; showing paths containing "${pattern}")`;
    }
    const where = scope.rel || 'the workspace';
    if (found.length === 0) {
      return { ok: true, output: `No files match ${JSON.stringify(pattern)} in ${where} (${all.length} files checked). Try a broader pattern such as **/*${pattern.replace(/[*?]/g, '')}*.` };
    }
    found.sort();
    const shown = found.slice(0, max);
    const more = found.length > max ? `\n[${found.length - max} more not shown; use a more specific pattern or path]` : '';
    return { ok: true, output: `${found.length} file${found.length === 1 ? '' : 's'} match ${JSON.stringify(pattern)} in ${where}${note}:\n${shown.join('\n')}${more}`, data: { files: shown, total: found.length } };
  },
});
