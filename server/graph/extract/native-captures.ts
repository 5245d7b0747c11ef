/**
 * The native graph extractor (native/graph, built at `npm ci`): loads the addon, compiles each
 * language's `.scm` query into it, and reads its packed result (one Int32Array per file) as a
 * CaptureList. Parse and query walk run in C, on its own parse threads when asked (`extractAsync`),
 * and the tree is freed before the call returns. When the addon is missing, fails to load, or
 * disagrees on its layout, `nativeLanguage()` returns null and callers use the Node binding path;
 * `nativeGraphStatus()` says why (doctor prints it). No extraction logic here.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { errorMessage } from '../../core/errors.js';
import type { Language } from '../types.js';
import type { CaptureList } from './capture-list.js';
import { splitQuerySource } from './query-loader.js';

/** What the addon exports (native/graph/src/addon.c). */
interface NativeGraph {
  languages: string[];
  layoutVersion: number;
  captureFields: number;
  compileQuery(language: number, source: string): number;
  captureNames(query: number): string[];
  setRoles(query: number, roles: Uint8Array): void;
  predicates(query: number): Array<Array<Array<string | number>>>;
  /** Whether the query runs only at its patterns' root node types, not over every node (roots.c). */
  startsAtRoots(query: number): boolean;
  typeNames(language: number): string[];
  extractSync(language: number, deep: number, top: number, text: string): Int32Array;
  extractAsync(language: number, deep: number, top: number, text: string): Promise<Int32Array>;
  /** Lets exactly n parse threads take extractAsync jobs; returns how many run. */
  setThreads(n: number): number;
  /** Parses and frees the tree (the benchmark's native floor); returns whether it had errors. */
  parseOnly(language: number, text: string): boolean;
}

/** Mirrors native/graph/src/extract.h; checked against the addon at load. */
const LAYOUT_VERSION = 1;
const HEADER = 4;
const MATCH_FIELDS = 3;
const F = 12;
const CAP_ID = 0;
const CAP_START = 1;
const CAP_ROW = 2;
const CAP_COL = 3;
const CAP_END = 4;
const CAP_END_ROW = 5;
const CAP_END_COL = 6;
const CAP_PARENT = 7;
const CAP_GRANDPARENT = 8;
const CAP_FIRST_NAMED = 9;
const CAP_DOC_START = 10;
const CAP_DOC_END = 11;
const ROLE_FACTS = 1;
/** tree-sitter's ERROR symbol, outside every grammar's symbol table. */
const ERROR_SYMBOL = 0xffff;

export const NATIVE_ADDON_PATH = ['native', 'graph', 'build', 'Release', 'smallcode_graph.node'];

export interface NativeLoad {
  graph: NativeGraph | null;
  /** Where it was loaded from, or why it was not (with the command that fixes it). */
  detail: string;
}

/** Loads the addon at `file` and checks it speaks this reader's layout. */
export function loadNativeGraph(file: string): NativeLoad {
  if (!existsSync(file)) return { graph: null, detail: `not built (${file} is missing); build it with: npm run build:native` };
  try {
    const graph = createRequire(import.meta.url)(file) as NativeGraph;
    if (graph.layoutVersion !== LAYOUT_VERSION || graph.captureFields !== F) {
      return { graph: null, detail: `its layout ${String(graph.layoutVersion)}/${String(graph.captureFields)} is not ${LAYOUT_VERSION}/${F}; rebuild it with: npm run build:native` };
    }
    return { graph, detail: `loaded from ${file}` };
  } catch (err) {
    return { graph: null, detail: `does not load (${errorMessage(err)}); rebuild it with: npm run build:native` };
  }
}

let loaded: NativeLoad | undefined;

function load(): NativeLoad {
  loaded ??= loadNativeGraph(join(packageRoot(), ...NATIVE_ADDON_PATH));
  return loaded;
}

/** Sets how many native parse threads serve extractAsync (0 when the addon is not loaded). */
export function setNativeParseThreads(n: number): number {
  const graph = load().graph;
  return graph ? graph.setThreads(Math.max(1, Math.floor(n))) : 0;
}

/** Parse-only with the native parser (benchmark floor); null when the addon does not serve the language. */
export function nativeParseOnly(language: Language, text: string): boolean | null {
  const graph = load().graph;
  const index = graph ? graph.languages.indexOf(language) : -1;
  return graph && index >= 0 ? graph.parseOnly(index, text) : null;
}

