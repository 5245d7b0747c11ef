/**
 * The `web_fetch` tool: GETs an http(s) URL and returns readable text. Every hop (the first URL and
 * each redirect) is checked: the host is resolved, every address must be public, and the socket
 * connects to the checked address (no DNS rebinding). Size and time are capped. Never sends
 * credentials or cookies.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { errorMessage, SmallCodeError } from '../core/errors.js';
import { defineTool, type ToolSpec } from './define-tool.js';
import { htmlToText } from './html-text.js';
import { checkHostname, checkResolved, type AddressPolicy } from './net-policy.js';

export interface FetchPolicy extends AddressPolicy {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Resolver (default: dns.lookup with all: true). */
  resolve?: (host: string) => Promise<Array<{ address: string; family: number }>>;
}

export interface FetchedPage {
  url: string;
  status: number;
  contentType: string;
  body: string;
  truncated: boolean;
  /** Every URL visited, the first one included. */
  hops: string[];
}

const DEFAULTS = { maxBytes: 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 };

async function defaultResolve(host: string): Promise<Array<{ address: string; family: number }>> {
  return dnsLookup(host, { all: true, verbatim: true });
}

/** Resolves and checks `url`'s host; answers the address to connect to, or throws NetworkForbidden. */
async function checkedAddress(url: URL, policy: FetchPolicy): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const pre = checkHostname(host, policy);
  if (pre && !pre.allowed) throw new SmallCodeError('NetworkForbidden', `refused ${url.href}: ${pre.reason}`);
  if (pre?.allowed) return { address: host, family: host.includes(':') ? 6 : 4 };
  let addrs: Array<{ address: string; family: number }>;
  try {
    addrs = await (policy.resolve ?? defaultResolve)(host);
  } catch (err) {
    throw new SmallCodeError('NetworkFailed', `cannot resolve ${host}: ${errorMessage(err)}`, {}, { cause: err });
  }
  const verdict = checkResolved(host, addrs.map((a) => a.address), policy);
  if (!verdict.allowed) throw new SmallCodeError('NetworkForbidden', `refused ${url.href}: ${verdict.reason}`);
  return addrs[0] as { address: string; family: number };
}

function requestOnce(url: URL, pinned: { address: string; family: number }, policy: Required<Pick<FetchPolicy, 'maxBytes'>>, signal: AbortSignal) {
  // Connect to the address we checked, whatever DNS says a second time.
  const lookup: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all) (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [pinned]);
    else cb(null, pinned.address, pinned.family);
  };
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; truncated: boolean }>((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: 'GET',
        lookup,
        signal,
        headers: {
          'user-agent': 'smallcode-web-fetch/0.1',
          accept: 'text/html,text/plain,text/markdown,application/json;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          resolve({ status, headers: res.headers, body: Buffer.alloc(0), truncated: false });
          return;
        }
        const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
        let stream: Readable = res;
        if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(createGunzip());
        else if (enc === 'deflate') stream = res.pipe(createInflate());
        else if (enc === 'br') stream = res.pipe(createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        stream.on('data', (c: Buffer) => {
          if (truncated) return;
          const room = policy.maxBytes - size;
          if (c.length >= room) {
            chunks.push(c.subarray(0, room));
            size += room;
            truncated = true;
            resolve({ status, headers: res.headers, body: Buffer.concat(chunks), truncated });
            req.destroy();
            return;
          }
          chunks.push(c);
          size += c.length;
        });
        stream.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks), truncated }));
        stream.on('error', (err) => (truncated ? undefined : reject(err)));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Fetches `raw` under the policy, following up to maxRedirects redirects, re-checking every hop. */
export async function safeFetch(raw: string, policy: FetchPolicy = {}, signal?: AbortSignal): Promise<FetchedPage> {
  const maxBytes = policy.maxBytes ?? DEFAULTS.maxBytes;
  const timeout = AbortSignal.timeout(policy.timeoutMs ?? DEFAULTS.timeoutMs);
  const sig = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (err) {
    throw new SmallCodeError('NetworkForbidden', `"${raw}" is not a valid URL; give a full http:// or https:// URL`, {}, { cause: err });
  }
  const hops: string[] = [];
  for (let i = 0; ; i++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SmallCodeError('NetworkForbidden', `only http and https URLs can be fetched, not ${url.protocol}`);
    if (url.username || url.password) throw new SmallCodeError('NetworkForbidden', 'URLs with credentials are refused');
    hops.push(url.href);
    const pinned = await checkedAddress(url, policy);
    let res;
    try {
      res = await requestOnce(url, pinned, { maxBytes }, sig);
    } catch (err) {
      if (timeout.aborted) throw new SmallCodeError('NetworkFailed', `fetching ${url.href} took longer than ${(policy.timeoutMs ?? DEFAULTS.timeoutMs) / 1000}s`, {}, { cause: err });
      throw new SmallCodeError('NetworkFailed', `fetching ${url.href} failed: ${errorMessage(err)}`, {}, { cause: err });
    }
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      if (i >= (policy.maxRedirects ?? DEFAULTS.maxRedirects)) throw new SmallCodeError('NetworkForbidden', `too many redirects (${hops.join(' -> ')})`);
      url = new URL(res.headers.location, url);
      continue;
    }
    const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
    return { url: url.href, status: res.status, contentType, body: res.body.toString('utf8'), truncated: res.truncated, hops };
  }
}

const TEXTUAL = /^(text\/|application\/(json|xml|xhtml\+xml|javascript|x-javascript|ld\+json|x-yaml|yaml|toml)|[^;]*\+json|[^;]*\+xml)/;

/** The model-facing text of a fetched page. */
export function pageText(page: FetchedPage): { ok: boolean; text: string } {
  const type = page.contentType.split(';')[0]?.trim() ?? '';
  if (type && !TEXTUAL.test(type)) return { ok: false, text: `${page.url} is ${type} content, which web_fetch does not show (only text pages).` };
  const isHtml = type.includes('html') || (!type && /^\s*<(!doctype|html)/i.test(page.body));
  return { ok: page.status < 400, text: isHtml ? htmlToText(page.body) : page.body };
}

const FetchArgs = z.object({
  url: z.string().min(1).describe('http(s) URL of a public page'),
});

export interface WebFetchToolOptions {
  /** Test-only: lets tests fetch from a 127.0.0.1 server. The product never sets it. */
  allowLoopback?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
}

export function createWebFetchTool(options: WebFetchToolOptions = {}): ToolSpec<typeof FetchArgs> {
  const policy: FetchPolicy = { allowLoopback: options.allowLoopback === true, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs };
  return defineTool({
    name: 'web_fetch',
    description: 'Fetch a public web page (http/https) and return its readable text.',
    category: 'read',
    readOnly: true,
    args: FetchArgs,
    moreHint: 'fetch a more specific page',
    async run(args, ctx) {
      let page: FetchedPage;
      try {
        page = await safeFetch(args.url, policy, ctx.signal);
      } catch (err) {
        return { ok: false, output: `web_fetch: ${errorMessage(err)}` };
      }
      const { ok, text } = pageText(page);
      const redirected = page.hops.length > 1 ? ` (redirected from ${page.hops[0]})` : '';
      const cut = page.truncated ? `\n[page cut at ${Math.round((policy.maxBytes ?? DEFAULTS.maxBytes) / 1024)} KB]` : '';
      return { ok, output: `${page.url}${redirected} · HTTP ${page.status}\n\n${text}${cut}`, data: { url: page.url, status: page.status, hops: page.hops } };
    },
  });
}

export const webFetchTool = createWebFetchTool();
