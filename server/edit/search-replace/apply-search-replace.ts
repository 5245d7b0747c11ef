/**
 * Entry of the forgiving search/replace engine: tries the matching layers cheapest first and applies
 * the first unique match, or refuses with a message a model can act on. Pure (no I/O); a refusal
 * never carries text, and an ambiguous or distant match is never applied.
 */
import { isElisionMarker, isSearchElisionMarker, languageOf, type Language } from './elision.js';
import { explainMiss } from './explain-miss.js';
import { indentWidth, leadingWs, makeReindenter, type IndentPair } from './indentation.js';
import { stripLineNumberPrefixes, stripReplacePrefixes } from './line-number-prefix.js';
import { MatchContext } from './match-context.js';
import { applyRegions, mergeRegion, type RegionEdit } from './merge.js';
import { stripFence, stripThink } from './noise.js';
import { blankLinesMatches } from './strategies/blank-lines.js';
import { elisionMarkers, elisionMatches } from './strategies/elision-match.js';
import { occurrences, replaceAt, replaceEvery } from './strategies/exact.js';
import { fuzzyMatch } from './strategies/fuzzy-match.js';
import { indentationRelativeMatches } from './strategies/indentation-relative.js';
import { nonOverlapping } from './strategies/line-matcher.js';
import { matchLineEndings } from './strategies/line-endings.js';
import { loosePunctuationMatches } from './strategies/loose-punctuation.js';
import { trailingWhitespaceMatches } from './strategies/trailing-whitespace.js';
import { fromLineDoc, lineNumberAt, toBlockLines, toLineDoc } from './text-lines.js';
import { checkWholeFileRewrite } from './whole-file.js';
import type { Candidate } from './fuzzy.js';
import { diffAroundMarkers, diffLines, type DiffOp } from './line-diff.js';
import { refuse, type LineMatch, type SearchReplaceOptions, type SearchReplaceResult } from './types.js';

export type { SearchReplaceOptions, SearchReplaceResult } from './types.js';

interface Variant {
  search: string[];
  replace: string[];
  note: string | null;
}

type LineLayer = { name: string; find: (ctx: MatchContext, v: Variant) => LineMatch[] };

const LINE_LAYERS: LineLayer[] = [
  { name: 'trailing-whitespace', find: (ctx, v) => trailingWhitespaceMatches(ctx, v.search) },
  { name: 'indentation-relative', find: (ctx, v) => indentationRelativeMatches(ctx, v.search) },
  { name: 'blank-lines', find: (ctx, v) => blankLinesMatches(ctx, v.search) },
];

function fileName(o: SearchReplaceOptions): string {
  return o.path ?? 'the file';
}

function ok(text: string, strategy: string, notes: string[], matches?: number): SearchReplaceResult {
  const r: SearchReplaceResult = { ok: true, text, strategy };
  if (matches !== undefined) r.matches = matches;
  if (notes.length > 0) r.notes = notes;
  return r;
}

function listLines(ranges: ReadonlyArray<[number, number]>): string {
  const shown = ranges.slice(0, 10).map(([a, b]) => (b > a ? `${a}-${b}` : `${a}`));
  return shown.join(', ') + (ranges.length > 10 ? ` and ${ranges.length - 10} more` : '');
}

function ambiguous(o: SearchReplaceOptions, ranges: ReadonlyArray<[number, number]>, how: string): SearchReplaceResult {
  return refuse(
    'ambiguous',
    `The search text ${how} ${ranges.length} places in ${fileName(o)} (lines ${listLines(ranges)}), so the edit was not applied. ` +
      'Include more surrounding lines so the search matches exactly one place, or set replace_all: true to change every occurrence.',
  );
}

