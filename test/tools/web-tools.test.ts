import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { availableTools } from '../../server/tools/available-tools.js';
import { ToolRegistry } from '../../server/tools/registry.js';
import { createWebFetchTool, safeFetch, webFetchTool } from '../../server/tools/web-fetch.js';
import { searchEndpoint, webSearchTool } from '../../server/tools/web-search.js';
import { defaultConfig } from '../../server/config/variables.js';
import { tempWorkspace, toolContext } from './tool-test-context.js';

let server: http.Server;
let base = '';
let lastSearch: URLSearchParams | null = null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    switch (url.pathname) {
      case '/page':
        return send(200, 'text/html; charset=utf-8', '<html><head><title>Docs</title><script>steal()</script></head><body><h2>Usage</h2><p>Call <code>run()</code> &amp; wait.</p></body></html>');
      case '/hop':
        return send(302, 'text/plain', '', { location: '/page' });
      case '/to-private':
        return send(302, 'text/plain', '', { location: 'http://10.0.0.1/admin' });
      case '/to-metadata':
        return send(301, 'text/plain', '', { location: 'http://169.254.169.254/latest/meta-data/' });
      case '/to-mapped':
        return send(307, 'text/plain', '', { location: 'http://[::ffff:a9fe:a9fe]/' });
      case '/to-file':
        return send(302, 'text/plain', '', { location: 'file:///etc/passwd' });
      case '/loop':
        return send(302, 'text/plain', '', { location: '/loop' });
      case '/big':
        return send(200, 'text/plain', 'x'.repeat(50_000));
      case '/image':
        return send(200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      case '/gz':
        return send(200, 'text/plain', gzipSync('compressed hello'), { 'content-encoding': 'gzip' });
      case '/search':
        lastSearch = url.searchParams;
        return send(200, 'application/json', JSON.stringify({ results: [
          { title: 'Vitest docs', url: 'https://vitest.dev/guide/', content: 'Next generation   testing framework' },
          { title: 'No url' },
          { title: 'Jest', url: 'https://jestjs.io/', content: '' },
        ] }));
      default:
        return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const root = tempWorkspace();
const loopbackFetch = createWebFetchTool({ allowLoopback: true, maxBytes: 10_000 });

async function fetchTool(url: string, tool = loopbackFetch) {
  return new ToolRegistry([tool]).dispatch('web_fetch', { url }, toolContext(root, {}, { webBrowse: true }));
}

describe('web_fetch', () => {
  it('the product tool refuses loopback URLs in any spelling', async () => {
    const port = new URL(base).port;
    for (const u of [`${base}/page`, `http://localhost:${port}/page`, `http://2130706433:${port}/page`, `http://0x7f.1:${port}/page`, `http://[::1]:${port}/page`]) {
      const r = await fetchTool(u, webFetchTool);
      expect(r.ok, u).toBe(false);
      expect(r.output, u).toMatch(/refused .*loopback/);
    }
  });

  it('fetches a page as readable text without scripts', async () => {
    const r = await fetchTool(`${base}/page`);
    expect(r.ok).toBe(true);
    expect(r.output).toBe(`${base}/page · HTTP 200\n\n# Docs\n\n## Usage\n\nCall \`run()\` & wait.`);
  });

  it('follows a redirect and says where it came from', async () => {
    const r = await fetchTool(`${base}/hop`);
    expect(r.output.split('\n')[0]).toBe(`${base}/page (redirected from ${base}/hop) · HTTP 200`);
  });

  it('re-checks every redirect hop: no redirect into private, metadata or mapped addresses, or other schemes', async () => {
    expect((await fetchTool(`${base}/to-private`)).output).toBe('web_fetch: refused http://10.0.0.1/admin: 10.0.0.1 is a private address');
    expect((await fetchTool(`${base}/to-metadata`)).output).toContain('169.254.169.254 is the cloud metadata address');
    expect((await fetchTool(`${base}/to-mapped`)).output).toContain('cloud metadata address');
    expect((await fetchTool(`${base}/to-file`)).output).toContain('only http and https URLs');
  });

  it('stops redirect loops', async () => {
    expect((await fetchTool(`${base}/loop`)).output).toContain('too many redirects');
  });

  it('caps the size of a page', async () => {
    const r = await fetchTool(`${base}/big`);
    expect(r.output).toContain('[page cut at 10 KB]');
    expect(r.output.length).toBeLessThan(12_000);
  });

  it('refuses binary content and decodes gzip', async () => {
    const img = await fetchTool(`${base}/image`);
    expect(img.ok).toBe(false);
    expect(img.output).toContain('image/png content');
    expect((await fetchTool(`${base}/gz`)).output).toContain('compressed hello');
  });

  it('reports HTTP errors as failed outcomes with the page text', async () => {
    const r = await fetchTool(`${base}/missing`);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('HTTP 404');
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    const port = new URL(base).port;
    let lookups = 0;
    const page = await safeFetch(`http://rebind.example:${port}/page`, {
      allowLoopback: true,
      resolve: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    expect(page.status).toBe(200);
    expect(lookups).toBe(1);
  });

  it('refuses a name when one of its addresses is private', async () => {
    await expect(
      safeFetch('http://mixed.example/', { resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.10', family: 4 }] }),
    ).rejects.toThrow('mixed.example resolves to 192.168.0.10: 192.168.0.10 is a private address');
  });
});

describe('web_search', () => {
  it('says clearly when no endpoint is configured', async () => {
    const r = await new ToolRegistry([webSearchTool]).dispatch('web_search', { query: 'vitest' }, toolContext(root));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('no search endpoint is configured (set SMALLCODE_SEARCH_URL');
  });

  it('lists results from a SearXNG-style JSON endpoint', async () => {
    const r = await new ToolRegistry([webSearchTool]).dispatch('web_search', { query: 'vitest run', max_results: 5 }, toolContext(root, {}, { searchUrl: base }));
    expect(lastSearch?.get('q')).toBe('vitest run');
    expect(lastSearch?.get('format')).toBe('json');
    expect(r.output).toBe('Web results for "vitest run":\n1. Vitest docs\n   https://vitest.dev/guide/\n   Next generation testing framework\n2. Jest\n   https://jestjs.io/');
  });

  it('builds the endpoint URL from a base with or without /search', () => {
    expect(searchEndpoint('http://s.local:8888', 'a b')).toBe('http://s.local:8888/search?q=a+b&format=json');
    expect(searchEndpoint('http://s.local/searx/search', 'x')).toBe('http://s.local/searx/search?q=x&format=json');
  });
});

describe('availableTools', () => {
  it('offers the web tools only when web browsing is on', () => {
    expect(availableTools({ ...defaultConfig(), webBrowse: false }).map((t) => t.name)).toEqual(['bash', 'search', 'find_files']);
    expect(availableTools({ ...defaultConfig(), webBrowse: true }).map((t) => t.name)).toEqual(['bash', 'search', 'find_files', 'web_fetch', 'web_search']);
  });
});
