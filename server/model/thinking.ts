/**
 * Thinking: the per-family switch that turns reasoning off when SMALLCODE_THINKING_DISABLE=true, and
 * the split of reasoning text (`<think>` blocks, an unopened `</think>`) away from the answer.
 * Pure functions; stripping/budgeting reasoning in history belongs to the budget engine.
 */
import type { ChatMessage } from './messages.js';
import type { ModelProfile } from './profiles/schema.js';

export interface ThinkingSwitchResult {
  messages: ChatMessage[];
  /** Top-level request fields to add (`chat_template_kwargs`, `reasoning_effort`). */
  extraBody: Record<string, unknown>;
  /** Human-readable list of what was applied ("system suffix /no_think", ...); empty when nothing. */
  applied: string[];
}

/**
 * Applies the profile's switch. The soft switch goes at the end of the system message, not the last
 * user message, so the prompt prefix stays byte-identical across turns (KV-cache reuse).
 */
export function applyThinkingSwitch(messages: ChatMessage[], profile: Pick<ModelProfile, 'thinking'> | undefined, disable: boolean): ThinkingSwitchResult {
  const sw = profile?.thinking?.disable;
  if (!disable || !sw || profile?.thinking?.default === 'off') return { messages, extraBody: {}, applied: [] };
  const applied: string[] = [];
  const extraBody: Record<string, unknown> = {};
  let out = messages;
  if (sw.systemSuffix) {
    const suffix = sw.systemSuffix;
    const i = messages.findIndex((m) => m.role === 'system');
    if (i >= 0) {
      const sys = messages[i] as { role: 'system'; content: string };
      if (!sys.content.trimEnd().endsWith(suffix.trim())) {
        out = messages.slice();
        out[i] = { role: 'system', content: `${sys.content.trimEnd()}\n${suffix.trim()}` };
      }
    } else {
      out = [{ role: 'system', content: suffix.trim() }, ...messages];
    }
    applied.push(`system message ends with ${suffix.trim()}`);
  }
  if (sw.templateKwargs) {
    extraBody.chat_template_kwargs = { ...sw.templateKwargs };
    applied.push(`chat_template_kwargs ${JSON.stringify(sw.templateKwargs)}`);
  }
  if (sw.reasoningEffort) {
    extraBody.reasoning_effort = sw.reasoningEffort;
    applied.push(`reasoning_effort "${sw.reasoningEffort}"`);
  }
  return { messages: out, extraBody, applied };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits inline reasoning from an answer. Handles `<think>..</think>` blocks anywhere, an unclosed
 * block cut off by max_tokens (all reasoning), and a leading block whose opening tag the chat
 * template already emitted (text before a lone `</think>`).
 */
export function splitReasoning(text: string, tags: readonly string[] = ['think']): { content: string; reasoning: string } {
  let content = text;
  const reasoning: string[] = [];
  if (content.includes('<|channel|>')) content = splitHarmony(content, reasoning);
  for (const tag of tags) {
    const open = `<${tag}>`;
    const close = `</${tag}>`;
    const firstClose = content.indexOf(close);
    const firstOpen = content.indexOf(open);
    if (firstClose >= 0 && (firstOpen < 0 || firstOpen > firstClose)) {
      reasoning.push(content.slice(0, firstClose).trim());
      content = content.slice(firstClose + close.length);
    }
    const re = new RegExp(`${escapeRe(open)}([\\s\\S]*?)(?:${escapeRe(close)}|$)`, 'g');
    content = content.replace(re, (_m, inner: string) => {
      reasoning.push(inner.trim());
      return '';
    });
  }
  return { content: reasoning.length ? content.trim() : content, reasoning: reasoning.filter(Boolean).join('\n\n') };
}

/**
 * GPT-OSS harmony text leaked by a server without a harmony parser: `analysis` channels are
 * reasoning, the `final` channel is the answer; `commentary` (tool calls) stays for the parser.
 */
function splitHarmony(text: string, reasoning: string[]): string {
  let out = text.replace(/(?:<\|start\|>assistant)?<\|channel\|>analysis<\|message\|>([\s\S]*?)(?=<\|end\|>|<\|start\|>|<\|channel\|>|$)(?:<\|end\|>)?/g, (_m, inner: string) => {
    reasoning.push(inner.trim());
    return '';
  });
  out = out.replace(/(?:<\|start\|>assistant)?<\|channel\|>final<\|message\|>/g, '').replace(/<\|(?:end|return)\|>/g, '');
  return out.trim();
}

/** One line per family for docs and `smallcode/profile`: what SMALLCODE_THINKING_DISABLE sends. */
export function describeThinkingSwitch(profile: Pick<ModelProfile, 'thinking'>): string | undefined {
  const t = profile.thinking;
  if (!t) return undefined;
  if (t.default === 'off') return 'thinking is off by default; nothing is sent';
  const sw = t.disable;
  if (!sw) return t.default === 'always' ? 'no switch: this model always reasons' : 'no switch';
  return applyThinkingSwitch([{ role: 'system', content: '' }], profile, true).applied.join('; ');
}

/**
 * Splits streamed content fragments into content and reasoning pieces as they arrive, for live
 * display; a tag cut across two fragments is held back until it is complete. The final answer is
 * still split by `splitReasoning` on the whole text (which also handles a lone closing tag).
 */
export class ThinkStreamSplitter {
  private buf = '';
  private inside: string | null = null;

  constructor(private readonly tags: readonly string[] = ['think']) {}

  push(fragment: string): { content?: string; reasoning?: string }[] {
    this.buf += fragment;
    const out: { content?: string; reasoning?: string }[] = [];
    const emit = (kind: 'content' | 'reasoning', text: string): void => {
      if (text) out.push(kind === 'content' ? { content: text } : { reasoning: text });
    };
    for (;;) {
      if (this.inside === null) {
        let best: { at: number; tag: string } | undefined;
        for (const t of this.tags) {
          const at = this.buf.indexOf(`<${t}>`);
          if (at >= 0 && (!best || at < best.at)) best = { at, tag: t };
        }
        if (!best) {
          const keep = partialSuffix(this.buf, this.tags.map((t) => `<${t}>`));
          emit('content', this.buf.slice(0, this.buf.length - keep));
          this.buf = this.buf.slice(this.buf.length - keep);
          return out;
        }
        emit('content', this.buf.slice(0, best.at));
        this.buf = this.buf.slice(best.at + best.tag.length + 2);
        this.inside = best.tag;
      } else {
        const close = `</${this.inside}>`;
        const at = this.buf.indexOf(close);
        if (at < 0) {
          const keep = partialSuffix(this.buf, [close]);
          emit('reasoning', this.buf.slice(0, this.buf.length - keep));
          this.buf = this.buf.slice(this.buf.length - keep);
          return out;
        }
        emit('reasoning', this.buf.slice(0, at));
        this.buf = this.buf.slice(at + close.length);
        this.inside = null;
      }
    }
  }

  /** Whatever is held back at the end of the stream. */
  flush(): { content?: string; reasoning?: string }[] {
    const rest = this.buf;
    this.buf = '';
    if (!rest) return [];
    return [this.inside === null ? { content: rest } : { reasoning: rest }];
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `tokens`. */
function partialSuffix(text: string, tokens: readonly string[]): number {
  let best = 0;
  for (const tok of tokens) {
    for (let n = Math.min(tok.length - 1, text.length); n > best; n--) {
      if (text.endsWith(tok.slice(0, n))) {
        best = n;
        break;
      }
    }
  }
  return best;
}