function createFile(text: string, replace: string, o: SearchReplaceOptions, lang: Language): SearchReplaceResult {
  const exists = o.fileExists ?? text !== '';
  if (exists) {
    return refuse(
      'exists',
      `${fileName(o)} already exists; an empty search only creates a new file. To change it, put the exact lines to replace in the search.`,
    );
  }
  let lines = toBlockLines(replace);
  const notes: string[] = [];
  if (lang !== 'markdown') {
    const f = stripFence(lines, () => false);
    if (f.changed) {
      lines = f.lines;
      notes.push('removed a ``` fence wrapped around the content');
    }
  }
  const content = notes.length > 0 ? lines.join('\n') + (lines.length > 0 ? '\n' : '') : replace;
  const check = checkWholeFileRewrite(null, content, o);
  if (!check.ok) return refuse('refused', check.error);
  return ok(content, 'create', notes);
}

/** A placeholder in the replacement that the search does not have would be written literally. */
function truncationInReplace(search: readonly string[], replace: readonly string[], lang: Language): SearchReplaceResult | null {
  if (search.some((l) => isSearchElisionMarker(l, lang))) return null;
  const literal = new Set(search.map((l) => l.trim()));
  const at = replace.findIndex((l) => isElisionMarker(l, lang) && !literal.has(l.trim()));
  if (at < 0) return null;
  return refuse(
    'refused',
    `The replacement contains \`${(replace[at] ?? '').trim()}\` (replacement line ${at + 1}), which looks like a placeholder for code left out, but the search has no such marker. ` +
      'The replacement is written literally, so the left-out code would be lost: write the replacement out in full.',
  );
}

function reindenterFor(ctx: MatchContext, v: Variant, m: LineMatch): ReturnType<typeof makeReindenter> {
  const pairs: IndentPair[] = [];
  v.search.forEach((line, i) => {
    const f = m.align[i] ?? -1;
    if (f >= 0 && !m.elided[i] && line.trim() !== '') pairs.push([leadingWs(line), leadingWs(ctx.doc.lines[f] ?? '')]);
  });
  return makeReindenter(pairs, v.replace);
}

function finish(
  text: string,
  ctx: MatchContext,
  v: Variant,
  strategy: string,
  found: LineMatch[],
  o: SearchReplaceOptions,
  notes: string[],
  multiAllowed: boolean,
): SearchReplaceResult {
  let chosen = found;
  if (found.length > 1) {
    if (!o.replaceAll || !multiAllowed) {
      return ambiguous(o, found.map((m) => [m.start + 1, m.end] as [number, number]), `matches (${strategy}) in`);
    }
    chosen = nonOverlapping(found);
  }
  const isMarker = (l: string): boolean => isSearchElisionMarker(l, ctx.lang);
  const ops = strategy === 'elision' ? diffAroundMarkers(v.search, v.replace, isMarker) : diffLines(v.search, v.replace);
  if (!ops) {
    return refuse('refused', 'The search and the replacement have different numbers of elision markers, so the elided lines cannot be placed. Keep every marker in the replacement.');
  }
  const edits: RegionEdit[] = [];
  const shifts = new Set<string>();
  for (const m of chosen) {
    const re = reindenterFor(ctx, v, m);
    if (re.describe) shifts.add(re.describe);
    if (re.unreliable && insertsCode(v, ops)) {
      return refuse(
        'refused',
        `The search matches lines ${m.start + 1}-${m.end} of ${fileName(o)} only when indentation is ignored, and its indentation does not map onto the file's consistently, so the indentation of the new lines cannot be worked out. Copy the lines with their exact indentation and try again.`,
      );
    }
    const edit = mergeRegion(ctx.doc, m, v.replace, ops, re);
    if (!edit) {
      return refuse('refused', 'The replacement drops an elision marker of the search, so the lines it stands for would be lost. Keep every marker in the replacement.');
    }
    edits.push(edit);
  }
  const out = fromLineDoc(applyRegions(ctx.doc, edits));
  if (out === text) {
    return refuse('refused', `The edit changes nothing in ${fileName(o)}: the matched lines already read like the replacement.`);
  }
  const name =
    strategy === 'trailing-whitespace' &&
    chosen.every((m) => v.search.every((l, i) => (m.align[i] ?? -1) < 0 || ctx.doc.lines[m.align[i] ?? 0] === l))
      ? 'exact-lines'
      : strategy;
  const allNotes = [...notes];
  if (v.note) allNotes.push(v.note);
  for (const s of shifts) allNotes.push(`re-indented the replacement (${s})`);
  return ok(out, name, allNotes, chosen.length > 1 ? chosen.length : undefined);
}

