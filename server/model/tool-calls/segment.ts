/**
 * Splits visible model text, in one forward pass, into regions: explicit call wrappers (<tool_call>,
 * [TOOL_CALLS], special tokens), code fences (callable or of another language), quoted tool results,
 * and prose in between. Deciding region boundaries first is what keeps a call inside a ```bash fence
 * or a <tool_response> from ever running. Linear time: every search is a cached forward indexOf.
 */
import { parseLooseJson } from './json-repair.js';
import { Finder, asciiLower, lineEndOf, lineStartOf } from './text-scan.js';

export type Region =
  | { kind: 'prose'; start: number; end: number }
  | { kind: 'wrapper'; format: string; start: number; end: number; bodyStart: number; bodyEnd: number; closed: boolean }
  | { kind: 'fence'; lang: string; start: number; end: number; bodyStart: number; bodyEnd: number; closed: boolean }
  | { kind: 'excluded'; why: 'foreign-fence' | 'tool-result'; start: number; end: number; lang?: string; bodyStart?: number; bodyEnd?: number };

interface WrapperSpec {
  open: string;
  closes: string[];
  format: string;
  /** The format needs no end token (it ends with the message): a missing one is not a repair. */
  optionalClose?: boolean;
  /** The opener carries the tool name (`<function=x>`, `to=functions.x`): the body starts at the opener. */
  keepOpener?: boolean;
}

const WRAPPERS: WrapperSpec[] = [
  { open: '<tool_call>', closes: ['</tool_call>', '<|/tool_call|>', '</tool_call', '<tool_call/>', '</toolcall>'], format: 'hermes' },
  { open: '<tool_calls>', closes: ['</tool_calls>'], format: 'hermes' },
  { open: '<toolcall>', closes: ['</toolcall>', '</tool_call>'], format: 'hermes' },
  { open: '<tool-call>', closes: ['</tool-call>'], format: 'hermes' },
  { open: '<function_call>', closes: ['</function_call>'], format: 'function-call-tag' },
  { open: '<functioncall>', closes: ['</functioncall>', '<|endoftext|>'], format: 'glaive', optionalClose: true },
  { open: '<function>', closes: ['</function>'], format: 'function-tag' },
  { open: '<tools>', closes: ['</tools>'], format: 'hermes' },
  { open: '<tool_use>', closes: ['</tool_use>'], format: 'tool-use-tag' },
  { open: '<tool_code>', closes: ['</tool_code>'], format: 'tool-code-tag' },
  { open: '<|channel|>commentary to=', closes: ['<|call|>', '<|end|>', '<|return|>'], format: 'harmony', keepOpener: true, optionalClose: true },
  { open: '<|tool_call|>', closes: ['<|/tool_call|>', '</tool_call>', '<|end_of_text|>', '<|end|>'], format: 'granite', optionalClose: true },
  { open: '<|tool_call_start|>', closes: ['<|tool_call_end|>'], format: 'liquid' },
  { open: '<|python_tag|>', closes: ['<|eom_id|>', '<|eot_id|>'], format: 'llama-python-tag', optionalClose: true },
  { open: '[tool_calls]', closes: ['[/tool_calls]', '</s>'], format: 'mistral', optionalClose: true },
  { open: '<function=', closes: ['</function>'], format: 'function-tag', keepOpener: true },
  { open: '<function name=', closes: ['</function>'], format: 'function-tag', keepOpener: true },
  { open: '<invoke ', closes: ['</invoke>'], format: 'invoke', keepOpener: true },
  { open: '<|tool_call_begin|>', closes: ['<|tool_call_end|>'], format: 'deepseek' },
  { open: 'to=functions.', closes: ['<|call|>', '<|end|>', '<|return|>'], format: 'harmony', keepOpener: true, optionalClose: true },
  { open: '<start_function_call>', closes: ['<end_function_call>'], format: 'function-gemma' },
  { open: '<|action_start|>', closes: ['<|action_end|>'], format: 'internlm', optionalClose: true },
  { open: 'functools[', closes: [], format: 'phi-functools', keepOpener: true },
  { open: '>>>', closes: [], format: 'functionary', optionalClose: true },
  { open: '<<function>>', closes: [], format: 'gorilla', optionalClose: true },
  { open: '✿function✿', closes: ['✿result✿'], format: 'qwen-agent', optionalClose: true },
];

const RESULT_ZONES: { open: string; close: string }[] = [
  { open: '<tool_response>', close: '</tool_response>' },
  { open: '<tool_result>', close: '</tool_result>' },
  { open: '<tool_output>', close: '</tool_output>' },
  { open: '<function_results>', close: '</function_results>' },
  { open: '<function_response>', close: '</function_response>' },
  { open: '<observation>', close: '</observation>' },
  { open: '<|im_start|>tool', close: '<|im_end|>' },
  { open: '<|im_start|>user', close: '<|im_end|>' },
  { open: '<start_of_turn>user', close: '<end_of_turn>' },
  { open: '<|start_header_id|>ipython', close: '<|eot_id|>' },
  { open: '<|start_header_id|>tool', close: '<|eot_id|>' },
  { open: '<|start_header_id|>user', close: '<|eot_id|>' },
  { open: '[tool_results]', close: '[/tool_results]' },
  { open: '<|start|>functions.', close: '<|end|>' },
  { open: '<|tool_response|>', close: '<|/tool_response|>' },
  { open: '<|tool_output_begin|>', close: '<|tool_output_end|>' },
  // An HTML comment hides what it holds.
  { open: '<!--', close: '-->' },
];

