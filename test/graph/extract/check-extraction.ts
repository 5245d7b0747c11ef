/**
 * Shared helper for the per-language extraction tests: extracts a fixture and renders symbols and
 * references as compact one-line strings so expectations read like a table.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../../../server/graph/extract/extract-file.js';
import type { ExtractedFile, ExtractedReference, ExtractedSymbol } from '../../../server/graph/types.js';

export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url));
}

export function extractFixture(rel: string): ExtractedFile {
  return extractFile({ path: rel, text: readFileSync(fixturePath(rel), 'utf8') });
}

/** `kind name [in Container] [exported]` */
export function symbolLine(s: ExtractedSymbol): string {
  return `${s.kind} ${s.name}${s.container ? ` in ${s.container}` : ''}${s.exported ? ' exported' : ''}`;
}

/** `kind name [from Symbol] [<- module]` */
export function referenceLine(r: ExtractedReference): string {
  return `${r.kind} ${r.name}${r.fromSymbol ? ` from ${r.fromSymbol}` : ''}${r.module !== undefined ? ` <- ${r.module}` : ''}`;
}

export function symbolNamed(file: ExtractedFile, name: string, container: string | null = null): ExtractedSymbol {
  const s = file.symbols.find((x) => x.name === name && (container === null || x.container === container));
  if (!s) throw new Error(`no symbol ${name} in ${file.path}: ${file.symbols.map(symbolLine).join(', ')}`);
  return s;
}