export function applySearchReplace(
  text: string,
  search: string,
  replace: string,
  options: SearchReplaceOptions = {},
): SearchReplaceResult {
  return applySearchReplaceWith(text, search, replace, options, {});
}

/** Engine switches that are not part of the public options. */
export interface EngineMode {
  /** Match whole lines only (unified-diff hunks): skips the substring layers. */
  wholeLines?: boolean;
}

export function applySearchReplaceWith(
  text: string,
  search: string,
  replace: string,
  options: SearchReplaceOptions,
  mode: EngineMode,
): SearchReplaceResult {
  if (typeof text !== 'string' || typeof search !== 'string' || typeof replace !== 'string') {
    return refuse('invalid', 'text, search and replace must all be strings.');
  }
  const o = options ?? {};
  const lang = languageOf(o.path, o.path ? '' : `${text.slice(0, 4000)}\n${search}`);
  if (search === '') return createFile(text, replace, o, lang);
  if (search.trim() === '') {
    return refuse('invalid', 'The search is only whitespace; put the exact lines to replace in the search (an empty search creates a new file).');
  }
  if (search === replace) return refuse('refused', 'The search and the replacement are identical: the edit changes nothing.');

  let sLines = toBlockLines(search);
  let rLines = toBlockLines(replace);
  const trunc = truncationInReplace(sLines, rLines, lang);
  if (trunc) return trunc;

  const preNotes: string[] = [];
  if (lang !== 'markdown' && !stripFence(sLines, () => false).changed) {
    // Only the replacement is fenced: the fence is chat formatting, never file content.
    const rf = stripFence(rLines, (l) => text.includes(l));
    if (rf.changed) {
      rLines = rf.lines;
      replace = rLines.join('\n') + (search.endsWith('\n') && rLines.length > 0 ? '\n' : '');
      preNotes.push('removed a ``` fence wrapped around the replacement');
      if (search === replace) return refuse('refused', 'The search and the replacement are identical: the edit changes nothing.');
    }
  }
  const occ = mode.wholeLines ? [] : occurrences(text, search);
  if (occ.length === 1) {
    const at = occ[0] ?? 0;
    if (!o.replaceAll && startsInIndentation(text, at, search, replace)) {
      // A whole-line search hit inside deeper indentation: a multi-line replacement written at the
      // search's indentation must be shifted like the file, which the line layers do.
      const ctx = new MatchContext(toLineDoc(text), lang);
      const v: Variant = { search: sLines, replace: rLines, note: null };
      for (const layer of LINE_LAYERS) {
        const found = layer.find(ctx, v);
        if (found.length === 1) return finish(text, ctx, v, layer.name, found, o, [], false);
      }
    }
    return ok(replaceAt(text, at, search.length, replace), 'exact', preNotes);
  }
  if (occ.length > 1) {
    if (o.replaceAll) return ok(replaceEvery(text, search, replace), 'exact', preNotes, text.split(search).length - 1);
    // A search that starts with indentation was copied from a line start: hits inside deeper
    // indentation are artefacts. One hit at a line start is then the only real one.
    if (/^[ \t]/.test(search)) {
      const atLineStart = occ.filter((at) => at === 0 || text.charAt(at - 1) === '\n');
      if (atLineStart.length === 1) {
        const at = atLineStart[0] ?? 0;
        return ok(replaceAt(text, at, search.length, replace), 'exact', [...preNotes, 'other hits were inside deeper indentation']);
      }
    }
    const lines = search.split('\n').length - 1;
    return ambiguous(o, occ.map((at) => { const l = lineNumberAt(text, at); return [l, l + lines] as [number, number]; }), 'occurs in');
  }
  const le = mode.wholeLines ? null : matchLineEndings(text, search, replace);
  if (le) {
    const notes = ['converted the line endings of the search and replacement to the file\'s'];
    if (le.offsets.length === 1) return ok(replaceAt(text, le.offsets[0] ?? 0, le.search.length, le.replace), 'line-endings', notes);
    if (o.replaceAll) return ok(replaceEvery(text, le.search, le.replace), 'line-endings', notes, text.split(le.search).length - 1);
    return ambiguous(o, le.offsets.map((at) => [lineNumberAt(text, at), lineNumberAt(text, at)] as [number, number]), 'occurs in');
  }

  if (text.trim() === '') {
    return refuse(
      'no_match',
      `${fileName(o)} is empty${o.fileExists === false ? ' (it does not exist yet)' : ''}, so the search cannot match. To create the content, send an empty search with the full content as the replacement.`,
    );
  }
  const ctx = new MatchContext(toLineDoc(text), lang);
  const notes: string[] = [...preNotes];
  const fileHas = (line: string): boolean => ctx.hasLine(line);
  const think = stripThink(sLines, fileHas);
  if (think.changed) {
    sLines = think.lines;
    rLines = stripThink(rLines, fileHas).lines;
    notes.push('removed reasoning text before the search');
  }
  const fence = stripFence(sLines, fileHas);
  if (fence.changed) {
    sLines = fence.lines;
    rLines = stripFence(rLines, fileHas).lines;
    notes.push('removed a ``` fence wrapped around the search');
  }
  if (sLines.every((l) => l.trim() === '')) return refuse('invalid', 'The search is empty once the surrounding fence is removed.');

  const variants: Variant[] = [{ search: sLines, replace: rLines, note: null }];
  const unescaped = unescapeVariant(sLines, rLines);
  if (unescaped) variants.push(unescaped);
  const prefixed = stripLineNumberPrefixes(sLines);
  if (prefixed) {
    variants.push({
      search: prefixed.lines,
      replace: stripReplacePrefixes(rLines, prefixed.style),
      note: 'stripped line-number prefixes copied from read_file output',
    });
  }
  for (const v of variants) {
    if (v.search.join('\n') === v.replace.join('\n')) {
      return refuse('refused', 'The search and the replacement are identical: the edit changes nothing.');
    }
    // Placeholders hidden behind a fence or line-number prefixes are just as literal.
    const hidden = truncationInReplace(v.search, v.replace, lang);
    if (hidden) return hidden;
    for (const layer of LINE_LAYERS) {
      const found = layer.find(ctx, v);
      if (found.length > 0) return finish(text, ctx, v, layer.name, found, o, notes, true);
    }
    const el = elisionMatches(ctx, v.search, v.replace);
    if (el.kind === 'refuse') return el.refusal;
    if (el.kind === 'match') return finish(text, ctx, v, 'elision', el.matches, o, notes, false);
    const loose = loosePunctuationMatches(ctx, v.search);
    if (loose.length > 0) return finish(text, ctx, v, 'loose-punctuation', loose, o, notes, true);
  }

  // Fuzzy runs once, on the most plausible reading: prefix-stripped, else decoded escapes when that
  // gives a real block, else the search as sent.
  const last = (prefixed ? variants[variants.length - 1] : unescaped && unescaped.search.length >= 3 ? unescaped : variants[0]) as Variant;
  const hasMarkers = elisionMarkers(last.search, ctx).length > 0;
  const probe = hasMarkers ? last.search.filter((l) => !isSearchElisionMarker(l, lang)) : last.search;
  const fz = fuzzyMatch(ctx, probe);
  let changedDiffering: string | null = null;
  if (fz.kind === 'match' && !hasMarkers) changedDiffering = editsDifferingLine(ctx, last, fz.candidate);
  if (fz.kind === 'match' && !hasMarkers && changedDiffering === null) {
    const c = fz.candidate;
    const m: LineMatch = { start: c.start, end: c.end, align: c.align, elided: [] };
    const res = finish(text, ctx, last, 'fuzzy', [m], o, notes, false);
    if (res.ok) res.notes = [...(res.notes ?? []), `matched lines ${c.start + 1}-${c.end} at ${Math.round(c.score * 100)}% similarity`];
    return res;
  }
  const reason =
    fz.kind === 'refuse'
      ? fz.reason
      : (changedDiffering ?? 'The search uses elision markers, and its anchor lines do not all match the file in order.');
  const candidates = fz.kind === 'refuse' ? fz.candidates : [fz.candidate];
  const info: { path?: string; reason?: string; alreadyAppliedAt?: number } = {};
  if (o.path) info.path = o.path;
  if (reason) info.reason = reason;
  const applied = alreadyApplied(ctx, last.replace);
  if (applied !== undefined) info.alreadyAppliedAt = applied;
  return refuse(fz.kind === 'refuse' && fz.ambiguous ? 'ambiguous' : 'no_match', explainMiss(ctx, probe, candidates, info));
}

