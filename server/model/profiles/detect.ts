/**
 * `detectProfile(modelName)`: the entry point the agent, the LSP `smallcode/profile` handler and
 * `smallcode doctor` call; plus the conversion to the protocol's ProfileResult. Uses the built-in
 * profiles unless a loaded list (with user overrides) is passed.
 */
import { describeThinkingSwitch } from '../thinking.js';
import { builtinProfiles } from './load.js';
import { matchProfile, type ProfileMatch } from './match.js';
import type { ModelProfile } from './schema.js';

/** Same shape as protocol-ext's ProfileResult (kept local: server/model does not import the protocol). */
export interface ProfileSummary {
  id: string;
  model: string | null;
  reason: string;
  contextWindow: number;
  toolCallStyle: ModelProfile['toolCallStyle'];
  temperature: number;
  thinking?: { tags: string[]; disable?: string };
  stop: string[];
  weaknesses: string[];
  store?: string;
}

export function detectProfile(modelName: string | null | undefined, profiles?: readonly ModelProfile[]): ProfileMatch {
  return matchProfile(modelName, profiles ?? builtinProfiles().items);
}

/** The `smallcode/profile` answer; `contextWindow` is the effective window when discovery found one. */
export function toProfileResult(match: ProfileMatch, model: string | null, opts: { contextWindow?: number; source?: string } = {}): ProfileSummary {
  const p = match.profile;
  const disable = p.thinking ? describeThinkingSwitch(p) : undefined;
  return {
    id: p.id,
    model,
    reason: match.reason,
    contextWindow: opts.contextWindow ?? p.contextWindow,
    toolCallStyle: p.toolCallStyle,
    temperature: p.temperature,
    ...(p.thinking ? { thinking: { tags: p.thinking.tags, ...(disable ? { disable } : {}) } } : {}),
    stop: p.stop,
    weaknesses: p.weaknesses,
    ...(opts.source ? { store: opts.source } : {}),
  };
}
