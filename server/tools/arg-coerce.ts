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
  return out;
}