/** Whether the addon is in use, and why not when it is not. */
export function nativeGraphStatus(): { available: boolean; detail: string } {
  const l = load();
  return { available: l.graph !== null, detail: l.detail };
}

/** A predicate over one match: reads capture texts through `texts(id)`. */
type NativePredicate = (texts: (id: number) => string[]) => boolean;

interface NativeQuery {
  handle: number;
  names: string[];
  /** Per pattern; empty when the pattern has none. */
  predicates: NativePredicate[][];
}

export interface NativeLanguage {
  readonly language: Language;
  readonly index: number;
  readonly deep: NativeQuery;
  readonly top: NativeQuery | null;
  readonly typeNames: string[];
  readonly graph: NativeGraph;
}

const languages = new Map<Language, NativeLanguage | null>();
const problems = new Map<Language, string>();

/** Compiled native queries for a language, or null (no addon, or its query does not compile there). */
export function nativeLanguage(language: Language): NativeLanguage | null {
  const known = languages.get(language);
  if (known !== undefined) return known;
  const graph = load().graph;
  let l: NativeLanguage | null = null;
  const index = graph ? graph.languages.indexOf(language) : -1;
  if (graph && index >= 0) {
    try {
      const source = splitQuerySource(language);
      l = {
        language,
        index,
        graph,
        deep: compile(graph, index, source.deep),
        top: source.top === null ? null : compile(graph, index, source.top),
        typeNames: graph.typeNames(index),
      };
    } catch (err) {
      // the binding path reports a broken query with its own error; here it only means "not native"
      problems.set(language, errorMessage(err));
      l = null;
    }
  }
  languages.set(language, l);
  return l;
}

/** Why `nativeLanguage(language)` is null despite a loaded addon, if it is. */
export function nativeLanguageProblem(language: Language): string | undefined {
  return problems.get(language);
}

function compile(graph: NativeGraph, index: number, source: string): NativeQuery {
  const handle = graph.compileQuery(index, source);
  const names = graph.captureNames(handle);
  // definitions (and scopes) need their parent chain, first named child and docstring packed too
  graph.setRoles(handle, Uint8Array.from(names, (n) => (n.startsWith('definition.') || n === 'scope' ? ROLE_FACTS : 0)));
  const predicates = graph.predicates(handle).map((preds) => preds.map((steps) => compilePredicate(steps, names)));
  return { handle, names, predicates };
}

/** Text predicates with the Node binding's semantics (`#eq?`, `#match?`, `#any-of?` and their variants). */
export function compilePredicate(steps: ReadonlyArray<string | number>, names: readonly string[]): NativePredicate {
  const op = steps[0];
  if (typeof op !== 'string') throw new Error('a predicate must begin with its name');
  const args = steps.slice(1);
  const captureArg = (i: number): number => {
    const a = args[i];
    if (typeof a !== 'number') throw new Error(`#${op} needs a capture as argument ${i + 1}, got "${String(a)}"`);
    return a;
  };
  if (op === 'any-of?' || op === 'not-any-of?') {
    const a = captureArg(0);
    const values = new Set(args.slice(1).map(String));
    const positive = op === 'any-of?';
    return (texts) => {
      const nodes = texts(a);
      if (nodes.length === 0) return !positive;
      return nodes.every((t) => values.has(t)) === positive;
    };
  }
  const positive = !op.startsWith('not-') && !op.startsWith('any-not-');
  const all = !op.startsWith('any-');
  const base = op.replace(/^(any-)?(not-)?/, '');
  switch (base) {
    case 'eq?': {
      if (args.length !== 2) throw new Error(`#${op} takes 2 arguments, got ${args.length}`);
      const a = captureArg(0);
      const b = args[1]!;
      if (typeof b === 'number') {
        return (texts) => {
          const left = texts(a);
          const right = texts(b);
          const test = (t: string): boolean => right.some((r) => (t === r) === positive);
          return all ? left.every(test) : left.some(test);
        };
      }
      return (texts) => {
        const nodes = texts(a);
        const test = (t: string): boolean => (t === b) === positive;
        return all ? nodes.every(test) : nodes.some(test);
      };
    }
    case 'match?': {
      if (args.length !== 2 || typeof args[1] !== 'string') throw new Error(`#${op} takes a capture and a pattern string`);
      const a = captureArg(0);
      const re = new RegExp(args[1]);
      return (texts) => {
        const nodes = texts(a);
        if (nodes.length === 0) return !positive;
        const test = (t: string): boolean => re.test(t) === positive;
        return all ? nodes.every(test) : nodes.some(test);
      };
    }
    case 'set!':
    case 'is?':
    case 'is-not?':
      // properties, not filters
      return () => true;
    default:
      throw new Error(`unknown query predicate #${op} (captures: ${names.join(', ')})`);
  }
}

