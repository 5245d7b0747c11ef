/**
 * Picks the profile for a model name (Ollama tags, LM Studio paths, Hugging Face ids) by the
 * profiles' patterns and priorities, applies matching size/release variants, and says why in words.
 * Pure: profiles in, a resolved profile and a reason out; never reads files.
 */
import type { ModelProfile, VariantT } from './schema.js';

export interface ProfileMatch {
  profile: ModelProfile;
  /** e.g. `matched pattern /qwen2\.5[-_ .]?coder/ in qwen2.5-coder:7b` */
  reason: string;
  /** The pattern that matched, or null for the fallback. */
  pattern: string | null;
  /** Variant patterns applied on top of the family profile. */
  variants: string[];
}

/** The profile used when nothing matches and no `generic` profile was loaded. */
export const FALLBACK_PROFILE: ModelProfile = {
  id: 'generic',
  name: 'Generic model',
  patterns: [],
  priority: -1000,
  contextWindow: 8192,
  toolCallStyle: 'json',
  textToolFormat: 'json',
  thinking: { tags: ['think'], default: 'on' },
  stop: [],
  temperature: 0.2,
  weaknesses: ['unknown model; tool calls are described in the prompt and parsed forgivingly'],
  structuredOutput: 'auto',
  noSystemRole: false,
  variants: [],
};

function applyVariant(p: ModelProfile, v: VariantT): ModelProfile {
  const out: ModelProfile = { ...p };
  if (v.contextWindow !== undefined) out.contextWindow = v.contextWindow;
  if (v.toolCallStyle !== undefined) out.toolCallStyle = v.toolCallStyle;
  if (v.textToolFormat !== undefined) out.textToolFormat = v.textToolFormat;
  if (v.temperature !== undefined) out.temperature = v.temperature;
  if (v.structuredOutput !== undefined) out.structuredOutput = v.structuredOutput;
  if (v.noSystemRole !== undefined) out.noSystemRole = v.noSystemRole;
  if (v.notes !== undefined) out.notes = v.notes;
  if (v.weaknesses !== undefined) out.weaknesses = [...p.weaknesses, ...v.weaknesses];
  if (v.thinking === null) delete out.thinking;
  else if (v.thinking !== undefined) out.thinking = v.thinking;
  return out;
}

/** Resolves a model name to a profile. `profiles` is the loaded list (built-ins plus user overrides). */
export function matchProfile(modelName: string | null | undefined, profiles: readonly ModelProfile[]): ProfileMatch {
  const generic = profiles.find((p) => p.id === 'generic') ?? FALLBACK_PROFILE;
  if (!modelName || modelName.trim() === '') {
    return { profile: generic, reason: 'no model configured; using the generic profile', pattern: null, variants: [] };
  }
  const name = modelName.trim();
  let best: { p: ModelProfile; pattern: string; len: number; order: number } | undefined;
  profiles.forEach((p, order) => {
    for (const pattern of p.patterns) {
      const m = new RegExp(pattern, 'i').exec(name);
      if (!m) continue;
      const len = m[0].length;
      if (!best || p.priority > best.p.priority || (p.priority === best.p.priority && (len > best.len || (len === best.len && order > best.order)))) {
        best = { p, pattern, len, order };
      }
    }
  });
  if (!best) {
    return { profile: generic, reason: `no profile pattern matched "${name}"; using the generic profile`, pattern: null, variants: [] };
  }
  let profile = best.p;
  const variants: string[] = [];
  for (const v of best.p.variants) {
    if (new RegExp(v.pattern, 'i').test(name)) {
      profile = applyVariant(profile, v);
      variants.push(v.pattern);
    }
  }
  const reason = `matched pattern /${best.pattern}/ in ${name}` + (variants.length ? `; variant ${variants.map((v) => `/${v}/`).join(', ')}` : '');
  return { profile: { ...profile, variants: best.p.variants }, reason, pattern: best.pattern, variants };
}
