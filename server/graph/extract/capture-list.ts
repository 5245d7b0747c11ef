/**
 * Runs a compiled symbol query and hands its captures out by index: capture name, start (index, row,
 * column) and, only when asked, end or a full SyntaxNode. The fast path reads the binding's node
 * transfer buffer instead of letting `Query#matches` build and cache a JS node object per capture
 * (measured on 0.25.1: ~2 µs per capture, twice the query walk itself). If the binding's internals
 * ever differ from what this file checks, the public `Query#matches` path serves the same interface.
 * No extraction logic here.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Parser from 'tree-sitter';

type Node = Parser.SyntaxNode;

/** A query's captures grouped by match, with lazy access to what only a few captures need. */
export interface CaptureList {
  readonly matchCount: number;
  /** Captures of match `m` are [first(m), stop(m)). */
  first(m: number): number;
  stop(m: number): number;
  name(c: number): string;
  /** Start as UTF-16 index, row, UTF-16 column. */
  start(c: number): number;
  row(c: number): number;
  col(c: number): number;
  /** End UTF-16 index (computed from the text for single-token identifiers, else asked of the node). */
  end(c: number): number;
  endRow(c: number): number;
  endCol(c: number): number;
  /** Node types around a capture (null when there is no such node): what export detection asks. */
  parentType(c: number): string | null;
  grandparentType(c: number): string | null;
  firstNamedChildType(c: number): string | null;
  /** [start, end) of a Python definition's docstring string node, or null. */
  docstring(c: number): [number, number] | null;
}

/** The node-derived parts of CaptureList, for lists that can hand out a SyntaxNode per capture. */
abstract class NodeFacts {
  abstract node(c: number): Node;
  endRow(c: number): number {
    return this.node(c).endPosition.row;
  }
  endCol(c: number): number {
    return this.node(c).endPosition.column;
  }
  parentType(c: number): string | null {
    return this.node(c).parent?.type ?? null;
  }
  grandparentType(c: number): string | null {
    return this.node(c).parent?.parent?.type ?? null;
  }
  firstNamedChildType(c: number): string | null {
    return this.node(c).firstNamedChild?.type ?? null;
  }
  docstring(c: number): [number, number] | null {
    const first = this.node(c).childForFieldName('body')?.firstNamedChild;
    if (!first || first.type !== 'expression_statement') return null;
    const str = first.firstNamedChild;
    if (!str || str.type !== 'string') return null;
    return [str.startIndex, str.endIndex];
  }
}

/** Rows [startRow, endRow) to run the query over; the whole tree when absent. */
export interface RowRange {
  startRow: number;
  endRow: number;
}

const FIELDS = 6;
const ERROR_TYPE_ID = 0xffff;
/** Node types that are always one identifier token in every grammar we ship. */
const IDENTIFIER_TYPES = new Set([
  'identifier', 'type_identifier', 'property_identifier', 'private_property_identifier', 'field_identifier',
  'package_identifier', 'shorthand_property_identifier', 'statement_identifier', 'namespace_identifier',
]);

type MatchesArray = Array<number | string>;
type RawNodes = Array<number | Node | null>;
type RawMatchesFn = (this: Parser.Query, tree: Parser.Tree, ...args: number[]) => [MatchesArray, RawNodes];
interface Binding {
  nodeTransferArray: Uint32Array;
  getNodeTypeNamesById(language: unknown): Array<string | null>;
}
interface Internals {
  binding: Binding;
  rawMatches: RawMatchesFn;
}
type NodeClass = new (tree: Parser.Tree) => Node;
interface PredicateCapture {
  name: string;
  node: Node;
}
type Predicate = (captures: PredicateCapture[]) => boolean;

let internals: Internals | null | undefined;

function loadInternals(): Internals | null {
  if (internals !== undefined) return internals;
  internals = null;
  const rawMatches = (Parser.Query.prototype as unknown as { _matches?: RawMatchesFn })._matches;
  if (typeof rawMatches !== 'function') return null;
  try {
    const req = createRequire(import.meta.url);
    const dir = dirname(req.resolve('tree-sitter'));
    // the same native module tree-sitter loaded (node-gyp-build resolves it by path: require cache)
    const load = createRequire(req.resolve('tree-sitter'))('node-gyp-build') as (dir: string) => Binding;
    const binding = load(dir);
    if (typeof binding.getNodeTypeNamesById !== 'function') return null;
    internals = { binding, rawMatches };
  } catch (err) {
    // the public path works without these internals; nothing to report beyond using it
    internals = null;
    void err;
  }
  return internals;
}

/** Per-language tables the fast path needs, built once per grammar and checked against the public API. */
interface LanguageTables {
  identifierType: Uint8Array;
  classes: Array<NodeClass | undefined>;
  base: NodeClass;
}
const tables = new WeakMap<object, LanguageTables | null>();

