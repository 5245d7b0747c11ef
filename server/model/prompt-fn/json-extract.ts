/**
 * Forgiving extraction of one JSON value from a model's answer for prompt functions: drops reasoning
 * blocks, prefers a fenced json block, else the first balanced object/array, and repairs trailing
 * commas. Pure and small on purpose; the full tool-call parser lives in server/model/tool-calls/.
 */

function stripThink(text: string): string {
  return text.replace(/<think>[\s\S]*?(<\/think>|$)/gi, '').replace(/^[\s\S]*?<\/think>/i, '');
}

/** The first balanced `{...}` or `[...]` starting at or after `from`, respecting strings. */
function balancedFrom(text: string, from: number): string | null {
  const start = text.slice(from).search(/[[{]/);
  if (start < 0) return null;
  const s = from + start;
  const stack: string[] = [];
  let inString = false;
  for (let i = s; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return null;
      if (stack.length === 0) return text.slice(s, i + 1);
    }
  }
  return null;
}

function tryParse(candidate: string): { ok: true; value: unknown } | { ok: false } {
  for (const text of [candidate, candidate.replace(/,\s*([}\]])/g, '$1')]) {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (err) {
      void err; // try the next repair
    }
  }
  return { ok: false };
}

export type Extracted = { ok: true; value: unknown } | { ok: false; error: string };

export function extractJson(answer: string): Extracted {
  const text = stripThink(answer).trim();
  if (text === '') return { ok: false, error: 'the answer was empty' };
  const fence = /```(?:json|JSON)?\s*\n([\s\S]*?)```/.exec(text);
  const candidates: string[] = [];
  if (fence?.[1]) candidates.push(fence[1].trim());
  candidates.push(text);
  for (let from = 0, n = 0; from < text.length && n < 5; n++) {
    const b = balancedFrom(text, from);
    if (!b) break;
    candidates.push(b);
    from = text.indexOf(b, from) + 1;
  }
  for (const c of candidates) {
    const r = tryParse(c);
    if (r.ok) return r;
  }
  return { ok: false, error: 'no JSON object found in the answer' };
}