/** Captures of one file's packed result; the deep query's matches come first, then the top query's. */
export class NativeCaptureList implements CaptureList {
  matchCount: number;
  private readonly capBase: number;
  private readonly firsts: Int32Array;
  private readonly stops: Int32Array;
  readonly hasError: boolean;
  /** Captures [0, topCapture) belong to the deep query. */
  private readonly topCapture: number;

  constructor(
    private readonly data: Int32Array,
    private readonly lang: NativeLanguage,
    private readonly text: string,
  ) {
    const matches = data[1]!;
    const captures = data[2]!;
    const deepMatches = data[3]!;
    this.hasError = data[0] !== 0;
    this.capBase = HEADER + matches * MATCH_FIELDS;
    if (data.length !== this.capBase + captures * F) throw new Error(`packed captures of ${data.length} ints do not fit ${matches} matches and ${captures} captures`);
    this.topCapture = deepMatches < matches ? data[HEADER + deepMatches * MATCH_FIELDS + 1]! : captures;
    this.firsts = new Int32Array(matches);
    this.stops = new Int32Array(matches);
    let kept = 0;
    for (let m = 0; m < matches; m++) {
      const at = HEADER + m * MATCH_FIELDS;
      const first = data[at + 1]!;
      const stop = first + data[at + 2]!;
      const query = m < deepMatches ? lang.deep : lang.top!;
      const preds = query.predicates[data[at]!];
      if (preds && preds.length && !this.passes(preds, first, stop)) continue;
      this.firsts[kept] = first;
      this.stops[kept] = stop;
      kept++;
    }
    this.matchCount = kept;
  }

  private passes(preds: NativePredicate[], first: number, stop: number): boolean {
    const texts = (id: number): string[] => {
      const out: string[] = [];
      for (let c = first; c < stop; c++) if (this.field(c, CAP_ID) === id) out.push(this.text.slice(this.start(c), this.end(c)));
      return out;
    };
    return preds.every((p) => p(texts));
  }

  private field(c: number, f: number): number {
    return this.data[this.capBase + c * F + f]!;
  }
  private typeName(symbol: number): string | null {
    if (symbol < 0) return null;
    return symbol === ERROR_SYMBOL ? 'ERROR' : (this.lang.typeNames[symbol] ?? null);
  }

  first(m: number): number {
    return this.firsts[m]!;
  }
  stop(m: number): number {
    return this.stops[m]!;
  }
  name(c: number): string {
    const names = c < this.topCapture ? this.lang.deep.names : this.lang.top!.names;
    return names[this.field(c, CAP_ID)]!;
  }
  start(c: number): number {
    return this.field(c, CAP_START);
  }
  row(c: number): number {
    return this.field(c, CAP_ROW);
  }
  col(c: number): number {
    return this.field(c, CAP_COL);
  }
  end(c: number): number {
    return this.field(c, CAP_END);
  }
  endRow(c: number): number {
    return this.field(c, CAP_END_ROW);
  }
  endCol(c: number): number {
    return this.field(c, CAP_END_COL);
  }
  parentType(c: number): string | null {
    return this.typeName(this.field(c, CAP_PARENT));
  }
  grandparentType(c: number): string | null {
    return this.typeName(this.field(c, CAP_GRANDPARENT));
  }
  firstNamedChildType(c: number): string | null {
    return this.typeName(this.field(c, CAP_FIRST_NAMED));
  }
  docstring(c: number): [number, number] | null {
    const s = this.field(c, CAP_DOC_START);
    return s < 0 ? null : [s, this.field(c, CAP_DOC_END)];
  }
}
