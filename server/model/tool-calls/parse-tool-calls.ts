/**
 * The forgiving tool-call parser: recovers the calls a small model wrote as text (JSON, Hermes,
 * Llama, Mistral, Qwen3-Coder XML, pythonic, XML-ish, YAML, ReAct...) and repairs them against the
 * offered tools' schemas. Pure function: no I/O, never throws on model text, and never executes or
 * returns what the model only showed (examples, foreign code fences, quoted results, thinking).
 */
import type { ToolDefinition } from '../messages.js';
import { schemaInfo, type SchemaInfo } from './schema-info.js';
import { matchToolName } from './tool-name-match.js';
import { stripReasoning } from './strip-reasoning.js';
import { segment, CALL_FENCES, type Region } from './segment.js';
import { shownNotCalled, labelBefore } from './context-cues.js';
import { parsePayload } from './formats/payload.js';
import { extractProse, literalArgs } from './formats/prose.js';
import { callsFromJson } from './formats/json-call.js';
import { readPythonSequence } from './formats/pythonic.js';
import { readYaml } from './formats/yaml-block.js';
import { extractSearchReplaceBlocks } from './formats/search-replace-block.js';
import { parseLooseJson } from './json-repair.js';
import { indexWithin } from './text-scan.js';
import { finalizeCall, type FinalCall } from './finalize.js';
import { buildError } from './error-feedback.js';
import { emptyFound, mergeFound, type Found, type ParseContext } from './types.js';

export interface ParseOptions {
  /** The `reasoning_content` field, if the server sent one. Read only when the visible text is empty. */
  reasoning?: string;
}

export interface ParseResult {
  calls: { name: string; arguments: Record<string, unknown> }[];
  repairs: string[];
  /** Set when the text clearly attempted a call that could not be recovered: feed it back to the model. */
  error?: string;
}

function isUsableTool(t: unknown): t is ToolDefinition {
  return typeof t === 'object' && t !== null && typeof (t as ToolDefinition).name === 'string' && (t as ToolDefinition).name.length > 0;
}

/** The agent passes the same tools array turn after turn: keep its lookups warm. */
const contexts = new WeakMap<readonly ToolDefinition[], { key: string; ctx: ParseContext }>();

function contextFor(tools: readonly ToolDefinition[]): ParseContext {
  // The key guards against a caller that mutates the array between turns.
  const key = tools.map((t) => t.name).join('\u0000');
  const hit = contexts.get(tools);
  if (hit && hit.key === key && hit.ctx.tools.every((t, i) => t === tools[i])) return hit.ctx;
  const ctx = makeContext([...tools]);
  contexts.set(tools, { key, ctx });
  return ctx;
}

function makeContext(tools: readonly ToolDefinition[]): ParseContext {
  const toolNames = tools.map((t) => t.name);
  const byName = new Map(tools.map((t) => [t.name, t]));
  const infos = new Map<string, SchemaInfo>();
  const loose = new Map<string, string | undefined>();
  const strict = new Map<string, string | undefined>();
  return {
    tools,
    toolNames,
    schema(name) {
      let info = infos.get(name);
      if (!info) infos.set(name, (info = schemaInfo(byName.get(name)?.parameters)));
      return info;
    },
    resolveName(raw, isStrict = false) {
      const cache = isStrict ? strict : loose;
      if (cache.has(raw)) return cache.get(raw);
      let hit: string | undefined;
      const m = matchToolName(raw, toolNames);
      // Strict: identifiers met in prose must be the tool's own name modulo case/separators/prefix,
      // never a synonym (`open(...)` in Python code is not read_file).
      if (m && (!isStrict || !m.note || !m.synonym)) hit = m.name;
      if (cache.size < 10_000) cache.set(raw, hit);
      return hit;
    },
  };
}

/** DeepSeek writes its special tokens with fullwidth bars and ▁; same length, so offsets hold. */
function normaliseTokens(s: string): string {
  if (!s.includes('｜') && !s.includes('▁')) return s;
  return s.replace(/｜/g, '|').replace(/▁/g, '_');
}

function skipWs(s: string, i: number, to: number): number {
  while (i < to && /\s/.test(s[i]!)) i++;
  return i;
}

