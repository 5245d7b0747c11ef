/**
 * Model discovery: which kind of server sits behind a base URL (Ollama, LM Studio, llama.cpp, vLLM),
 * the models it lists, and the context window it really runs with (Ollama's /api/ps and /api/show,
 * LM Studio's /api/v0/models, llama.cpp's /props, vLLM's max_model_len), else the profile, else config.
 * Probes only; it never loads or pulls a model.
 */
import type { FetchFn } from './normalizing-fetch.js';
import { getJson, isRecord } from './http-json.js';

export type ServerKind = 'ollama' | 'lmstudio' | 'llamacpp' | 'vllm' | 'unknown';

/** Ollama's own default window when neither OLLAMA_CONTEXT_LENGTH nor num_ctx raised it. */
export const OLLAMA_DEFAULT_CONTEXT = 4096;
const DEFAULT_WINDOW = 8192;

export interface ProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: FetchFn;
}

export interface ServerContext {
  kind: ServerKind;
  /** The window the server runs this model with, when it says. */
  contextWindow?: number;
  /** The window the model was trained for, when the server says (Ollama, LM Studio). */
  trainedContext?: number;
  source?: string;
  /** Advice when the effective window is smaller than the model supports. */
  note?: string;
  /** Ollama's capability list for the model (`completion`, `tools`, `thinking`, ...), when it says. */
  capabilities?: string[];
}

/** `http://host:port/v1` → `http://host:port` (the native endpoints live at the root). */
export function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

function sameModel(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/:latest$/, '');
  return norm(a) === norm(b);
}

async function ollamaContext(root: string, model: string, o: ProbeOptions & { timeoutMs: number }): Promise<ServerContext | null> {
  const [ps, show] = await Promise.all([
    getJson(`${root}/api/ps`, o),
    getJson(`${root}/api/show`, { ...o, method: 'POST', body: { model, name: model } }),
  ]);
  if (!show.ok || !isRecord(show.json)) return ps.ok ? { kind: 'ollama' } : null;
  const info = isRecord(show.json.model_info) ? show.json.model_info : {};
  const arch = typeof info['general.architecture'] === 'string' ? info['general.architecture'] : undefined;
  const trained = positiveInt(arch ? info[`${arch}.context_length`] : undefined)
    ?? positiveInt(Object.entries(info).find(([k]) => k.endsWith('.context_length'))?.[1]);
  const params = typeof show.json.parameters === 'string' ? show.json.parameters : '';
  const numCtx = /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(params)?.[1];
  const running = ps.ok && isRecord(ps.json) && Array.isArray(ps.json.models)
    ? ps.json.models.find((m) => isRecord(m) && typeof m.name === 'string' && sameModel(m.name, model))
    : undefined;
  const runningCtx = isRecord(running) ? positiveInt(running.context_length) : undefined;
  const caps = Array.isArray(show.json.capabilities) ? show.json.capabilities.filter((c): c is string => typeof c === 'string') : undefined;
  const base: ServerContext = { kind: 'ollama', ...(trained ? { trainedContext: trained } : {}), ...(caps ? { capabilities: caps } : {}) };
  const raise = `Raise it with OLLAMA_CONTEXT_LENGTH=${trained ?? 32768} ollama serve, or a Modelfile "PARAMETER num_ctx".`;
  if (runningCtx) {
    return { ...base, contextWindow: runningCtx, source: 'ollama /api/ps (loaded model)', ...(trained && runningCtx < trained ? { note: `Ollama runs ${model} with ${runningCtx} tokens of the ${trained} it supports. ${raise}` } : {}) };
  }
  if (numCtx) return { ...base, contextWindow: Number(numCtx), source: 'ollama /api/show num_ctx' };
  const assumed = Math.min(trained ?? OLLAMA_DEFAULT_CONTEXT, OLLAMA_DEFAULT_CONTEXT);
  return {
    ...base,
    contextWindow: assumed,
    source: 'ollama default (model not loaded, no num_ctx)',
    note: `Ollama truncates prompts silently at its default window (${OLLAMA_DEFAULT_CONTEXT} tokens) unless told otherwise${trained ? `; ${model} supports ${trained}` : ''}. ${raise}`,
  };
}

