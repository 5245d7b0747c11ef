/**
 * The file tools' view of a task: reads through the changeset (so propose mode sees its own
 * changes) and tell the write guard; patches through the forgiving engine; whole-file writes are
 * checked for truncation. Failures come back as outcomes with what to send next, never exceptions.
 */
import { errorMessage, isSmallCodeError } from '../core/errors.js';
import type { Changeset } from '../edit/changeset.js';
import { applySearchReplace } from '../edit/search-replace/apply-search-replace.js';
import { applyUnifiedDiff } from '../edit/search-replace/unified-diff.js';
import { checkWholeFileRewrite } from '../edit/search-replace/whole-file.js';
import type { WriteGuard } from '../edit/write-guard.js';
import type { EditService, TaskFileText, ToolOutcome } from '../tools/define-tool.js';
import type { Workspace } from '../workspace/workspace.js';
import { walkFiles } from '../tools/walk-files.js';
import { renderUnifiedDiff } from '../edit/unified-diff-render.js';

const MAX_DIFF_CHARS = 1500;

/** Names that many folders legitimately share: a new one is never questioned. */
const COMMON_NAMES = /^(?:index|main|mod|lib|types|utils?|helpers?|constants|config|__init__|__main__|conftest|setup|README|CHANGELOG|package|tsconfig|Makefile|Cargo|go|\.gitignore)(?:\.[\w.]+)?$/i;

/** New paths already questioned once per task (keyed by the task's write guard, which lives as long as the task). */
const questionedNewPaths = new WeakMap<WriteGuard, Set<string>>();
/** Files whose rewrite dropping definitions was already refused once per task (asking again goes through). */
const questionedDrops = new WeakMap<WriteGuard, Set<string>>();

export interface EditEvents {
  /** A write landed (the runner invalidates the read cache, counts edits, refreshes the graph). */
  onWrite?(path: string, kind: 'create' | 'edit'): void;
  /** A patch or write was refused (the governor watches for spirals). */
  onRefused?(path: string, reason: string): void;
  /** Asks the user with the diff before the change lands; absent when writes are approved up front. */
  approveChange?(path: string, diff: string): Promise<boolean>;
}

function shortDiff(diff: string): string {
  return diff.length <= MAX_DIFF_CHARS ? diff : diff.slice(0, MAX_DIFF_CHARS) + '\n[... diff cut ...]';
}

const MAX_CANDIDATE_LINES = 40;

/**
 * The exact current text of the closest candidate the engine named ("Closest candidate: lines 4-9"),
 * so a small model can copy its next search from it instead of guessing again. Empty when none was named.
 */
export function candidateText(fileText: string, engineError: string, search = ''): string {
  const lines = fileText.split('\n');
  const m = /Closest candidate: lines (\d+)-(\d+)/.exec(engineError) ?? /candidate: line (\d+)()/.exec(engineError);
  let start: number;
  let end: number;
  if (m) {
    start = Math.max(1, Number(m[1]));
    end = Math.min(lines.length, m[2] ? Number(m[2]) : start, start + MAX_CANDIDATE_LINES - 1);
  } else {
    // No candidate region: quote the neighbourhood of the first distinctive search line the file has.
    const searchLines = search.split('\n');
    const firstHit = searchLines.map((l) => l.trim()).filter((l) => l.length >= 6).map((l) => lines.findIndex((f) => f.trim() === l)).find((i) => i >= 0);
    if (firstHit === undefined) return '';
    start = Math.max(1, firstHit + 1 - 3);
    end = Math.min(lines.length, firstHit + 1 + Math.max(3, searchLines.length + 2), start + MAX_CANDIDATE_LINES - 1);
  }
  if (end < start) return '';
  const block = lines.slice(start - 1, end).join('\n');
  return `\nLines ${start}-${end} exactly as they are now (copy your search from here):\n\`\`\`\n${block}\n\`\`\``;
}

const BRACKETED = /\.(?:[cm]?[jt]sx?|go|rs|java|kt|c|cc|cpp|h|hpp|cs|swift|php|py|json|css|scss)$/i;

function openBrackets(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 40 || c === 91) n++;
    else if (c === 125 || c === 41 || c === 93) n--;
  }
  return n;
}

/**
 * A whole-file rewrite that leaves more brackets open than the file had is almost always an answer cut
 * off mid-file (the output limit, a lazy model): refuse it rather than write half a file. Naive counting
 * (strings and comments included) is fine here: the two versions of one file are compared.
 */
export function looksCutOff(path: string, before: string, after: string): string | null {
  if (!BRACKETED.test(path)) return null;
  const was = openBrackets(before);
  const now = openBrackets(after);
  if (now <= was || now <= 0) return null;
  return `the new content leaves ${now - was} more bracket${now - was === 1 ? '' : 's'} open than the current file, so it looks cut off before its end.`;
}