function extractWrapper(s: string, r: Extract<Region, { kind: 'wrapper' }>, ctx: ParseContext): Found {
  const found = emptyFound();
  const opts = { explicit: true, format: r.format };
  if (r.format === 'harmony') {
    const to = indexWithin(s, 'to=', r.bodyStart, r.bodyEnd);
    const nameStart = to === -1 ? r.bodyStart : to + 3;
    let nameEnd = nameStart;
    while (nameEnd < r.bodyEnd && /[\w.-]/.test(s[nameEnd]!)) nameEnd++;
    const name = s.slice(nameStart, nameEnd).replace(/^functions\./, '');
    const msg = indexWithin(s, '<|message|>', nameEnd, r.bodyEnd);
    // Without special tokens (a server that printed them away): `... to=functions.x json{...}`.
    const brace = indexWithin(s, '{', nameEnd, Math.min(r.bodyEnd, nameEnd + 80));
    const from = msg !== -1 ? msg + '<|message|>'.length : brace !== -1 ? brace : nameEnd;
    parsePayload(s, from, r.bodyEnd, ctx, { ...opts, name }, found);
  } else if (r.format === 'deepseek') {
    let sep = indexWithin(s, '<|tool_sep|>', r.bodyStart, r.bodyEnd);
    let sepLen = '<|tool_sep|>'.length;
    const alt = indexWithin(s, '<|tool_call_argument_begin|>', r.bodyStart, r.bodyEnd);
    if (alt !== -1 && (sep === -1 || alt < sep)) {
      sep = alt;
      sepLen = '<|tool_call_argument_begin|>'.length;
    }
    if (sep === -1) {
      parsePayload(s, r.bodyStart, r.bodyEnd, ctx, opts, found);
    } else {
      const left = s.slice(r.bodyStart, sep).trim();
      let argsFrom = sep + sepLen;
      let name = left;
      if (left === 'function' || left === '') {
        const nl = indexWithin(s, '\n', argsFrom, r.bodyEnd);
        const lineEnd = nl === -1 ? r.bodyEnd : nl;
        name = s.slice(argsFrom, lineEnd).trim();
        argsFrom = lineEnd;
      }
      name = name.replace(/:\d+$/, '');
      parsePayload(s, argsFrom, r.bodyEnd, ctx, { ...opts, name }, found);
    }
  } else if (r.format === 'functionary') {
    // `>>>all` is Functionary's plain-text channel, not a tool.
    if (!/^all\b/i.test(s.slice(r.bodyStart, r.bodyStart + 8))) parsePayload(s, r.bodyStart, r.bodyEnd, ctx, opts, found);
  } else if (r.format === 'qwen-agent') {
    // ✿FUNCTION✿: name \n ✿ARGS✿: {...}
    const argsAt = indexWithin(s, '✿ARGS✿', r.bodyStart, r.bodyEnd);
    let nameFrom = r.bodyStart;
    while (nameFrom < r.bodyEnd && /[\s:]/.test(s[nameFrom]!)) nameFrom++;
    const nameTo = argsAt === -1 ? r.bodyEnd : argsAt;
    const name = s.slice(nameFrom, nameTo).trim();
    let argsFrom = argsAt === -1 ? r.bodyEnd : argsAt + '✿ARGS✿'.length;
    while (argsFrom < r.bodyEnd && /[\s:]/.test(s[argsFrom]!)) argsFrom++;
    if (name) parsePayload(s, argsFrom, r.bodyEnd, ctx, { ...opts, name }, found);
  } else if (r.format === 'internlm') {
    let from = skipWs(s, r.bodyStart, r.bodyEnd);
    for (const tok of ['<|plugin|>', '<|interpreter|>']) if (s.startsWith(tok, from)) from += tok.length;
    parsePayload(s, from, r.bodyEnd, ctx, opts, found);
  } else if (r.format === 'phi-functools') {
    parsePayload(s, r.bodyStart + 'functools'.length, r.bodyEnd, ctx, opts, found);
  } else {
    parsePayload(s, r.bodyStart, r.bodyEnd, ctx, { ...opts, doubledOpener: !r.closed }, found);
  }
  if (!r.closed) {
    // An opener with no end tag and nothing readable after it is a mention ("use the <tool_call> tag"),
    // not an attempt: no error for it.
    if (found.calls.length === 0) found.failures.length = 0;
    for (const c of found.calls) c.repairs.push('closed a tool-call block cut off before its end tag');
  }
  return found;
}

function pythonOnly(s: string, from: number, to: number, ctx: ParseContext, format: string): Found {
  const found = emptyFound();
  const r = readPythonSequence(s, from, to);
  // Ordinary code in the block (anything that is not a call to a real tool): it is an example, not a call.
  if (r.rest || r.calls.length === 0) return found;
  if (!r.calls.every((c) => ctx.resolveName(c.name, true) && literalArgs(c))) return found;
  for (const c of r.calls) found.calls.push({ name: c.name, args: c.kwargs, positional: c.positional, at: c.start, format, repairs: c.repairs, explicit: true });
  return found;
}

