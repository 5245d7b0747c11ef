/**
 * The `web_search` tool: asks the configured SearXNG-compatible endpoint (SMALLCODE_SEARCH_URL,
 * JSON API) and lists titles, URLs and snippets. Without an endpoint it says so plainly. The
 * endpoint is the user's choice, so it is not subject to web_fetch's address policy.
 */
import { z } from 'zod';
import { errorMessage } from '../core/errors.js';
import { defineTool } from './define-tool.js';

const SearchArgs = z.object({
  query: z.string().min(1).describe('what to search the web for'),
  max_results: z.number().int().min(1).max(20).optional(),
});

interface SearxResult {
  title?: unknown;
  url?: unknown;
  content?: unknown;
}

/** `<base>/search?q=...&format=json`, or the base itself when it already ends in /search. */
export function searchEndpoint(base: string, query: string): string {
  const u = new URL(base);
  if (!/\/search\/?$/.test(u.pathname)) u.pathname = u.pathname.replace(/\/?$/, '/search');
  u.searchParams.set('q', query);
  u.searchParams.set('format', 'json');
  return u.href;
}

function one(s: unknown, max: number): string {
  const t = typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '';
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export const webSearchTool = defineTool({
  name: 'web_search',
  description: 'Search the web; returns titles, URLs and snippets. Use web_fetch to read a result.',
  category: 'search',
  readOnly: true,
  args: SearchArgs,
  async run(args, ctx) {
    const base = ctx.config.searchUrl;
    if (!base) {
      return {
        ok: false,
        output: 'web_search: no search endpoint is configured (set SMALLCODE_SEARCH_URL to a SearXNG server). Use web_fetch with a known URL instead.',
      };
    }
    const max = args.max_results ?? 8;
    let body: unknown;
    try {
      const res = await fetch(searchEndpoint(base, args.query), {
        headers: { accept: 'application/json' },
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(15_000)]),
      });
      if (!res.ok) return { ok: false, output: `web_search: the search endpoint answered HTTP ${res.status}.` };
      body = await res.json();
    } catch (err) {
      return { ok: false, output: `web_search: the search endpoint failed: ${errorMessage(err)}` };
    }
    const results = (typeof body === 'object' && body !== null && Array.isArray((body as { results?: unknown }).results) ? (body as { results: SearxResult[] }).results : [])
      .filter((r) => typeof r.url === 'string')
      .slice(0, max);
    if (results.length === 0) return { ok: true, output: `No web results for ${JSON.stringify(args.query)}. Try other words.` };
    const lines = results.map((r, i) => `${i + 1}. ${one(r.title, 120) || '(no title)'}\n   ${String(r.url)}${r.content ? `\n   ${one(r.content, 240)}` : ''}`);
    return { ok: true, output: `Web results for ${JSON.stringify(args.query)}:\n${lines.join('\n')}`, data: { urls: results.map((r) => r.url) } };
  },
});