/**
 * A fuzzy match may only change lines it verified exactly: when the edit rewrites or deletes a
 * search line that differs from its file line, applying it would silently replace text the model
 * never saw. Returns the explanation, or null when every changed line matched exactly.
 */
function editsDifferingLine(ctx: MatchContext, v: Variant, c: Candidate): string | null {
  for (const op of diffLines(v.search, v.replace)) {
    if (op.op !== 'del') continue;
    const sim = c.sims[op.s] ?? -1;
    const f = c.align[op.s] ?? -1;
    if (f >= 0 && sim < 1) {
      return (
        `The edit changes search line ${op.s + 1}, which differs from file line ${f + 1} (\`${(v.search[op.s] ?? '').trim()}\` vs \`${(ctx.doc.lines[f] ?? '').trim()}\`). ` +
        'It was not applied, so the file\'s current text is not replaced by text it does not have.'
      );
    }
  }
  return null;
}

/**
 * A model that double-escaped its tool arguments sends one line with literal `\n` / `\t`. Tried
 * only after the raw text failed to match, and only when the search has no real line break.
 */
function unescapeVariant(search: readonly string[], replace: readonly string[]): Variant | null {
  if (search.length !== 1 || !/\\n/.test(search[0] ?? '')) return null;
  const un = (line: string): string[] =>
    toBlockLines(line.replace(/\\(n|t|"|\\)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c)));
  const r = replace.length === 1 && /\\n/.test(replace[0] ?? '') ? un(replace[0] ?? '') : [...replace];
  return { search: un(search[0] ?? ''), replace: r, note: 'decoded literal \\n / \\t escapes in the search' };
}

/** Whether the replacement adds or changes any non-blank line (as opposed to only deleting). */
function insertsCode(v: Variant, ops: readonly DiffOp[]): boolean {
  return ops.some((op) => op.op === 'ins' && (v.replace[op.r] ?? '').trim() !== '');
}

/**
 * A one-line search that hit inside a line's indentation, with a replacement whose further lines are
 * indented less than that line: the model wrote them relative to the search, so they must move with
 * it. Replacement lines already at or beyond the line's indentation are taken as written.
 */
function startsInIndentation(text: string, at: number, search: string, replace: string): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const prefix = text.slice(lineStart, at);
  if (prefix === '' || prefix.trim() !== '') return false;
  if (search.replace(/\r?\n$/, '').includes('\n')) return false;
  const after = text.charAt(at + search.length);
  const endsLine = search.endsWith('\n') || after === '' || after === '\n' || after === '\r';
  if (!endsLine) return false;
  const rest = toBlockLines(replace).slice(1).filter((l) => l.trim() !== '');
  if (rest.length === 0) return false;
  const width = indentWidth(prefix, 4);
  return rest.some((l) => indentWidth(leadingWs(l), 4) < width);
}

/** 1-based line where the replacement already occurs (whitespace-insensitively), if it does. */
function alreadyApplied(ctx: MatchContext, replace: readonly string[]): number | undefined {
  if (replace.every((l) => l.trim() === '')) return undefined;
  const m = indentationRelativeMatches(ctx, replace);
  return m.length > 0 ? (m[0]?.start ?? 0) + 1 : undefined;
}