function tablesFor(tree: Parser.Tree, binding: Binding): LanguageTables | null {
  const language = (tree as unknown as { language: object & { nodeSubclasses?: NodeClass[] } }).language;
  if (typeof language !== 'object' || language === null) return null;
  const known = tables.get(language);
  if (known !== undefined) return known;
  let t: LanguageTables | null = null;
  const names = binding.getNodeTypeNamesById(language);
  const classes = language.nodeSubclasses;
  if (Array.isArray(names) && Array.isArray(classes)) {
    const identifierType = new Uint8Array(Math.max(names.length, ERROR_TYPE_ID + 1));
    names.forEach((n, id) => {
      if (n && IDENTIFIER_TYPES.has(n)) identifierType[id] = 1;
    });
    t = { identifierType, classes, base: (Parser as unknown as { SyntaxNode: NodeClass }).SyntaxNode };
  }
  tables.set(language, t);
  return t;
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** Captures read straight from the transfer buffer. */
class RawCaptureList extends NodeFacts implements CaptureList {
  matchCount: number;
  private readonly nodes: Array<Node | undefined>;

  constructor(
    private readonly tree: Parser.Tree,
    private readonly text: string,
    private readonly t: LanguageTables,
    private readonly firsts: number[],
    private readonly stops: number[],
    private readonly names: string[],
    private readonly typeIds: Uint16Array,
    private readonly fields: Uint32Array,
    cached: Array<Node | undefined>,
  ) {
    super();
    this.matchCount = firsts.length;
    this.nodes = cached;
  }

  first(m: number): number {
    return this.firsts[m]!;
  }
  stop(m: number): number {
    return this.stops[m]!;
  }
  name(c: number): string {
    return this.names[c]!;
  }
  start(c: number): number {
    return this.fields[c * FIELDS + 2]! >>> 1;
  }
  row(c: number): number {
    return this.fields[c * FIELDS + 3]!;
  }
  col(c: number): number {
    return this.fields[c * FIELDS + 4]! >>> 1;
  }
  end(c: number): number {
    if (this.t.identifierType[this.typeIds[c]!]) {
      const text = this.text;
      let i = this.start(c);
      const n = text.length;
      while (i < n && isIdentChar(text.charCodeAt(i))) i++;
      const stop = i < n ? text.charCodeAt(i) : 0;
      // ASCII punctuation or space ends any identifier; anything else (unicode, `\u` escapes,
      // Rust's `r#`) is left to the node itself
      if (i > this.start(c) && stop < 128 && stop !== 92 && stop !== 35) return i;
    }
    return this.node(c).endIndex;
  }
  node(c: number): Node {
    let n = this.nodes[c];
    if (n) return n;
    const typeId = this.typeIds[c]!;
    const Cls = typeId === ERROR_TYPE_ID ? this.t.base : (this.t.classes[typeId] ?? this.t.base);
    n = new Cls(this.tree);
    const raw = n as unknown as Record<number, number>;
    for (let i = 0; i < FIELDS; i++) raw[i] = this.fields[c * FIELDS + i]!;
    this.nodes[c] = n;
    return n;
  }
}

/** Captures from the public `Query#matches` (the fallback and the reference behaviour). */
class NodeCaptureList extends NodeFacts implements CaptureList {
  readonly matchCount: number;

  constructor(
    private readonly firsts: number[],
    private readonly names: string[],
    private readonly nodes: Node[],
  ) {
    super();
    this.matchCount = firsts.length - 1;
  }
  first(m: number): number {
    return this.firsts[m]!;
  }
  stop(m: number): number {
    return this.firsts[m + 1]!;
  }
  name(c: number): string {
    return this.names[c]!;
  }
  start(c: number): number {
    return this.nodes[c]!.startIndex;
  }
  row(c: number): number {
    return this.nodes[c]!.startPosition.row;
  }
  col(c: number): number {
    return this.nodes[c]!.startPosition.column;
  }
  end(c: number): number {
    return this.nodes[c]!.endIndex;
  }
  node(c: number): Node {
    return this.nodes[c]!;
  }
}

const UNLIMITED = 0xffffffff;

function queryArgs(rows: RowRange | undefined, maxStartDepth: number): number[] {
  // (startRow, startColumn, endRow, endColumn, startIndex, endIndex, matchLimit, maxStartDepth, timeout)
  return rows ? [rows.startRow, 0, rows.endRow, 0, 0, 0, UNLIMITED, maxStartDepth, 0] : [0, 0, 0, 0, 0, 0, UNLIMITED, maxStartDepth, 0];
}

/** The public-API capture list (also what tests compare the fast path with). */
export function publicCaptures(query: Parser.Query, tree: Parser.Tree, _text?: string, rows?: RowRange, maxStartDepth = UNLIMITED): CaptureList {
  const root = tree.rootNode;
  const matches = rows
    ? query.matches(root, { startPosition: { row: rows.startRow, column: 0 }, endPosition: { row: rows.endRow, column: 0 }, maxStartDepth })
    : query.matches(root, { maxStartDepth });
  const firsts: number[] = [];
  const names: string[] = [];
  const nodes: Node[] = [];
  for (const m of matches) {
    firsts.push(names.length);
    for (const cap of m.captures) {
      names.push(cap.name);
      nodes.push(cap.node);
    }
  }
  firsts.push(names.length);
  return new NodeCaptureList(firsts, names, nodes);
}

/**
 * The fast capture list, or null when the binding's internals are not as expected. Predicates
 * (`#eq?`, `#match?`) are applied here as the public path does, on real nodes of those matches only.
 */
export function fastCaptures(query: Parser.Query, tree: Parser.Tree, text: string, rows?: RowRange, maxStartDepth = UNLIMITED): CaptureList | null {
  const inn = loadInternals();
  if (!inn) return null;
  const t = tablesFor(tree, inn.binding);
  if (!t) return null;
  const root = tree.rootNode;
  // _matches reads its start node from the transfer buffer's first slot
  const rootRaw = root as unknown as Record<number, number>;
  const transfer0 = inn.binding.nodeTransferArray;
  for (let i = 0; i < FIELDS; i++) transfer0[i] = rootRaw[i]!;
  const [matches, rawNodes] = inn.rawMatches.call(query, tree, ...queryArgs(rows, maxStartDepth));
  const transfer = inn.binding.nodeTransferArray; // may have been reallocated for a large result
  const count = rawNodes.length;
  const fields = new Uint32Array(count * FIELDS);
  const typeIds = new Uint16Array(count);
  const cached: Array<Node | undefined> = new Array<Node | undefined>(count);
  let offset = 0;
  for (let c = 0; c < count; c++) {
    const v = rawNodes[c];
    if (typeof v === 'number') {
      fields.set(transfer.subarray(offset, offset + FIELDS), c * FIELDS);
      typeIds[c] = v;
      offset += FIELDS;
    } else if (v && typeof v === 'object') {
      const raw = v as unknown as Record<number, number>;
      for (let i = 0; i < FIELDS; i++) fields[c * FIELDS + i] = raw[i]!;
      cached[c] = v;
    } else {
      return null; // a null capture node: not something our queries produce; let the public path decide
    }
  }
  const names: string[] = [];
  const firsts: number[] = [];
  const patterns: number[] = [];
  for (const x of matches) {
    if (typeof x === 'number') {
      patterns.push(x);
      firsts.push(names.length);
    } else names.push(x);
  }
  if (names.length !== count) return null;
  const stops = [...firsts.slice(1), count];
  const list = new RawCaptureList(tree, text, t, firsts, stops, names, typeIds, fields, cached);
  // `#match?` / `#eq?` are JavaScript functions the public path applies per match: apply them here
  const predicates = (query as unknown as { predicates?: ReadonlyArray<ReadonlyArray<Predicate>> }).predicates;
  if (!predicates) return null;
  let kept = 0;
  for (let m = 0; m < patterns.length; m++) {
    const preds = predicates[patterns[m]!];
    if (preds && preds.length) {
      const caps: PredicateCapture[] = [];
      for (let c = firsts[m]!; c < stops[m]!; c++) caps.push({ name: names[c]!, node: list.node(c) });
      if (!preds.every((p) => p(caps))) continue;
    }
    firsts[kept] = firsts[m]!;
    stops[kept] = stops[m]!;
    kept++;
  }
  firsts.length = kept;
  stops.length = kept;
  list.matchCount = kept;
  if (!layoutChecked && count > 0) {
    layoutChecked = true;
    if (!sameAsPublic(list, count)) {
      internals = null;
      return null;
    }
  }
  return list;
}

let layoutChecked = false;

/** Once per thread: the fast path's positions must equal the public getters' for a few captures. */
function sameAsPublic(list: RawCaptureList, count: number): boolean {
  for (let c = 0; c < Math.min(count, 8); c++) {
    const fresh = list.node(c);
    const sp = fresh.startPosition;
    if (fresh.startIndex !== list.start(c) || sp.row !== list.row(c) || sp.column !== list.col(c) || typeof fresh.type !== 'string') return false;
  }
  return true;
}

/** The fast list when available, else the public one. */
export function captureList(query: Parser.Query, tree: Parser.Tree, text: string, rows?: RowRange, maxStartDepth = UNLIMITED): CaptureList {
  return fastCaptures(query, tree, text, rows, maxStartDepth) ?? publicCaptures(query, tree, text, rows, maxStartDepth);
}
