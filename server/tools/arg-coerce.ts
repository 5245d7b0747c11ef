/**
 * Last-chance scalar coercion before validation: "20" for a number parameter, "true" for a
 * boolean, 42 for a string. The model parser repairs more (aliases, JSON); this only covers calls
 * that reach the registry another way (native tool calls). Pure; no I/O.
 */
import type { AnyTool } from './define-tool.js';
import { toolParams } from './tool-schema.js';

export function coerceScalars(tool: AnyTool, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const p of toolParams(tool)) {
    const v = out[p.name];
    if (v === undefined) continue;
    if (p.type === 'number' && typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) out[p.name] = Number(v);
    else if (p.type === 'boolean' && typeof v === 'string' && /^(true|false)$/i.test(v.trim())) out[p.name] = v.trim().toLowerCase() === 'true';
    else if (p.type === 'string' && (typeof v === 'number' || typeof v === 'boolean')) out[p.name] = String(v);
    // ["ls", "-la"]: an argv array where one string is expected.
    else if (p.type === 'string' && Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) out[p.name] = v.join(' ');
    else if (v === null && !p.required) delete out[p.name];
  }
  // "lines": "40-60" or [40, 60]: a range in one value where start_line and end_line are expected
  // (otherwise dropped as unknown, and a large file's head comes back instead of the lines asked for).
  const names = new Set(toolParams(tool).map((p) => p.name));
  if (names.has('start_line') && names.has('end_line') && out['start_line'] === undefined) {
    for (const key of ['lines', 'line_range', 'range', 'line_numbers']) {
      const r = lineRange(out[key]);
      if (!r) continue;
      out['start_line'] = r[0];
      out['end_line'] = r[1];
      delete out[key];
      break;
    }
  }
  return out;
}

function lineRange(v: unknown): [number, number] | null {
  if (typeof v === 'string') {
    const m = /^\s*L?(\d+)\s*(?:-|–|:|\.\.|to|,)\s*L?(\d+)\s*$/i.exec(v);
    return m ? [Number(m[1]), Number(m[2])] : null;
  }
  if (Array.isArray(v) && v.length === 2 && v.every((x) => (typeof x === 'number' && Number.isInteger(x)) || (typeof x === 'string' && /^\d+$/.test(x)))) {
    return [Number(v[0]), Number(v[1])];
  }
  return null;
}
