/** Answers `smallcode/model/get|set` and `smallcode/profile` from the host's model setup. */
import type { ModelInfoT, ProfileResultT } from '../../protocol-ext/model.js';
import { errorMessage } from '../core/errors.js';
import { detectProfile, toProfileResult } from '../model/profiles/detect.js';
import { loadProfiles } from '../model/profiles/load.js';
import type { Host } from './host.js';

export async function modelInfo(host: Host, signal?: AbortSignal): Promise<ModelInfoT> {
  try {
    const s = await host.modelSetup(signal ? { signal } : {});
    return { model: s.model, baseUrl: s.baseUrl, baseUrlSource: s.baseUrlSource, available: s.available, contextWindow: s.contextWindow, contextWindowSource: s.contextWindowSource };
  } catch (err) {
    return {
      model: host.config.model,
      baseUrl: host.config.baseUrl,
      baseUrlSource: host.configResolution.sources.baseUrl,
      available: [],
      contextWindow: host.config.contextWindow,
      error: errorMessage(err),
    };
  }
}

export function profileResult(host: Host, model?: string): ProfileResultT {
  const name = model ?? host.lastSetup?.model ?? host.config.model;
  const profiles = loadProfiles({ workspaceRoot: host.root });
  const match = detectProfile(name, profiles.items.length ? profiles.items : undefined);
  const window = !model && host.lastSetup ? host.lastSetup.contextWindow : undefined;
  const summary = toProfileResult(match, name ?? null, window !== undefined ? { contextWindow: window } : {});
  const g = host.graph();
  return { ...summary, ...(g ? { store: g.graph.store.kind === 'sqlite' ? 'sqlite' : `json (${g.graph.storeReason ?? 'fallback'})` } : {}) } as ProfileResultT;
}
