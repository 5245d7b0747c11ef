/**
 * Holds the tools of a task and dispatches calls to them: validates arguments with zod (answering
 * a helpful message instead of throwing), caps every result, and answers identical read-only calls
 * from a cache that any write invalidates — with a short note instead of the same text while the
 * earlier result is still in the model's view. Must never throw out of dispatch.
 */
import { errorMessage, isSmallCodeError } from '../core/errors.js';
import type { ToolDefinition } from '../model/messages.js';
import { capHeadTail } from '../shell/output-cap.js';
import { coerceScalars } from './arg-coerce.js';
import { argumentErrorMessage, unknownParams, unknownToolMessage } from './arg-errors.js';
import { repeatNote } from './repeat-note.js';
import type { AnyTool, ToolCategory, ToolContext, ToolOutcome } from './define-tool.js';
import { toolDefinitions } from './tool-schema.js';

export { toolDefinitions } from './tool-schema.js';

export type DispatchError = 'unknown_tool' | 'invalid_args' | 'failed' | 'cancelled';

export interface DispatchResult extends ToolOutcome {
  name: string;
  /** Answered from the read cache. */
  cached: boolean;
  /** The output was cut to config.maxToolResultChars. */
  truncated: boolean;
  ms: number;
  /** Why the tool did not run (or threw); absent when it ran and returned an outcome. */
  error?: DispatchError;
  /** The validated arguments (defaults applied) when validation passed. */
  args?: Record<string, unknown>;
  /** Answered with a short note because this earlier call's identical result is still in view. */
  repeatOf?: { id: string; turn: number };
}

export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
  invalidations: number;
  /** Cache hits answered with a short note instead of the result again. */
  repeatNotes: number;
}

interface CacheEntry {
  outcome: ToolOutcome;
  /** The call whose result last showed this outcome in full (null when the caller gave no CallSite). */
  shownBy: { id: string; turn: number } | null;
}

const DEFAULT_MORE_HINT = 'ask for less (a narrower path, pattern or line range) to see the rest';

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Turns whatever the parser produced into an argument object, or says why it cannot. */
function toArgObject(raw: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: {} };
  if (typeof raw === 'string') {
    try {
      return toArgObject(JSON.parse(raw) as unknown);
    } catch (err) {
      return { ok: false, message: `arguments must be a JSON object (${errorMessage(err)})` };
    }
  }
  if (typeof raw === 'object' && !Array.isArray(raw)) return { ok: true, value: raw as Record<string, unknown> };
  return { ok: false, message: `arguments must be a JSON object, got ${Array.isArray(raw) ? 'an array' : typeof raw}` };
}

export class ToolRegistry {
  private readonly byName = new Map<string, AnyTool>();
  private readonly cache = new Map<string, CacheEntry>();
  private readonly stats: CacheStats = { hits: 0, misses: 0, entries: 0, invalidations: 0, repeatNotes: 0 };

  constructor(tools: readonly AnyTool[], private readonly cacheSize = 200) {
    for (const t of tools) this.byName.set(t.name, t);
  }

  get tools(): AnyTool[] {
    return [...this.byName.values()];
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string): AnyTool | undefined {
    return this.byName.get(name);
  }

  definitions(): ToolDefinition[] {
    return toolDefinitions(this.tools);
  }

  /** Definitions with their categories, the shape model/budget's two-stage tool routing takes. */
  categorised(): Array<{ category: ToolCategory; definition: ToolDefinition }> {
    const defs = this.definitions();
    return this.tools.map((t, i) => ({ category: t.category, definition: defs[i] as ToolDefinition }));
  }

  get cacheStats(): CacheStats {
    return { ...this.stats, entries: this.cache.size };
  }

  /** Forgets every cached read; call it after anything that may have changed files. */
  invalidate(): void {
    if (this.cache.size) this.stats.invalidations++;
    this.cache.clear();
  }

  async dispatch(name: string, rawArgs: unknown, ctx: ToolContext): Promise<DispatchResult> {
    const started = Date.now();
    const done = (o: ToolOutcome, extra: Partial<DispatchResult> = {}): DispatchResult => ({
      ...o,
      name,
      cached: false,
      truncated: false,
      ms: Date.now() - started,
      ...extra,
    });
    const tool = this.byName.get(name);
    if (!tool) return done({ ok: false, output: unknownToolMessage(name, this.names()) }, { error: 'unknown_tool' });

    const obj = toArgObject(rawArgs);
    if (!obj.ok) return done({ ok: false, output: `${tool.name}: ${obj.message}.` }, { error: 'invalid_args' });
    const parsed = tool.args.safeParse(coerceScalars(tool, obj.value));
    if (!parsed.success) {
      return done({ ok: false, output: argumentErrorMessage(tool, obj.value, parsed.error.issues) }, { error: 'invalid_args' });
    }
    const args = parsed.data as Record<string, unknown>;
    if (ctx.signal.aborted) return done({ ok: false, output: 'cancelled' }, { error: 'cancelled', args });

    const key = tool.readOnly ? `${tool.name}\0${ctx.root}\0${stableStringify(args)}` : null;
    if (key !== null) {
      const hit = this.cache.get(key);
      if (hit) {
        this.stats.hits++;
        // Refresh recency for the LRU order.
        this.cache.delete(key);
        this.cache.set(key, hit);
        const site = ctx.call;
        const earlier = hit.shownBy;
        // The same text again would only fill a small window twice; a note is enough while the model can see it.
        if (site && earlier && earlier.id !== site.id && site.shownInView(earlier.id, hit.outcome.output)) {
          const note = repeatNote(tool, args, earlier, site.turn);
          if (note.length < hit.outcome.output.length) {
            this.stats.repeatNotes++;
            return done({ ok: true, output: note }, { cached: true, args, repeatOf: { ...earlier } });
          }
        }
        if (site) hit.shownBy = { id: site.id, turn: site.turn };
        return done(hit.outcome, { cached: true, args });
      }
      this.stats.misses++;
    }

    let outcome: ToolOutcome;
    let error: DispatchError | undefined;
    try {
      outcome = await tool.run(args, ctx);
    } catch (err) {
      error = ctx.signal.aborted ? 'cancelled' : 'failed';
      const next = isSmallCodeError(err) && typeof err.detail.next === 'string' ? ` ${err.detail.next}` : '';
      outcome = { ok: false, output: `${tool.name} failed: ${errorMessage(err)}${next}` };
    } finally {
      if (!tool.readOnly) this.invalidate();
    }

    const ignored = unknownParams(tool, obj.value);
    let output = outcome.output;
    if (ignored.length) output += `\n(note: ignored unknown parameter${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')})`;
    const capped = capHeadTail(output, ctx.config.maxToolResultChars ?? 4000, tool.moreHint ?? DEFAULT_MORE_HINT);
    const final: ToolOutcome = { ...outcome, output: capped.text };
    if (key !== null && outcome.ok && !error) {
      this.cache.set(key, { outcome: final, shownBy: ctx.call ? { id: ctx.call.id, turn: ctx.call.turn } : null });
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    return done(final, { truncated: capped.truncated, args, ...(error ? { error } : {}) });
  }
}
