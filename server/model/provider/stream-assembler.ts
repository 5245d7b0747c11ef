/**
 * Assembles streamed chat-completion chunks into one message: content, reasoning, tool calls whose
 * id/name arrive first and whose arguments arrive as string fragments, finish reason and usage.
 * Pure: plain chunk objects in, plain data out; it never parses tool-call text out of content.
 */
import type { WireToolCall } from '../messages.js';
import type { StreamDelta, Usage } from './types.js';

/** The subset of an OpenAI chunk we read; extra fields servers add are ignored. */
export interface ChunkLike {
  choices?: {
    index?: number;
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: { index?: number; id?: string | null; type?: string; function?: { name?: string | null; arguments?: string | null } }[] | null;
    } | null;
    message?: unknown;
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
}

interface PartialCall {
  id: string;
  name: string;
  args: string;
}

export function toUsage(u: ChunkLike['usage']): Usage | null {
  if (!u || typeof u.prompt_tokens !== 'number') return null;
  const completion = typeof u.completion_tokens === 'number' ? u.completion_tokens : 0;
  return { prompt: u.prompt_tokens, completion, total: typeof u.total_tokens === 'number' ? u.total_tokens : u.prompt_tokens + completion };
}

export class StreamAssembler {
  private content = '';
  private reasoning = '';
  private readonly calls = new Map<number, PartialCall>();
  private finish: string | null = null;
  private usage: Usage | null = null;
  private chunks = 0;

  /** Feeds one chunk; returns the deltas it carried (for live display). */
  push(chunk: ChunkLike): StreamDelta[] {
    this.chunks++;
    const out: StreamDelta[] = [];
    const u = toUsage(chunk.usage);
    if (u) this.usage = u;
    // Servers send odd shapes under load or in errors; anything unexpected is skipped, never thrown on.
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (!choice || typeof choice !== 'object') return out;
    const d = choice.delta && typeof choice.delta === 'object' ? choice.delta : {};
    const r = d.reasoning_content ?? d.reasoning;
    if (typeof r === 'string' && r.length > 0) {
      this.reasoning += r;
      out.push({ reasoning: r });
    }
    if (typeof d.content === 'string' && d.content.length > 0) {
      this.content += d.content;
      out.push({ content: d.content });
    }
    for (const tc of Array.isArray(d.tool_calls) ? d.tool_calls : []) {
      if (!tc || typeof tc !== 'object') continue;
      // Some servers omit `index` on single calls; a delta with a new id starts a new call.
      let index = typeof tc.index === 'number' ? tc.index : this.calls.size - 1;
      if (typeof tc.index !== 'number' && tc.id && [...this.calls.values()].every((c) => c.id !== tc.id)) index = this.calls.size;
      if (index < 0) index = 0;
      let call = this.calls.get(index);
      if (!call) {
        call = { id: '', name: '', args: '' };
        this.calls.set(index, call);
      }
      if (typeof tc.id === 'string' && tc.id) call.id = tc.id;
      const name = typeof tc.function?.name === 'string' ? tc.function.name : undefined;
      // Names arrive once; a server that repeats the full name in later deltas must not double it.
      if (name && !call.name.endsWith(name)) call.name += name;
      const frag = tc.function?.arguments;
      if (typeof frag === 'string' && frag.length > 0) call.args += frag;
      out.push({ toolCall: { index, ...(name ? { name } : {}), ...(frag ? { argumentsFragment: frag } : {}) } });
    }
    if (typeof choice.finish_reason === 'string' && choice.finish_reason) this.finish = choice.finish_reason;
    return out;
  }

  get chunkCount(): number {
    return this.chunks;
  }

  result(): { content: string; reasoning: string; toolCalls: WireToolCall[]; finishReason: string | null; usage: Usage | null } {
    const toolCalls = [...this.calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .filter(([, c]) => c.name.length > 0)
      .map(([i, c]) => ({ id: c.id || `call_${i}`, type: 'function' as const, function: { name: c.name, arguments: c.args } }));
    return { content: this.content, reasoning: this.reasoning, toolCalls, finishReason: this.finish, usage: this.usage };
  }
}