const DEFINITION = /^(?:export\s+)?(?:default\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:function\*?|class|def|fn|func(?:\s*\([^)]*\))?|interface|struct|enum)\s+([A-Za-z_$][\w$]*)/;

function definedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = DEFINITION.exec(line);
    if (m?.[1]) names.add(m[1]);
  }
  return names;
}

/**
 * Top-level definitions of the current file that a whole-file rewrite leaves out, when that looks like
 * a rewrite of only the part the model was thinking about (two or more, or most of them); else null.
 */
export function droppedDefinitions(before: string, after: string): string[] | null {
  const was = definedNames(before);
  const now = definedNames(after);
  const dropped = [...was].filter((n) => !now.has(n));
  return dropped.length >= 2 || (dropped.length > 0 && dropped.length * 2 > was.size) ? dropped : null;
}

function looksLikeUnifiedDiff(search: string): boolean {
  return /^(--- |\+\+\+ |@@ )/m.test(search) && /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/m.test(search);
}

export class TaskEditService implements EditService {
  constructor(
    private readonly ws: Workspace,
    private readonly changeset: Changeset,
    private readonly guard: WriteGuard,
    private readonly events: EditEvents = {},
  ) {}

  private rel(path: string): string {
    return this.ws.relative(path);
  }

  async read(path: string): Promise<TaskFileText> {
    const r = await this.changeset.readText(path);
    this.guard.noteRead(r.path);
    return { path: r.path, text: r.text };
  }

  /** The model may not change SmallCode's own configuration (provider, URL, keys, approval policy). */
  private policyRefusal(rel: string, newText: string, oldText: string | null): string | null {
    const lower = rel.toLowerCase();
    if (lower === 'smallcode.toml' || lower.startsWith('.smallcode/')) {
      return `${rel} is SmallCode's own configuration or state; the agent may not change it. Leave it as it is.`;
    }
    if (/(^|\/)\.env(\.[\w-]+)?$/.test(lower)) {
      const guarded = (t: string | null): string[] => (t ?? '').split(/\r?\n/).filter((l) => /^\s*(export\s+)?(SMALLCODE_\w+|\w+_API_KEY)\s*=/.test(l)).sort();
      if (JSON.stringify(guarded(oldText)) !== JSON.stringify(guarded(newText))) {
        return `The change to ${rel} touches SMALLCODE_* or *_API_KEY settings, which the agent may not change. Edit only the project's own variables.`;
      }
    }
    return null;
  }

  /** null when the change may land; otherwise the refusal for the model. */
  private async declined(rel: string, oldText: string | null, newText: string): Promise<ToolOutcome | null> {
    if (!this.events.approveChange) return null;
    const ok = await this.events.approveChange(rel, renderUnifiedDiff(oldText, newText, { newPath: rel }));
    return ok ? null : this.refused(rel, `The user declined this change to ${rel}. Try another way, or finish with a summary of what you would change.`);
  }

  /**
   * The last gate of every write: the configuration policy, the user's approval (with the diff), then
   * the changeset. Returns the landed change, or the refusal for the model.
   */
  private async land(rel: string, oldText: string | null, newText: string): Promise<{ ok: true; diff: string } | { ok: false; outcome: ToolOutcome }> {
    const denied = this.policyRefusal(rel, newText, oldText);
    if (denied) return { ok: false, outcome: this.refused(rel, denied) };
    const no = await this.declined(rel, oldText, newText);
    if (no) return { ok: false, outcome: no };
    const out = oldText === null ? await this.changeset.create(rel, newText) : await this.changeset.edit(rel, newText);
    this.guard.noteRead(rel);
    this.events.onWrite?.(rel, oldText === null ? 'create' : 'edit');
    return { ok: true, diff: out.diff };
  }

  /** Existing files with the same name elsewhere (a small model often drops or invents a folder). */
  private async sameNamed(rel: string): Promise<string[]> {
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    const found: string[] = [];
    let seen = 0;
    for await (const f of walkFiles(this.ws.root)) {
      if (++seen > 20_000 || found.length >= 3) break;
      if (f !== rel && f.slice(f.lastIndexOf('/') + 1) === base) found.push(f);
    }
    return found;
  }

  /** The first write_file to a new path whose name exists elsewhere is questioned once; asking again creates it. */
  private async questionNewPath(rel: string): Promise<string | null> {
    const asked = questionedNewPaths.get(this.guard) ?? new Set<string>();
    questionedNewPaths.set(this.guard, asked);
    if (asked.has(rel) || COMMON_NAMES.test(rel.slice(rel.lastIndexOf('/') + 1))) return null;
    const like = await this.sameNamed(rel);
    if (like.length === 0) return null;
    asked.add(rel);
    return `${rel} does not exist, but ${like.map((p) => `"${p}"`).join(' and ')} ${like.length > 1 ? 'do' : 'does'}. Nothing was written. To change that file, use its path (read it first, then patch). If you really want a new file ${rel}, call write_file again.`;
  }