function lmstudioContext(json: unknown, model: string): ServerContext | null {
  if (!isRecord(json) || !Array.isArray(json.data)) return null;
  const entry = json.data.find((m) => isRecord(m) && typeof m.id === 'string' && sameModel(m.id, model)) ?? (json.data.length === 1 ? json.data[0] : undefined);
  if (!isRecord(entry)) return { kind: 'lmstudio' };
  const loaded = positiveInt(entry.loaded_context_length);
  const max = positiveInt(entry.max_context_length);
  if (loaded) return { kind: 'lmstudio', contextWindow: loaded, source: 'lmstudio /api/v0/models loaded_context_length', ...(max ? { trainedContext: max } : {}) };
  if (max) {
    return {
      kind: 'lmstudio', contextWindow: max, trainedContext: max, source: 'lmstudio /api/v0/models max_context_length',
      note: 'LM Studio loads a model with the context length set in its load settings; if prompts overflow, raise it there.',
    };
  }
  return { kind: 'lmstudio' };
}

/** Finds out what serves `baseUrl` and the window it runs `model` with. Probes in parallel; never throws. */
export async function discoverServerContext(baseUrl: string, model: string, opts: ProbeOptions = {}): Promise<ServerContext> {
  const o = { ...opts, timeoutMs: opts.timeoutMs ?? 1500 };
  const root = serverRoot(baseUrl);
  const [version, lms, props, models] = await Promise.all([
    getJson(`${root}/api/version`, o),
    getJson(`${root}/api/v0/models`, o),
    getJson(`${root}/props`, o),
    getJson(`${baseUrl.replace(/\/+$/, '')}/models`, o),
  ]);
  if (lms.ok) {
    const c = lmstudioContext(lms.json, model);
    if (c) return c;
  }
  if (props.ok && isRecord(props.json)) {
    const dgs = isRecord(props.json.default_generation_settings) ? props.json.default_generation_settings : {};
    const nCtx = positiveInt(dgs.n_ctx) ?? positiveInt(props.json.n_ctx);
    if (nCtx) return { kind: 'llamacpp', contextWindow: nCtx, source: 'llama.cpp /props n_ctx' };
    if ('default_generation_settings' in props.json) return { kind: 'llamacpp' };
  }
  if (version.ok && isRecord(version.json) && typeof version.json.version === 'string') {
    const c = await ollamaContext(root, model, o);
    if (c) return c;
  }
  if (models.ok && isRecord(models.json) && Array.isArray(models.json.data)) {
    const entry = models.json.data.find((m) => isRecord(m) && typeof m.id === 'string' && sameModel(m.id, model)) ?? models.json.data[0];
    if (isRecord(entry)) {
      const len = positiveInt(entry.max_model_len);
      if (len) return { kind: 'vllm', contextWindow: len, source: 'vllm /v1/models max_model_len' };
      if (entry.owned_by === 'vllm') return { kind: 'vllm' };
    }
  }
  return { kind: 'unknown' };
}

export interface ResolvedContextWindow {
  contextWindow: number;
  source: string;
  serverKind: ServerKind;
  note?: string;
  trainedContext?: number;
  capabilities?: string[];
}

/** Server's number, else the profile's, else SMALLCODE_CONTEXT_WINDOW, else a cautious 8192. */
export async function resolveContextWindow(
  baseUrl: string,
  model: string,
  fallback: { profileWindow?: number; profileId?: string; configWindow?: number | null },
  opts: ProbeOptions = {},
): Promise<ResolvedContextWindow> {
  const s = await discoverServerContext(baseUrl, model, opts);
  const extra = { serverKind: s.kind, ...(s.note ? { note: s.note } : {}), ...(s.trainedContext ? { trainedContext: s.trainedContext } : {}), ...(s.capabilities ? { capabilities: s.capabilities } : {}) };
  if (s.contextWindow) return { contextWindow: s.contextWindow, source: s.source ?? s.kind, ...extra };
  if (fallback.profileWindow) return { contextWindow: fallback.profileWindow, source: `profile ${fallback.profileId ?? ''}`.trim(), ...extra };
  if (fallback.configWindow) return { contextWindow: fallback.configWindow, source: 'SMALLCODE_CONTEXT_WINDOW', ...extra };
  return { contextWindow: DEFAULT_WINDOW, source: 'built-in default', ...extra };
}
