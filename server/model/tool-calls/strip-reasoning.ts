/**
 * Removes reasoning blocks (<think>, <thinking>, <reasoning>, Harmony analysis channels, [THINK],
 * ◁think▷) from model text so calls the model only thought about are never executed. Also handles
 * an opening tag the chat template already sent (a lone closing tag) and one cut off by max_tokens.
 */
import { asciiLower } from './text-scan.js';

const PAIRS: readonly (readonly [string, string])[] = [
  ['<think>', '</think>'],
  ['<thinking>', '</thinking>'],
  ['<reasoning>', '</reasoning>'],
  ['<reflection>', '</reflection>'],
  ['<thought>', '</thought>'],
  ['<seed:think>', '</seed:think>'],
  ['[think]', '[/think]'],
  ['◁think▷', '◁/think▷'],
  ['<|begin_of_thought|>', '<|end_of_thought|>'],
  ['<|channel|>analysis<|message|>', '<|end|>'],
  ['<|start_thinking|>', '<|end_thinking|>'],
];

export interface StripResult {
  visible: string;
  /** True when any reasoning was removed. */
  stripped: boolean;
}

/** Replaces [from, to) ranges with spaces, keeping newlines, so offsets and line structure survive. */
function blankRanges(text: string, ranges: [number, number][]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [from, to] of ranges) {
    const f = Math.max(from, pos);
    if (to <= f) continue;
    out += text.slice(pos, f) + text.slice(f, to).replace(/[^\n]/g, ' ');
    pos = to;
  }
  return out + text.slice(pos);
}

/** Every opener/closer above contains one of these words: a cheap test before any real work. */
const ANY_TAG = /think|reason|reflection|thought|analysis/i;

export function stripReasoning(text: string): StripResult {
  if (!ANY_TAG.test(text)) return { visible: text, stripped: false };
  const lower = asciiLower(text);
  let any = false;
  for (const [open] of PAIRS) if (lower.includes(open)) any = true;
  for (const [, close] of PAIRS) if (close !== '<|end|>' && lower.includes(close)) any = true;
  if (!any) return { visible: text, stripped: false };
  const ranges: [number, number][] = [];
  for (const [open, close] of PAIRS) {
    // A closing tag with no opening before it: the template opened the block for the model.
    const firstClose = close === '<|end|>' ? -1 : lower.indexOf(close);
    const firstOpen = lower.indexOf(open);
    if (firstClose !== -1 && (firstOpen === -1 || firstClose < firstOpen)) ranges.push([0, firstClose + close.length]);
    let from = firstOpen;
    while (from !== -1) {
      const end = lower.indexOf(close, from + open.length);
      if (end === -1) {
        // Cut off mid-thought: everything after is reasoning.
        ranges.push([from, text.length]);
        break;
      }
      ranges.push([from, end + close.length]);
      from = lower.indexOf(open, end + close.length);
    }
  }
  return { visible: ranges.length > 0 ? blankRanges(text, ranges) : text, stripped: ranges.length > 0 };
}
