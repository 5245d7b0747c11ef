/**
 * Builds a ready ModelProvider from the resolved configuration: base URL (configured or
 * auto-detected), model (configured or the first the server lists), profile (detected by name),
 * API key (only for the provider's own host), effective context window (server, profile, config).
 * Each value says where it came from, for `smallcode/model/get`, `smallcode/profile` and doctor.
 */
import { SmallCodeError } from '../../core/errors.js';
import { detectProfile } from '../profiles/detect.js';
import type { ProfileMatch } from '../profiles/match.js';
import type { ModelProfile } from '../profiles/schema.js';
import { apiKeyForBaseUrl, type CloudKeys } from './cloud-keys.js';
import { noServerMessage, probeBaseUrls, type BaseUrlCandidate } from './detect-base-url.js';
import { resolveContextWindow, type ResolvedContextWindow } from './discovery.js';
import type { FetchFn } from './normalizing-fetch.js';
import { ModelProvider } from './provider.js';
import type { RetryPolicy } from './retry-policy.js';

/** The config keys the model layer reads (a subset of server/config's Config). */
export interface ModelConfig extends CloudKeys {
  model: string | null;
  baseUrl: string | null;
  modelTimeout: number | null;
  contextWindow: number | null;
  thinkingDisable: boolean;
}

export interface ModelSetup {
  provider: ModelProvider;
  baseUrl: string;
  baseUrlSource: 'config' | 'override' | 'detected';
  model: string;
  modelSource: 'config' | 'override' | 'server';
  available: string[];
  profile: ProfileMatch;
  context: ResolvedContextWindow;
  /** The cloud provider whose key is sent, or null (local servers get no key). */
  cloudProvider: string | null;
  warnings: string[];
}

export interface CreateProviderOptions {
  model?: string;
  baseUrl?: string;
  /** Profiles with user overrides (loadProfiles); default: the built-ins. */
  profiles?: readonly ModelProfile[];
  candidates?: readonly BaseUrlCandidate[];
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  fetch?: FetchFn;
  probeTimeoutMs?: number;
}

export async function createProvider(config: ModelConfig, opts: CreateProviderOptions = {}): Promise<ModelSetup> {
  const warnings: string[] = [];
  let baseUrl = opts.baseUrl ?? config.baseUrl ?? null;
  let baseUrlSource: ModelSetup['baseUrlSource'] = opts.baseUrl ? 'override' : 'config';
  let available: string[] | undefined;
  if (!baseUrl) {
    const probe = await probeBaseUrls({
      ...(opts.candidates ? { candidates: opts.candidates } : {}),
      ...(opts.probeTimeoutMs ? { timeoutMs: opts.probeTimeoutMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
    if (!probe.found) {
      throw new SmallCodeError('ModelUnavailable', noServerMessage(probe.tried), {
        tried: probe.tried.map((t) => t.url).join(', '),
        next: 'Start Ollama (`ollama serve`) or LM Studio, or set SMALLCODE_BASE_URL.',
      });
    }
    baseUrl = probe.found.url;
    baseUrlSource = 'detected';
    available = probe.found.models;
  }
  const { apiKey, provider: cloudProvider } = apiKeyForBaseUrl(baseUrl, config);
  const timeoutMs = (config.modelTimeout ?? 120) * 1000;
  const common = { baseUrl, apiKey, timeoutMs, ...(opts.retry ? { retry: opts.retry } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) };
  if (!available) available = await new ModelProvider({ ...common, model: config.model ?? 'unknown' }).listModels(opts.signal ? { signal: opts.signal } : {});

  let model = opts.model ?? config.model ?? null;
  const modelSource: ModelSetup['modelSource'] = opts.model ? 'override' : config.model ? 'config' : 'server';
  if (!model) {
    model = available[0] ?? null;
    if (!model) {
      throw new SmallCodeError('NoModelConfigured', `The server at ${baseUrl} lists no models.`, {
        tried: `${baseUrl}/models`,
        next: 'Pull or load a model (e.g. `ollama pull qwen2.5-coder:7b`), or set SMALLCODE_MODEL.',
      });
    }
  } else if (available.length > 0 && !available.some((m) => m === model || m === `${model}:latest`)) {
    warnings.push(`The server at ${baseUrl} does not list "${model}" (it lists: ${available.slice(0, 8).join(', ')}${available.length > 8 ? ', ...' : ''}).`);
  }

  const profile = detectProfile(model, opts.profiles);
  const context = await resolveContextWindow(
    baseUrl,
    model,
    // The generic fallback knows nothing about the model: then SMALLCODE_CONTEXT_WINDOW comes before its guess.
    profile.pattern !== null
      ? { profileWindow: profile.profile.contextWindow, profileId: profile.profile.id, configWindow: config.contextWindow }
      : { configWindow: config.contextWindow, ...(config.contextWindow ? {} : { profileWindow: profile.profile.contextWindow, profileId: profile.profile.id }) },
    { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.probeTimeoutMs ? { timeoutMs: opts.probeTimeoutMs } : {}) },
  );
  if (context.note) warnings.push(context.note);
  const provider = new ModelProvider({ ...common, model, profile: profile.profile, thinkingDisable: config.thinkingDisable });
  return { provider, baseUrl, baseUrlSource, model, modelSource, available, profile, context, cloudProvider, warnings };
}

/** Same shape as protocol-ext's ModelInfo (`smallcode/model/get`), kept local: server/model does not import the protocol. */
export interface ModelInfoSummary {
  model: string | null;
  baseUrl: string | null;
  baseUrlSource: string;
  available: string[];
  contextWindow: number | null;
  contextWindowSource?: string;
  error?: string;
}

export function toModelInfo(setup: ModelSetup): ModelInfoSummary {
  return {
    model: setup.model,
    baseUrl: setup.baseUrl,
    baseUrlSource: setup.baseUrlSource,
    available: setup.available,
    contextWindow: setup.context.contextWindow,
    contextWindowSource: setup.context.source,
  };
}