function extractFence(s: string, r: Extract<Region, { kind: 'fence' }>, ctx: ParseContext, strictOnly: boolean): Found {
  const format = `fence:${r.lang || 'plain'}`;
  if (CALL_FENCES.has(r.lang)) {
    const found = parsePayload(s, r.bodyStart, r.bodyEnd, ctx, { explicit: true, format }, emptyFound());
    if (!r.closed) for (const c of found.calls) c.repairs.push('closed a code fence cut off before its end');
    return found;
  }
  if (r.lang === 'python' || r.lang === 'py' || r.lang === 'python3') {
    if (strictOnly) return emptyFound();
    // ChatGLM3: the tool name on the line above, then ```python tool_call(k=v)```.
    const label = labelBefore(s, r.start, (n) => ctx.resolveName(n, true));
    const seq = readPythonSequence(s, r.bodyStart, r.bodyEnd);
    if (label && !seq.rest && seq.calls.length === 1 && seq.calls[0]!.name === 'tool_call') {
      const c = seq.calls[0]!;
      const found = emptyFound();
      found.calls.push({ name: label, args: c.kwargs, positional: c.positional, at: r.start, format: 'chatglm', repairs: c.repairs, explicit: true });
      return found;
    }
    return pythonOnly(s, r.bodyStart, r.bodyEnd, ctx, format);
  }
  const p = skipWs(s, r.bodyStart, r.bodyEnd);
  if (p >= r.bodyEnd) return emptyFound();
  if (r.lang === 'yaml' || r.lang === 'yml') {
    const y = readYaml(s.slice(r.bodyStart, r.bodyEnd));
    const found = emptyFound();
    if (!y.ok) return found;
    const jc = callsFromJson(y.value, ctx, r.start, format, true);
    if (jc.shaped) found.calls.push(...jc.calls);
    else if (!strictOnly && typeof y.value === 'object' && y.value !== null && !Array.isArray(y.value)) {
      const label = labelBefore(s, r.start, (n) => ctx.resolveName(n, true));
      if (label) found.calls.push({ name: label, args: y.value, at: r.start, format, repairs: [], explicit: true });
    }
    return found;
  }
  const c = s[p];
  if (c === '{' || c === '[' || c === '"') {
    const found = parsePayload(s, p, r.bodyEnd, ctx, { explicit: false, format }, emptyFound());
    if (found.calls.length === 0 && !strictOnly) {
      const j = parseLooseJson(s, p, { limit: r.bodyEnd, allowTruncated: true });
      if (j.ok && typeof j.value === 'object' && j.value !== null && !Array.isArray(j.value)) {
        const label = labelBefore(s, r.start, (n) => ctx.resolveName(n, true));
        if (label) found.calls.push({ name: label, args: j.value, at: r.start, format: 'labelled-json', repairs: j.repairs, explicit: true });
      }
    }
    if (!r.closed) for (const k of found.calls) k.repairs.push('closed a code fence cut off before its end');
    return found;
  }
  if (c === '<') {
    const found = emptyFound();
    for (const cand of extractProse(s, r.bodyStart, r.bodyEnd, ctx, { strictOnly: true, format })) mergeFound(found, cand.found);
    if (found.calls.length === 0) parsePayload(s, p, r.bodyEnd, ctx, { explicit: false, format }, found);
    return found;
  }
  return strictOnly ? emptyFound() : pythonOnly(s, r.bodyStart, r.bodyEnd, ctx, format);
}

/**
 * ```read_file + {"path": "a"}: a fence whose language is an offered tool's own name and whose body
 * is an argument object. Any other body (```bash + `rm -rf build`) stays code.
 */
function fenceNamedAfterTool(s: string, r: Extract<Region, { kind: 'excluded' }>, ctx: ParseContext): Found | undefined {
  if (!r.lang || r.bodyStart === undefined || r.bodyEnd === undefined) return undefined;
  const tool = ctx.resolveName(r.lang, true);
  if (!tool) return undefined;
  const p = skipWs(s, r.bodyStart, r.bodyEnd);
  if (s[p] !== '{') return undefined;
  const j = parseLooseJson(s, p, { limit: r.bodyEnd, allowTruncated: true });
  if (!j.ok || typeof j.value !== 'object' || j.value === null || Array.isArray(j.value)) return undefined;
  const found = emptyFound();
  const jc = callsFromJson(j.value, ctx, p, `fence:${r.lang}`, true);
  if (jc.shaped) found.calls.push(...jc.calls);
  else found.calls.push({ name: r.lang, args: j.value, at: p, format: `fence:${r.lang}`, repairs: [...j.repairs, 'tool name taken from the fence language'], explicit: true });
  return found;
}

/** Only closing fences, tags or punctuation follow `end`: the JSON was the message's last word. */
function endsMessage(s: string, end: number): boolean {
  const tail = s.slice(end, end + 400);
  return tail.replace(/```|~~~|<\/?[\w|]+>|<\|[\w]+\|>|[\s.,;:!`*)\]}]/g, '').length === 0 && s.length - end < 400;
}

/** In the reasoning fallback, at most this much text may follow the last call (a sign-off, not more thinking). */
const REASONING_TAIL = 160;

