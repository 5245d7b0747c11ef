/**
 * Opt-in cloud escalation: which cloud endpoint a configured key allows (keys go only to their own
 * provider's host), and the per-session caps on calls and tokens. The decision to escalate is the
 * host's, after a local retry with decomposition has failed.
 */
import type { Config } from '../config/variables.js';

export interface CloudTarget {
  provider: 'anthropic' | 'openai' | 'deepseek';
  baseUrl: string;
  model: string;
}

const TARGETS: { provider: CloudTarget['provider']; key: 'anthropicApiKey' | 'openaiApiKey' | 'deepseekApiKey'; baseUrl: string; model: string }[] = [
  { provider: 'anthropic', key: 'anthropicApiKey', baseUrl: 'https://api.anthropic.com/v1', model: 'claude-sonnet-4-5' },
  { provider: 'openai', key: 'openaiApiKey', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1-mini' },
  { provider: 'deepseek', key: 'deepseekApiKey', baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat' },
];

/** The first provider with a key, or null: without a key nothing ever leaves the machine. */
export function cloudTarget(config: Config, testOverride?: { baseUrl: string; model: string }): CloudTarget | null {
  const t = TARGETS.find((x) => typeof config[x.key] === 'string' && (config[x.key] as string).length > 0);
  if (!t) return null;
  // Tests stand a local scripted server in for the cloud; the key is still never sent there (cloud-keys pins hosts).
  if (testOverride) return { provider: t.provider, baseUrl: testOverride.baseUrl, model: testOverride.model };
  return { provider: t.provider, baseUrl: t.baseUrl, model: config.modelStrong && !config.modelStrong.includes(':') ? config.modelStrong : t.model };
}

export interface EscalationBudget {
  calls: number;
  tokens: number;
}

export const SESSION_ESCALATION_CAP: EscalationBudget = { calls: 30, tokens: 300_000 };

export class EscalationLedger {
  private used: EscalationBudget = { calls: 0, tokens: 0 };
  constructor(private readonly cap: EscalationBudget = SESSION_ESCALATION_CAP) {}

  remaining(): EscalationBudget {
    return { calls: Math.max(0, this.cap.calls - this.used.calls), tokens: Math.max(0, this.cap.tokens - this.used.tokens) };
  }

  exhausted(): boolean {
    const r = this.remaining();
    return r.calls <= 0 || r.tokens <= 0;
  }

  charge(calls: number, tokens: number): void {
    this.used = { calls: this.used.calls + calls, tokens: this.used.tokens + tokens };
  }
}
