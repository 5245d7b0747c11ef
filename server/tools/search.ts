/**
 * The `search` tool: finds a text or regular expression in the workspace's files and answers
 * `path:line: text` lines. Uses ripgrep when present, else the built-in search; the answer always
 * says which one searched how many files, so "no matches" is never a missing-tool artefact.
 * Open editor buffers (ctx.workspace) are searched instead of their files on disk.
 */
import { z } from 'zod';
import { defineTool, type ToolSpec } from './define-tool.js';
import { resolveScope } from './tool-paths.js';
import { relativeInside } from '../workspace/workspace-paths.js';
import { applyOverlays, searchText, type SearchEngineChoice } from './search-engine.js';

const SearchArgs = z.object({
  pattern: z.string().min(1).describe('text or regex'),
  path: z.string().optional().describe('file or folder (default: all)'),
  glob: z.string().optional().describe('file glob, e.g. *.ts'),
  ignore_case: z.boolean().optional(),
  max_results: z.number().int().min(1).max(500).optional(),
});

export interface SearchToolOptions {
  /** 'builtin' forces the in-process search (tests use it to cover the fallback). */
  engine?: SearchEngineChoice;
}

export function createSearchTool(options: SearchToolOptions = {}): ToolSpec<typeof SearchArgs> {
  return defineTool({
    name: 'search',
    description: 'Search file contents for text or a regex. Returns path:line: text.',
    category: 'search',
    readOnly: true,
    args: SearchArgs,
    moreHint: 'narrow the search with path or glob, or a more specific pattern',
    repeat: {
      did: (a) => `searched for ${JSON.stringify(a.pattern)}${a.path ? ` in ${a.path}` : ''}${a.glob ? ` (glob ${a.glob})` : ''}`,
      next: () => 'read_file a file it found (start_line, end_line around the hit), or search for something else',
    },
    async run(args, ctx) {
      // A JavaScript-style /regex/i literal: search its body, honouring the i flag.
      const literal = /^\/(.+)\/([gimsuy]*)$/.exec(args.pattern);
      if (literal) args = { ...args, pattern: literal[1] as string, ignore_case: args.ignore_case || (literal[2] as string).includes('i') };
      // Small models often put a glob in path ("**/*.py", "src/*.ts"): search from the root with it as the glob.
      if (args.path && /[*?[\]{}]/.test(args.path) && !args.glob) args = { ...args, glob: args.path.replace(/^\.\//, ''), path: undefined };
      const scope = resolveScope(ctx.root, args.path);
      if (!scope.ok) return { ok: false, output: `search: ${scope.message}` };
      const maxResults = args.max_results ?? 50;
      const query = { pattern: args.pattern, scope: scope.rel, scopeIsDir: scope.isDir, glob: args.glob, ignoreCase: args.ignore_case, maxResults };
      const onDisk = await searchText(scope.realRoot, query, options.engine ?? 'auto', ctx.signal);
      // Unsaved editor buffers are what the user sees: they win over the disk.
      const overlays = (ctx.workspace?.openDocuments() ?? []).flatMap((d) => {
        const rel = relativeInside(scope.realRoot, d.abs);
        return rel ? [{ path: rel, text: d.text }] : [];
      });
      const report = applyOverlays(onDisk, query, overlays);
      const where = scope.rel || 'the workspace';
      const engine = report.engine === 'rg' ? 'ripgrep' : 'the built-in search';
      const files = report.filesSearched === null ? '' : `${report.filesSearched} file${report.filesSearched === 1 ? '' : 's'}, `;
      const how = `(${files}${engine}${report.literal ? '; pattern is not a valid regex, searched as plain text' : ''}${args.glob ? `; glob ${args.glob}` : ''})`;
      if (report.matches.length === 0) {
        // Small models misremember spacing and case ("function  TaxRate417"): before answering "no
        // matches", retry once ignoring both and say so, so the model sees where the text really is.
        const loose = loosePattern(args.pattern);
        if (loose !== null && (loose !== args.pattern || !args.ignore_case)) {
          const looseQuery = { ...query, pattern: loose, ignoreCase: true };
          const second = applyOverlays(await searchText(scope.realRoot, looseQuery, options.engine ?? 'auto', ctx.signal), looseQuery, overlays);
          if (second.matches.length > 0) {
            const lines = second.matches.map((m) => `${m.path}:${m.line}: ${m.text}`);
            return {
              ok: true,
              output: `No exact matches for ${JSON.stringify(args.pattern)} in ${where} ${how}, but ${second.matches.length}${second.truncated ? '+' : ''} when case and spacing are ignored (copy the exact text from these lines):\n${lines.join('\n')}`,
              data: second,
            };
          }
        }
        const tips = args.ignore_case ? 'Try a shorter pattern' : 'Try a shorter pattern or ignore_case: true';
        return {
          ok: true,
          output: `No matches for ${JSON.stringify(args.pattern)} in ${where} ${how}. ${tips}; use find_files to search file names.`,
          data: report,
        };
      }
      const fileCount = new Set(report.matches.map((m) => m.path)).size;
      const head = `${report.matches.length}${report.truncated ? '+' : ''} match${report.matches.length === 1 ? '' : 'es'} in ${fileCount} file${fileCount === 1 ? '' : 's'} for ${JSON.stringify(args.pattern)} in ${where} ${how}:`;
      const lines = report.matches.map((m) => `${m.path}:${m.line}: ${m.text}`);
      const tail = report.truncated ? `\n[stopped at ${maxResults} match${maxResults === 1 ? '' : 'es'}; narrow with path or glob, or raise max_results]` : '';
      return { ok: true, output: `${head}\n${lines.join('\n')}${tail}`, data: report };
    },
  });
}

export const searchTool = createSearchTool();

/** The pattern as plain text with any run of whitespace matching any run, or null when it has no word to anchor on. */
export function loosePattern(pattern: string): string | null {
  const text = pattern.trim();
  if (!/\w/.test(text)) return null;
  return text.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
}
