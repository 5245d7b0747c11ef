/**
 * Base-URL auto-detection when none is configured: probe the usual local servers (Ollama 11434,
 * LM Studio 1234, llama.cpp 8080, vLLM 8000) in parallel with short timeouts; the first that answers
 * `/v1/models` with a model list wins. Used by the provider setup and by `smallcode doctor`.
 */
import type { FetchFn } from './normalizing-fetch.js';
import { getJson, isRecord } from './http-json.js';
import type { ServerKind } from './discovery.js';

export interface BaseUrlCandidate {
  url: string;
  kind: ServerKind;
  label: string;
}

export const LOCAL_SERVER_CANDIDATES: readonly BaseUrlCandidate[] = [
  { url: 'http://localhost:11434/v1', kind: 'ollama', label: 'Ollama' },
  { url: 'http://localhost:1234/v1', kind: 'lmstudio', label: 'LM Studio' },
  { url: 'http://localhost:8080/v1', kind: 'llamacpp', label: 'llama.cpp server' },
  { url: 'http://localhost:8000/v1', kind: 'vllm', label: 'vLLM' },
];

export interface DetectedServer extends BaseUrlCandidate {
  models: string[];
}

export interface DetectResult {
  found: DetectedServer | null;
  /** Every candidate with what happened (for doctor and the error message). */
  tried: { url: string; label: string; result: string }[];
}

/** Probes every candidate in parallel; resolves as soon as one answers (the rest are aborted). */
export async function probeBaseUrls(
  opts: { candidates?: readonly BaseUrlCandidate[]; timeoutMs?: number; signal?: AbortSignal; fetch?: FetchFn } = {},
): Promise<DetectResult> {
  const candidates = opts.candidates ?? LOCAL_SERVER_CANDIDATES;
  const timeoutMs = opts.timeoutMs ?? 800;
  const ctl = new AbortController();
  const onAbort = (): void => ctl.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const tried = candidates.map((c) => ({ url: c.url, label: c.label, result: 'pending' }));
  try {
    let settled = false;
    const found = await new Promise<DetectedServer | null>((resolve) => {
      let left = candidates.length;
      if (left === 0) resolve(null);
      candidates.forEach((c, i) => {
        void getJson(`${c.url.replace(/\/+$/, '')}/models`, { timeoutMs, signal: ctl.signal, ...(opts.fetch ? { fetch: opts.fetch } : {}) }).then((a) => {
          if (settled) return;
          const entry = tried[i]!;
          if (a.ok && isRecord(a.json) && Array.isArray(a.json.data)) {
            const models = a.json.data.flatMap((m) => (isRecord(m) && typeof m.id === 'string' ? [m.id] : []));
            entry.result = `answered (${models.length} model${models.length === 1 ? '' : 's'})`;
            settled = true;
            resolve({ ...c, models });
          } else {
            entry.result = a.ok ? 'answered, but not with a model list' : a.reason;
          }
          if (--left === 0) resolve(null);
        });
      });
    });
    for (const t of tried) if (t.result === 'pending') t.result = 'not needed (another server answered first)';
    return { found, tried };
  } finally {
    ctl.abort();
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** The first local server that answers, or null. */
export async function detectBaseUrl(opts: Parameters<typeof probeBaseUrls>[0] = {}): Promise<DetectedServer | null> {
  return (await probeBaseUrls(opts)).found;
}

/** The message for "nothing answered", listing what was tried. */
export function noServerMessage(tried: DetectResult['tried']): string {
  const list = tried.map((t) => `${t.label} ${t.url} (${t.result})`).join('; ');
  return `No model server answered on the usual local ports: ${list}. Start Ollama (\`ollama serve\`) or LM Studio, or set SMALLCODE_BASE_URL.`;
}