/** More calls than any real turn makes: the rest is noise (or an attack) and is dropped with a note. */
const MAX_CALLS = 64;

export function parseToolCalls(text: string, tools: ToolDefinition[], options?: ParseOptions): ParseResult {
  if (!Array.isArray(tools) || tools.length === 0 || typeof text !== 'string') return { calls: [], repairs: [] };
  // Definitions arrive from config and plugins: skip any without a usable name rather than throw.
  const usable = tools.filter(isUsableTool);
  if (usable.length === 0) return { calls: [], repairs: [] };
  const ctx = contextFor(usable.length === tools.length ? tools : usable);
  const reasoning = options?.reasoning;
  const repairs: string[] = [];
  let source = normaliseTokens(stripReasoning(text).visible);
  let strictOnly = false;
  let fromReasoning = false;
  if (source.trim() === '' && typeof reasoning === 'string' && reasoning.trim() !== '') {
    // The server put the whole answer in reasoning_content. Text after a closing think tag is the
    // real answer; otherwise read only unmistakable call shapes, never prose intents.
    const r = stripReasoning(reasoning);
    fromReasoning = true;
    if (r.stripped && r.visible.trim() !== '') source = normaliseTokens(r.visible);
    else {
      source = normaliseTokens(reasoning);
      strictOnly = true;
    }
  }
  const all = emptyFound();
  const regions = segment(source);
  if (!strictOnly) {
    for (const block of extractSearchReplaceBlocks(source, ctx)) {
      const quoted = regions.some((r) => r.kind === 'excluded' && r.why === 'tool-result' && r.start <= block.at && block.at < r.end);
      if (!quoted && !shownNotCalled(source, block.at)) all.calls.push(block);
    }
  }
  // Cue words are looked for only since the previous block; a block right after a shown one is shown too.
  let floor = 0;
  let lastShown = false;
  let lastCallEnd = 0;
  for (const region of regions) {
    if (region.kind === 'excluded') {
      const named = region.why === 'foreign-fence' && !strictOnly ? fenceNamedAfterTool(source, region, ctx) : undefined;
      if (named && !shownNotCalled(source, region.start, floor)) {
        mergeFound(all, named);
        lastCallEnd = Math.max(lastCallEnd, region.end);
      }
      floor = region.end;
      lastShown = false;
      continue;
    }
    if (region.kind === 'prose') {
      for (const cand of extractProse(source, region.start, region.end, ctx, { strictOnly })) {
        mergeFound(all, cand.found);
        if (cand.found.calls.length > 0) lastCallEnd = Math.max(lastCallEnd, cand.end);
      }
      continue;
    }
    const gapBlank = source.slice(floor, region.start).trim() === '';
    const shown: boolean = (gapBlank && lastShown) || shownNotCalled(source, region.start, floor);
    floor = region.end;
    lastShown = shown;
    if (shown) continue;
    const found = region.kind === 'wrapper' ? extractWrapper(source, region, ctx) : extractFence(source, region, ctx, strictOnly);
    mergeFound(all, found);
    if (found.calls.length > 0) lastCallEnd = Math.max(lastCallEnd, region.end);
  }
  if (strictOnly && all.calls.length > 0 && source.slice(lastCallEnd).replace(/\s+/g, '').length > REASONING_TAIL) {
    // Reasoning that goes on after the call was still deliberating: the model never committed to it.
    return { calls: [], repairs: [] };
  }
  all.calls.sort((a, b) => a.at - b.at);
  const calls: FinalCall[] = [];
  const seen = new Set<string>();
  const failures = [...all.failures];
  if (all.calls.length > MAX_CALLS) {
    repairs.push(`ignored ${all.calls.length - MAX_CALLS} calls after the first ${MAX_CALLS}`);
    all.calls.length = MAX_CALLS;
  }
  if (failures.length > MAX_CALLS) failures.length = MAX_CALLS;
  for (const raw of all.calls) {
    const r = finalizeCall(raw, ctx);
    if (r === null) continue;
    if ('failure' in r) {
      if (raw.soft && raw.end !== undefined && !endsMessage(source, raw.end)) continue;
      failures.push(r.failure);
      continue;
    }
    const key = `${r.call.name}\u0000${JSON.stringify(r.call.arguments)}`;
    if (seen.has(key)) {
      repairs.push(`dropped a repeated identical call to ${r.call.name}`);
      continue;
    }
    seen.add(key);
    calls.push(r.call);
    repairs.push(...r.repairs);
  }
  if (fromReasoning && calls.length > 0) repairs.unshift('read the call from reasoning_content because the visible answer was empty');
  const result: ParseResult = { calls, repairs: [...new Set(repairs)] };
  if (failures.length > 0) {
    failures.sort((a, b) => a.at - b.at);
    result.error = buildError(failures, ctx);
  }
  return result;
}