/** Fence languages whose body is read for calls; anything else is another language's code. */
export const CALL_FENCES = new Set(['tool_call', 'tool_calls', 'toolcall', 'tool', 'tools', 'tool_code', 'tool_use', 'function', 'functions', 'function_call', 'call', 'calls', 'action', 'tool-call', 'tool_request']);
export const DATA_FENCES = new Set(['', 'json', 'json5', 'jsonc', 'jsonl', 'text', 'txt', 'plaintext', 'xml', 'yaml', 'yml', 'python', 'py', 'python3', 'tool_response_format']);

function fenceLang(info: string): string {
  let i = 0;
  while (i < info.length && /[\w.+-]/.test(info[i]!)) i++;
  return asciiLower(info.slice(0, i));
}

/** An odd number of backticks between the line start and `i` (looking back at most 400 chars). */
export function insideInlineCode(s: string, i: number): boolean {
  let ticks = 0;
  for (let k = i - 1; k >= 0 && k >= i - 400; k--) {
    const c = s.charCodeAt(k);
    if (c === 10) break;
    if (c === 96) ticks++;
  }
  return ticks % 2 === 1 && s.indexOf('`', i) !== -1;
}

function isLineStartAt(s: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const c = s.charCodeAt(k);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 62) return false;
  }
  return true;
}

/** A closing fence line at or after `from`: backticks (at least `ticks` of them) and nothing else. */
function findClosingFence(s: string, from: number, ticks: string, finder: Finder): { start: number; end: number } | undefined {
  let p = from;
  for (;;) {
    const hit = finder.next(p);
    if (hit === -1) return undefined;
    let q = hit;
    while (s.charCodeAt(q) === ticks.charCodeAt(0)) q++;
    const n = q - hit;
    const lineEnd = lineEndOf(s, q);
    if (n >= ticks.length && isLineStartAt(s, hit) && s.slice(q, lineEnd).trim() === '') return { start: hit, end: lineEnd };
    // `}```` closing on the JSON's own last line.
    if (n >= ticks.length && s.slice(q, lineEnd).trim() === '' && hit > from && /[}\]]\s*$/.test(s.slice(Math.max(from, hit - 4), hit))) return { start: hit, end: lineEnd };
    p = q;
  }
}

