/**
 * Turns a tree-sitter tree plus its compiled symbol query into ExtractedSymbol / ExtractedReference
 * records: dedupes overlapping captures, assigns containers and enclosing symbols with one sorted
 * sweep (no per-node parent walks), attaches doc comments and the exported flag. No I/O, no parsing.
 */
import type Parser from 'tree-sitter';
import type { ExtractedReference, ExtractedSymbol, Language, ReferenceKind, SourceRange, SymbolKind } from '../types.js';
import { captureList, type CaptureList, type RowRange } from './capture-list.js';
import type { LanguageQueries } from './query-loader.js';
import { cleanComments, cleanDocstring, isDocComment, isLineComment } from './doc-comments.js';

const SYMBOL_KINDS = new Set<string>(['function', 'class', 'method', 'interface', 'type', 'enum', 'constant', 'variable', 'module', 'field']);
const REFERENCE_KINDS = new Set<string>(['call', 'import', 'type', 'heritage']);
const CONTAINER_KINDS = new Set<string>(['class', 'interface', 'enum', 'module', 'scope', 'constant', 'variable']);
/** When two patterns capture the same name node, the higher number wins. */
const DEF_PRIORITY: Record<string, number> = { function: 2, method: 2, constant: 0, variable: 0 };
const REF_PRIORITY: Record<ReferenceKind, number> = { heritage: 3, call: 2, import: 1, type: 0 };
const MAX_SIGNATURE = 200;

interface Def {
  name: string;
  kind: SymbolKind | 'scope';
  /** The definition's capture, for the node facts asked of kept definitions only. */
  caps: CaptureList;
  cap: number;
  start: number;
  end: number;
  nameStart: number;
  containerHint: string | null;
  range: SourceRange;
  container: string | null;
  exported: boolean;
  parent: Def | null;
}

interface Ref {
  name: string;
  kind: ReferenceKind;
  start: number;
  end: number;
  range: SourceRange;
  module: string | undefined;
}

interface TypeParam {
  start: number;
  name: string;
}

interface Comment {
  startRow: number;
  text: string;
}

export interface ExtractResult {
  symbols: ExtractedSymbol[];
  references: ExtractedReference[];
  hasErrors: boolean;
  /** Rows of `export { … }` / `export default name` clauses (they flag symbols elsewhere in the file). */
  exportRows: number[];
  /** The names those clauses export. */
  exportNames: string[];
}

/** Restricts extraction to whole rows [startRow, endRow) (the incremental path); default: the whole tree. */
export interface ExtractRows {
  startRow: number;
  endRow: number;
  /** Names exported by clauses outside the rows (they still flag definitions inside). */
  knownExports: readonly string[];
}

const Role = {
  Other: 0,
  Name: 1,
  Reference: 2,
  TypeParam: 3,
  Definition: 4,
  Module: 5,
  Container: 6,
  Comment: 7,
  Transparent: 8,
  ExportName: 9,
} as const;
type Role = (typeof Role)[keyof typeof Role];

interface CaptureRole {
  role: Role;
  /** The symbol or reference kind, '' when the capture name's suffix is not one the extractor knows. */
  kind: string;
}

/**
 * What each capture name means, worked out once per name: the loop over a file's captures then
 * switches on a number instead of comparing and slicing strings per capture (hundreds of
 * thousands of captures on a large repository).
 */
const ROLES = new Map<string, CaptureRole>();

function roleOf(name: string): CaptureRole {
  let r = ROLES.get(name);
  if (!r) {
    r = classifyCapture(name);
    ROLES.set(name, r);
  }
  return r;
}

/**
 * The known kind equal to `suffix`, as the constant string itself (not the slice), or '': kinds
 * index the priority tables per match, and a constant key is looked up without hashing it again.
 */
function knownKind(kinds: ReadonlySet<string>, suffix: string): string {
  for (const k of kinds) if (k === suffix) return k;
  return '';
}

function classifyCapture(n: string): CaptureRole {
  if (n === 'name') return { role: Role.Name, kind: '' };
  if (n.startsWith('reference.')) return { role: Role.Reference, kind: knownKind(REFERENCE_KINDS, n.slice(10)) };
  if (n === 'typeparam') return { role: Role.TypeParam, kind: '' };
  if (n.startsWith('definition.')) return { role: Role.Definition, kind: knownKind(SYMBOL_KINDS, n.slice(11)) };
  if (n === 'scope') return { role: Role.Definition, kind: 'scope' };
  if (n === 'module') return { role: Role.Module, kind: '' };
  if (n === 'container') return { role: Role.Container, kind: '' };
  if (n === 'comment') return { role: Role.Comment, kind: '' };
  if (n === 'transparent') return { role: Role.Transparent, kind: '' };
  if (n === 'export.name') return { role: Role.ExportName, kind: '' };
  return { role: Role.Other, kind: '' };
}

