/**
 * A compact form of a worker's FileJobResults for postMessage: each file's symbols and references
 * become one Int32Array of string-table indexes and positions, whose buffer is transferred, not
 * copied. Structured-cloning the plain records (several objects per reference) cost the main thread
 * more than writing them to SQLite. Pure encoding; no I/O, no tree-sitter.
 */
import type { ExtractedFile, ExtractedReference, ExtractedSymbol, ReferenceKind, SymbolKind } from '../types.js';
import type { FileJobResult } from './file-job.js';

const SYMBOL_KINDS: readonly SymbolKind[] = ['function', 'class', 'method', 'interface', 'type', 'enum', 'constant', 'variable', 'module', 'field'];
const REFERENCE_KINDS: readonly ReferenceKind[] = ['call', 'import', 'type', 'heritage'];
const SYMBOL_CODE = new Map(SYMBOL_KINDS.map((k, i) => [k, i]));
const REFERENCE_CODE = new Map(REFERENCE_KINDS.map((k, i) => [k, i]));

/** Ints per symbol: name, kind, container, signature, doc, exported, sl, sc, el, ec. */
const SYM = 10;
/** Ints per reference: name, kind, fromSymbol, module, sl, sc, el, ec. */
const REF = 8;
/** Absent (null / undefined) string. */
const NONE = -1;

export interface PackedFile {
  path: string;
  language: ExtractedFile['language'];
  hash: string;
  mtimeMs: number;
  lines: number;
  hasErrors: boolean;
  strings: string[];
  symbols: Int32Array;
  references: Int32Array;
}

export type PackedJobResult = Exclude<FileJobResult, { status: 'parsed' }> | { status: 'parsed'; packed: PackedFile };

class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  id(s: string | null | undefined): number {
    if (s === null || s === undefined) return NONE;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

export function packFile(file: ExtractedFile): PackedFile {
  const table = new StringTable();
  const symbols = new Int32Array(file.symbols.length * SYM);
  file.symbols.forEach((s, i) => {
    const o = i * SYM;
    const r = s.range;
    symbols[o] = table.id(s.name);
    symbols[o + 1] = SYMBOL_CODE.get(s.kind)!;
    symbols[o + 2] = table.id(s.container);
    symbols[o + 3] = table.id(s.signature);
    symbols[o + 4] = table.id(s.doc);
    symbols[o + 5] = s.exported ? 1 : 0;
    symbols[o + 6] = r.startLine;
    symbols[o + 7] = r.startCol;
    symbols[o + 8] = r.endLine;
    symbols[o + 9] = r.endCol;
  });
  const references = new Int32Array(file.references.length * REF);
  file.references.forEach((x, i) => {
    const o = i * REF;
    const r = x.range;
    references[o] = table.id(x.name);
    references[o + 1] = REFERENCE_CODE.get(x.kind)!;
    references[o + 2] = table.id(x.fromSymbol);
    references[o + 3] = table.id(x.module);
    references[o + 4] = r.startLine;
    references[o + 5] = r.startCol;
    references[o + 6] = r.endLine;
    references[o + 7] = r.endCol;
  });
  const { path, language, hash, mtimeMs, lines, hasErrors } = file;
  return { path, language, hash, mtimeMs, lines, hasErrors, strings: table.strings, symbols, references };
}

export function unpackFile(p: PackedFile): ExtractedFile {
  const str = p.strings;
  const s = p.symbols;
  const symbols: ExtractedSymbol[] = new Array<ExtractedSymbol>(s.length / SYM);
  for (let i = 0, o = 0; o < s.length; i++, o += SYM) {
    symbols[i] = {
      name: str[s[o]!]!,
      kind: SYMBOL_KINDS[s[o + 1]!]!,
      range: { startLine: s[o + 6]!, startCol: s[o + 7]!, endLine: s[o + 8]!, endCol: s[o + 9]! },
      container: s[o + 2] === NONE ? null : str[s[o + 2]!]!,
      signature: str[s[o + 3]!]!,
      doc: s[o + 4] === NONE ? null : str[s[o + 4]!]!,
      exported: s[o + 5] === 1,
    };
  }
  const r = p.references;
  const references: ExtractedReference[] = new Array<ExtractedReference>(r.length / REF);
  for (let i = 0, o = 0; o < r.length; i++, o += REF) {
    const ref: ExtractedReference = {
      name: str[r[o]!]!,
      kind: REFERENCE_KINDS[r[o + 1]!]!,
      range: { startLine: r[o + 4]!, startCol: r[o + 5]!, endLine: r[o + 6]!, endCol: r[o + 7]! },
      fromSymbol: r[o + 2] === NONE ? null : str[r[o + 2]!]!,
    };
    if (r[o + 3] !== NONE) ref.module = str[r[o + 3]!]!;
    references[i] = ref;
  }
  const { path, language, hash, mtimeMs, lines, hasErrors } = p;
  return { path, language, hash, mtimeMs, lines, hasErrors, symbols, references };
}

export function packResult(r: FileJobResult): PackedJobResult {
  return r.status === 'parsed' ? { status: 'parsed', packed: packFile(r.file) } : r;
}

export function unpackResult(r: PackedJobResult): FileJobResult {
  return r.status === 'parsed' ? { status: 'parsed', file: unpackFile(r.packed) } : r;
}

/** The buffers to transfer with a message carrying these results. */
export function transferList(results: readonly PackedJobResult[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const r of results) {
    if (r.status !== 'parsed') continue;
    out.push(r.packed.symbols.buffer as ArrayBuffer, r.packed.references.buffer as ArrayBuffer);
  }
  return out;
}
