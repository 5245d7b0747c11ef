/**
 * What one task talks to, in the shape the agent uses: a thin view over the model layer's
 * createProvider (base URL, model, profile, context window, key pinning all happen there), with the
 * user's profile overrides from the workspace.
 */
import type { Config } from '../config/variables.js';
import { loadProfiles } from '../model/profiles/load.js';
import type { ModelProfile } from '../model/profiles/schema.js';
import { createProvider } from '../model/provider/create.js';
import type { ModelProvider } from '../model/provider/provider.js';
import type { ServerKind } from '../model/provider/discovery.js';

export interface ModelSetup {
  provider: ModelProvider;
  baseUrl: string;
  baseUrlSource: string;
  model: string;
  available: string[];
  profile: ModelProfile;
  profileReason: string;
  contextWindow: number;
  contextWindowSource: string;
  warnings: string[];
  serverKind: ServerKind;
}

export async function setupModel(config: Config, opts: { root: string; modelOverride?: string; baseUrlOverride?: string; signal?: AbortSignal }): Promise<ModelSetup> {
  const profiles = loadProfiles({ workspaceRoot: opts.root });
  const s = await createProvider(config, {
    ...(opts.modelOverride ? { model: opts.modelOverride } : {}),
    ...(opts.baseUrlOverride ? { baseUrl: opts.baseUrlOverride } : {}),
    ...(profiles.items.length ? { profiles: profiles.items } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return {
    provider: s.provider,
    baseUrl: s.baseUrl,
    baseUrlSource: s.baseUrlSource,
    model: s.model,
    available: s.available,
    profile: s.profile.profile,
    profileReason: s.profile.reason,
    contextWindow: s.context.contextWindow,
    contextWindowSource: s.context.source,
    warnings: s.warnings,
    serverKind: s.context.serverKind,
  };
}