/** Keeps a comment that starts its line (one trailing code documents that code, not the next declaration). */
function noteComment(caps: CaptureList, c: number, text: string, comments: Map<number, Comment>): void {
  const startIndex = caps.start(c);
  const lineStart = startIndex - caps.col(c);
  if (text.slice(lineStart, startIndex).trim() !== '') return;
  const startRow = caps.row(c);
  const er = caps.endRow(c);
  // Rust line comments own their newline, so they end at column 0 of the next row
  const endRow = caps.endCol(c) === 0 && er > startRow ? er - 1 : er;
  comments.set(endRow, { startRow, text: text.slice(startIndex, caps.end(c)).trimEnd() });
}

function rangeOf(caps: CaptureList, c: number): SourceRange {
  return { startLine: caps.row(c), startCol: caps.col(c), endLine: caps.endRow(c), endCol: caps.endCol(c) };
}

function unquote(name: string): string {
  return /^["'`].*["'`]$/s.test(name) ? name.slice(1, -1) : name;
}

/** Which capture list to read (tests pass `publicCaptures` to compare the two paths). */
export type CaptureSource = (query: Parser.Query, tree: Parser.Tree, text: string, rows?: RowRange, maxStartDepth?: number) => CaptureList;

export function extractFromTree(
  tree: Parser.Tree,
  text: string,
  language: Language,
  queries: LanguageQueries,
  rows?: ExtractRows,
  captures: CaptureSource = captureList,
): ExtractResult {
  // each match stands alone (records are keyed by position and sorted afterwards), so the two lists
  // can be read one after the other
  const lists = [captures(queries.deep, tree, text, rows)];
  if (queries.top) lists.push(captures(queries.top, tree, text, rows, 0));
  return extractFromCaptures(lists, text, language, tree.rootNode.hasError, rows);
}

/** What the matches of one file add up to, before definitions are placed and references attached. */
class Collected {
  readonly defsByName = new Map<number, Def>();
  readonly refsByName = new Map<number, Ref>();
  /** By end row. */
  readonly comments = new Map<number, Comment>();
  /** End row → start row. */
  readonly transparent = new Map<number, number>();
  readonly typeParams: TypeParam[] = [];
  readonly exportRows: number[] = [];
  readonly exportNames: Set<string>;

  constructor(knownExports: readonly string[]) {
    this.exportNames = new Set(knownExports);
  }
}

/** Records from capture lists of a file (the Node binding's or the native extractor's). */
export function extractFromCaptures(lists: readonly CaptureList[], text: string, language: Language, hasErrors: boolean, rows?: ExtractRows): ExtractResult {
  const found = new Collected(rows?.knownExports ?? []);
  // one call per match keeps the hot code small: the loop here is all a long file makes the JIT
  // compile on the stack, and a rare branch deoptimizes only collectMatch
  for (const caps of lists) for (let m = 0; m < caps.matchCount; m++) collectMatch(caps, m, text, found);
  const { defsByName, refsByName, comments, transparent, typeParams, exportRows, exportNames } = found;

  const defs = [...defsByName.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = placeDefinitions(defs, language, exportNames);
  const symbols = kept.map((d) => toSymbol(d, text, language, comments, transparent));

  // a type reference on a definition's own name is the declaration, not a use
  const typeParamStarts = new Set(typeParams.map((t) => t.start));
  const refs = [...refsByName.values()]
    .filter((r) => !(r.kind === 'type' && ((defsByName.has(r.start) && defsByName.get(r.start)!.kind !== 'scope') || typeParamStarts.has(r.start))))
    .sort((a, b) => a.start - b.start);
  // impl blocks enclose too, so a reference in `impl Trait for Type` comes from Type
  const keptSet = new Set(kept);
  const enclosing = defs.filter((d) => d.kind === 'scope' || keptSet.has(d));
  const references = attachEnclosing(refs, enclosing, typeParams.sort((a, b) => a.start - b.start));
  return { symbols, references, hasErrors, exportRows, exportNames: [...exportNames] };
}

/** Records one match: a definition, a reference, a type parameter, a comment or an export clause name. */
function collectMatch(caps: CaptureList, m: number, text: string, found: Collected): void {
  let defCap = -1;
  let defKind = '';
  let refKind = '';
  let nameCap = -1;
  let moduleCap = -1;
  let containerCap = -1;
  let refCap = -1;
  let typeParamCap = -1;
  const last = caps.stop(m);
  for (let c = caps.first(m); c < last; c++) {
    const role = roleOf(caps.name(c));
    switch (role.role) {
      case Role.Name:
        nameCap = c;
        break;
      case Role.Reference:
        refKind = role.kind;
        refCap = c;
        break;
      case Role.TypeParam:
        typeParamCap = c;
        break;
      case Role.Definition:
        defCap = c;
        defKind = role.kind;
        break;
      case Role.Module:
        moduleCap = c;
        break;
      case Role.Container:
        containerCap = c;
        break;
      case Role.Comment:
        noteComment(caps, c, text, found.comments);
        break;
      case Role.Transparent:
        found.transparent.set(caps.endRow(c), caps.row(c));
        break;
      case Role.ExportName:
        found.exportNames.add(text.slice(caps.start(c), caps.end(c)));
        found.exportRows.push(caps.row(c));
        break;
    }
  }
  if (typeParamCap >= 0) {
    const start = caps.start(typeParamCap);
    found.typeParams.push({ start, name: text.slice(start, caps.end(typeParamCap)) });
    return;
  }
  if (nameCap < 0) {
    if (refCap < 0) return;
    nameCap = refCap;
  }
  const nameStart = caps.start(nameCap);
  if (defCap >= 0 && defKind !== '') {
    const prev = found.defsByName.get(nameStart);
    if (prev && (DEF_PRIORITY[prev.kind] ?? 1) >= (DEF_PRIORITY[defKind] ?? 1)) return;
    found.defsByName.set(nameStart, {
      name: unquote(text.slice(nameStart, caps.end(nameCap))),
      kind: defKind as SymbolKind | 'scope',
      caps,
      cap: defCap,
      start: caps.start(defCap),
      end: caps.end(defCap),
      nameStart,
      containerHint: containerCap >= 0 ? text.slice(caps.start(containerCap), caps.end(containerCap)) : null,
      range: rangeOf(caps, defCap),
      container: null,
      exported: false,
      parent: null,
    });
  } else if (refKind !== '') {
    const kind = refKind as ReferenceKind;
    const prev = found.refsByName.get(nameStart);
    if (prev && REF_PRIORITY[prev.kind] >= REF_PRIORITY[kind]) return;
    const end = caps.end(nameCap);
    const name = text.slice(nameStart, end);
    // names are single-line (identifiers), so the end position follows from the length
    const row = caps.row(nameCap);
    const col = caps.col(nameCap);
    const range: SourceRange = name.includes('\n')
      ? rangeOf(caps, nameCap)
      : { startLine: row, startCol: col, endLine: row, endCol: col + (end - nameStart) };
    found.refsByName.set(nameStart, {
      name,
      kind,
      start: nameStart,
      end,
      range,
      module: moduleCap >= 0 ? text.slice(caps.start(moduleCap), caps.end(moduleCap)) : undefined,
    });
  }
}

/** One sweep over definitions sorted by start: containers, local-definition pruning, method kinds, exports. */
function placeDefinitions(defs: Def[], language: Language, exportNames: Set<string>): Def[] {
  const kept: Def[] = [];
  const stack: Def[] = [];
  for (const d of defs) {
    while (stack.length && stack[stack.length - 1]!.end <= d.start) stack.pop();
    const top = stack[stack.length - 1];
    // definitions inside a function body are locals: not part of the graph
    if (top && (top.kind === 'function' || top.kind === 'method')) continue;
    d.parent = top ?? null;
    let container: Def | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      if (CONTAINER_KINDS.has(stack[i]!.kind)) {
        container = stack[i];
        break;
      }
    }
    d.container = d.containerHint ?? container?.name ?? null;
    if (d.kind === 'function' && top && (top.kind === 'class' || top.kind === 'interface' || top.kind === 'scope')) d.kind = 'method';
    if (language === 'python' && d.kind === 'variable' && !d.parent && /^[A-Z][A-Z0-9_]*$/.test(d.name)) d.kind = 'constant';
    d.exported = isExported(d, language, exportNames);
    stack.push(d);
    if (d.kind !== 'scope') kept.push(d);
  }
  return kept;
}

function isExported(d: Def, language: Language, exportNames: Set<string>): boolean {
  const parent = d.parent && d.parent.kind !== 'scope' ? d.parent : null;
  switch (language) {
    case 'go': {
      const c = d.name.charAt(0);
      return c !== c.toLowerCase();
    }
    case 'rust':
      return d.caps.firstNamedChildType(d.cap) === 'visibility_modifier' || (parent?.kind === 'interface' && parent.exported);
    case 'python':
      return !d.name.startsWith('_') && (parent ? parent.exported : true);
    default: {
      if (parent) return parent.exported && !d.name.startsWith('#');
      if (exportNames.has(d.name)) return true;
      let p = d.caps.parentType(d.cap);
      if (p === 'lexical_declaration' || p === 'variable_declaration') p = d.caps.grandparentType(d.cap);
      return p === 'export_statement';
    }
  }
}

function toSymbol(d: Def, text: string, language: Language, comments: Map<number, Comment>, transparent: Map<number, number>): ExtractedSymbol {
  const lineStart = text.lastIndexOf('\n', d.nameStart - 1) + 1;
  let lineEnd = text.indexOf('\n', d.nameStart);
  if (lineEnd < 0) lineEnd = text.length;
  let signature = text.slice(lineStart, Math.min(lineEnd, lineStart + MAX_SIGNATURE * 2)).trim();
  if (signature.length > MAX_SIGNATURE) signature = signature.slice(0, MAX_SIGNATURE) + '…';
  let doc: string | null = null;
  if (language === 'python' && (d.kind === 'function' || d.kind === 'method' || d.kind === 'class')) doc = pythonDocstring(d, text);
  if (doc === null) doc = commentDoc(d.range.startLine, language, comments, transparent);
  return {
    name: d.name,
    kind: d.kind as SymbolKind,
    range: d.range,
    container: d.container,
    signature,
    doc,
    exported: d.exported,
  };
}

function pythonDocstring(d: Def, text: string): string | null {
  const range = d.caps.docstring(d.cap);
  return range ? cleanDocstring(text.slice(range[0], range[1])) : null;
}

/** The comment block ending right above `row` (skipping attributes/decorators), as clean doc text. */
function commentDoc(row: number, language: Language, comments: Map<number, Comment>, transparent: Map<number, number>): string | null {
  const chain: string[] = [];
  let r = row - 1;
  for (;;) {
    const t = transparent.get(r);
    if (t !== undefined && chain.length === 0) {
      r = t - 1;
      continue;
    }
    const c = comments.get(r);
    if (!c || !isDocComment(language, c.text)) break;
    const line = isLineComment(c.text);
    if (!line && chain.length) break;
    chain.unshift(c.text);
    if (!line) break;
    r = c.startRow - 1;
  }
  return chain.length ? cleanComments(chain) : null;
}

/**
 * Sets each reference's enclosing symbol (innermost definition containing it) with one merge sweep,
 * and drops type references to a type parameter declared by an enclosing definition (`<A>` makes `A`
 * a parameter, not a reference): scoping them to definitions keeps the result the same whether the
 * whole file or only some top-level statements are extracted.
 */
function attachEnclosing(refs: Ref[], defs: Def[], typeParams: TypeParam[]): ExtractedReference[] {
  const out: ExtractedReference[] = [];
  const stack: Def[] = [];
  const declared = new Map<Def | null, Set<string>>();
  let di = 0;
  let ti = 0;
  const enter = (pos: number): void => {
    while (di < defs.length && defs[di]!.start <= pos) {
      const d = defs[di++]!;
      while (stack.length && stack[stack.length - 1]!.end <= d.start) stack.pop();
      stack.push(d);
    }
    while (stack.length && stack[stack.length - 1]!.end <= pos) stack.pop();
  };
  const isTypeParam = (name: string): boolean => {
    if (declared.get(null)?.has(name)) return true;
    for (let i = stack.length - 1; i >= 0; i--) if (declared.get(stack[i]!)?.has(name)) return true;
    return false;
  };
  for (const r of refs) {
    while (ti < typeParams.length && typeParams[ti]!.start <= r.start) {
      const t = typeParams[ti++]!;
      enter(t.start);
      const owner = stack.length ? stack[stack.length - 1]! : null;
      let set = declared.get(owner);
      if (!set) declared.set(owner, (set = new Set()));
      set.add(t.name);
    }
    enter(r.start);
    if (r.kind === 'type' && declared.size && isTypeParam(r.name)) continue;
    const ref: ExtractedReference = { name: r.name, kind: r.kind, range: r.range, fromSymbol: stack.length ? stack[stack.length - 1]!.name : null };
    if (r.module !== undefined) ref.module = r.module;
    out.push(ref);
  }
  return out;
}