  private refused(path: string, message: string): ToolOutcome {
    this.events.onRefused?.(path, message);
    return { ok: false, output: message, data: { path, refused: true } };
  }

  /** Runs an edit on the workspace-relative path; a bad path or a thrown error becomes a refusal naming it. */
  private async resolved(path: string, edit: (rel: string) => Promise<ToolOutcome>): Promise<ToolOutcome> {
    let rel: string;
    try {
      rel = this.rel(path);
    } catch (err) {
      return this.failure(path, err);
    }
    try {
      return await edit(rel);
    } catch (err) {
      return this.failure(rel, err);
    }
  }

  private failure(path: string, err: unknown): ToolOutcome {
    return this.refused(path, isSmallCodeError(err) ? err.message : `Could not change ${path}: ${errorMessage(err)}`);
  }

  async patch(path: string, search: string, replace: string, options: { replaceAll?: boolean } = {}): Promise<ToolOutcome> {
    return this.resolved(path, async (rel) => {
      const exists = await this.changeset.exists(rel);
      if (!exists) {
        if (search.trim() !== '') {
          const like = await this.sameNamed(rel);
          return this.refused(rel, `${rel} does not exist.${like.length ? ` Did you mean ${like.map((p) => `"${p}"`).join(' or ')}? Patch that path.` : ''} To create ${rel}, call write_file with path "${rel}" and the full content.`);
        }
        const created = await this.land(rel, null, replace);
        if (!created.ok) return created.outcome;
        return { ok: true, output: `Created ${rel}.\n${shortDiff(created.diff)}`, data: { path: rel, kind: 'create' } };
      }
      const decision = this.guard.check(rel, true);
      if (!decision.allowed) return this.refused(rel, decision.error.message);
      const current = await this.changeset.readText(rel);
      const result =
        looksLikeUnifiedDiff(search) && replace.trim() === ''
          ? applyUnifiedDiff(current.text, search, { path: rel })
          : applySearchReplace(current.text, search, replace, { path: rel, fileExists: true, ...(options.replaceAll ? { replaceAll: true } : {}) });
      if (!result.ok) return this.refused(rel, `patch ${rel} was not applied: ${result.error}${candidateText(current.text, result.error, search)}`);
      const landed = await this.land(rel, current.text, result.text);
      if (!landed.ok) return landed.outcome;
      const how = result.strategy === 'exact' ? '' : ` (matched by ${result.strategy}${result.notes?.length ? '; ' + result.notes.join('; ') : ''})`;
      return { ok: true, output: `Patched ${rel}${how}.\n${shortDiff(landed.diff)}`, data: { path: rel, kind: 'edit', strategy: result.strategy } };
    });
  }

  async write(path: string, content: string): Promise<ToolOutcome> {
    return this.resolved(path, async (rel) => {
      const exists = await this.changeset.exists(rel);
      if (!exists) {
        const wrongPath = await this.questionNewPath(rel);
        if (wrongPath) return this.refused(rel, wrongPath);
        const created = await this.land(rel, null, content);
        if (!created.ok) return created.outcome;
        return { ok: true, output: `Created ${rel} (${content.split('\n').length} lines).`, data: { path: rel, kind: 'create', diff: created.diff } };
      }
      const decision = this.guard.check(rel, true);
      if (!decision.allowed) return this.refused(rel, decision.error.message);
      const current = await this.changeset.readText(rel);
      const check = checkWholeFileRewrite(current.text, content, { path: rel });
      if (!check.ok) return this.refused(rel, `write_file ${rel} was refused: ${check.error} Use patch to change only the lines that need to change.`);
      if (current.text === content) return { ok: true, output: `${rel} already has exactly this content; nothing changed.` };
      const cut = looksCutOff(rel, current.text, content);
      if (cut) return this.refused(rel, `write_file ${rel} was refused: ${cut} Nothing was written. Use patch to change only the lines that need to change.`);
      const dropped = droppedDefinitions(current.text, content);
      const asked = questionedDrops.get(this.guard) ?? new Set<string>();
      questionedDrops.set(this.guard, asked);
      if (dropped && !asked.has(rel)) {
        asked.add(rel);
        const names = dropped.slice(0, 6).join(', ') + (dropped.length > 6 ? ` and ${dropped.length - 6} more` : '');
        return this.refused(
          rel,
          `write_file ${rel} was refused: the new content leaves out ${names}, which the current file defines; write_file replaces the whole file, so they would be deleted. Nothing was written. ` +
            'Use patch to change only the lines that need to change. If you really mean to delete them, call write_file again.',
        );
      }
      const landed = await this.land(rel, current.text, content);
      if (!landed.ok) return landed.outcome;
      return { ok: true, output: `Rewrote ${rel}.\n${shortDiff(landed.diff)}`, data: { path: rel, kind: 'edit' } };
    });
  }
}