function escapeRe(x: string): string {
  return x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation of every opener, so finding the next region start is a single forward scan. */
const OPENER_KIND = new Map<string, ['wrapper' | 'zone', number]>();
WRAPPERS.forEach((w, i) => OPENER_KIND.set(w.open, ['wrapper', i]));
RESULT_ZONES.forEach((z, i) => OPENER_KIND.set(z.open, ['zone', i]));
// Functionary's `>>>name` needs a name right after it (`>>> x` is a Python prompt, `>>>>>>>` a marker).
const OPENERS_SOURCE = [...OPENER_KIND.keys()]
  .sort((a, b) => b.length - a.length)
  .map((k) => (k === '>>>' ? '(?<!>)>>>(?=[a-z_])' : escapeRe(k)))
  .concat(['```', '~~~'])
  .join('|');

export function segment(s: string): Region[] {
  const lower = asciiLower(s);
  const regions: Region[] = [];
  const openers = new RegExp(OPENERS_SOURCE, 'g');
  const finders = new Map<string, Finder>();
  const find = (hay: string, needle: string, from: number): number => {
    const key = (hay === s ? 's:' : 'l:') + needle;
    let f = finders.get(key);
    if (!f) finders.set(key, (f = new Finder(hay, needle)));
    return f.next(from);
  };
  const closeTicks = new Finder(s, '```');
  const closeTildes = new Finder(s, '~~~');
  let pos = 0;
  const n = s.length;
  // Re-reading JSON bodies past a closing tag is paid from a linear budget, so no input is quadratic.
  let jsonBudget = 2 * n + 100_000;
  while (pos < n) {
    let best = -1;
    let kind = 'wrapper' as 'wrapper' | 'zone' | 'fence';
    let which = -1;
    openers.lastIndex = pos;
    for (;;) {
      const m = openers.exec(lower);
      if (!m) break;
      const tok = m[0];
      if (tok === '```' || tok === '~~~') {
        // Only fences at a line start (or `````json{` inline) open a block.
        if (isLineStartAt(s, m.index) || /^[`~]{3}[\w-]*\s*[{[<]/.test(s.slice(m.index, m.index + 24))) {
          best = m.index;
          kind = 'fence';
          which = tok === '```' ? 0 : 1;
          break;
        }
        let q = m.index;
        while (s[q] === tok[0]) q++;
        openers.lastIndex = q;
        continue;
      }
      const k = OPENER_KIND.get(tok)!;
      if (k[0] === 'wrapper' && insideInlineCode(s, m.index)) {
        // "models emit `<tool_call>` tags": a tag named in inline code is a mention, not a call.
        openers.lastIndex = m.index + 1;
        continue;
      }
      best = m.index;
      kind = k[0];
      which = k[1];
      break;
    }
    if (best === -1) {
      regions.push({ kind: 'prose', start: pos, end: n });
      break;
    }
    if (best > pos) regions.push({ kind: 'prose', start: pos, end: best });
    if (kind === 'zone') {
      const z = RESULT_ZONES[which]!;
      const close = find(lower, z.close, best + z.open.length);
      const end = close === -1 ? n : close + z.close.length;
      regions.push({ kind: 'excluded', why: 'tool-result', start: best, end });
      pos = end;
      continue;
    }
    if (kind === 'wrapper') {
      const w = WRAPPERS[which]!;
      const bodyStart = w.keepOpener ? best : best + w.open.length;
      let searchFrom = bodyStart + (w.keepOpener ? w.open.length : 0);
      const firstClose = (from: number): [number, number] => {
        let c0 = -1;
        let len = 0;
        for (const closeTok of w.closes) {
          const c = find(lower, closeTok, from);
          if (c !== -1 && (c0 === -1 || c < c0)) {
            c0 = c;
            len = closeTok.length;
          }
        }
        return [c0, len];
      };
      let [close, closeLen] = firstClose(searchFrom);
      if (!w.keepOpener && close !== -1 && jsonBudget > 0) {
        // A JSON body may quote the closing tag in a string ("use <tool_call>...</tool_call>"):
        // when the JSON does not end before the first closer, read it to its real end.
        let j = bodyStart;
        while (j < close && /\s/.test(s[j]!)) j++;
        if (s[j] === '{' || s[j] === '[') {
          const inside = parseLooseJson(s, j, { limit: close, allowTruncated: false });
          if (!inside.ok) {
            const whole = parseLooseJson(s, j, { limit: Math.min(n, j + jsonBudget), allowTruncated: false });
            jsonBudget -= (whole.ok ? whole.end : whole.at) - j;
            if (whole.ok && whole.end > close) {
              searchFrom = whole.end;
              [close, closeLen] = firstClose(searchFrom);
            }
          }
        }
      }
      // Never let one wrapper swallow the next one of its kind (the first was cut off).
      const nextSame = find(lower, w.open, Math.max(best + w.open.length, searchFrom));
      let end: number;
      let bodyEnd: number;
      let closed = true;
      if (w.format === 'phi-functools') {
        const r = parseLooseJson(s, best + w.open.length - 1, { allowTruncated: true });
        bodyEnd = r.ok ? r.end : lineEndOf(s, best);
        end = bodyEnd;
      } else if (close !== -1 && (nextSame === -1 || close < nextSame)) {
        bodyEnd = close;
        end = close + closeLen;
      } else {
        closed = w.optionalClose === true;
        bodyEnd = nextSame === -1 ? n : nextSame;
        end = bodyEnd;
      }
      regions.push({ kind: 'wrapper', format: w.format, start: best, end, bodyStart, bodyEnd, closed });
      pos = Math.max(end, best + 1);
      continue;
    }
    // fence
    const tickChar = which === 0 ? '`' : '~';
    let q = best;
    while (s[q] === tickChar) q++;
    const ticks = s.slice(best, q);
    const infoEnd = lineEndOf(s, q);
    const info = s.slice(q, infoEnd);
    const lang = fenceLang(info.trim());
    const inlineBody = info.search(/[{[<]/);
    const bodyStart = inlineBody !== -1 && /^\s*[\w-]*\s*$/.test(info.slice(0, inlineBody)) ? q + inlineBody : Math.min(infoEnd + 1, n);
    const finder = tickChar === '`' ? closeTicks : closeTildes;
    let closing: { start: number; end: number } | undefined;
    const callable = CALL_FENCES.has(lang) || DATA_FENCES.has(lang);
    const firstBody = lineStartOf(s, bodyStart) === bodyStart ? s.slice(bodyStart, bodyStart + 200).trimStart()[0] : s[bodyStart];
    if (callable && (firstBody === '{' || firstBody === '[')) {
      // Read the JSON first: its strings may contain ``` lines (a README being written).
      const jsonStart = s.indexOf(firstBody, bodyStart);
      const r = parseLooseJson(s, jsonStart, { allowTruncated: true });
      if (r.ok) closing = findClosingFence(s, r.end, ticks, finder);
    }
    closing ??= findClosingFence(s, bodyStart, ticks, finder);
    const bodyEnd = closing ? closing.start : n;
    const end = closing ? closing.end : n;
    if (callable) regions.push({ kind: 'fence', lang, start: best, end, bodyStart, bodyEnd, closed: closing !== undefined });
    else regions.push({ kind: 'excluded', why: 'foreign-fence', start: best, end, lang, bodyStart, bodyEnd });
    pos = Math.max(end, best + 3);
  }
  return regions;
}
