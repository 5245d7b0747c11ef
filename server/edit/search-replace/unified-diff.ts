/**
 * Applies a unified diff to one file. Hunks are located by their context and removed lines, not by
 * their `@@` line numbers (models get those wrong), through the same layered whole-line matching as
 * search/replace; one hunk that does not land refuses the whole diff.
 */
import { applySearchReplaceWith } from './apply-search-replace.js';
import { stripFence } from './noise.js';
import { toBlockLines } from './text-lines.js';
import { refuse, type SearchReplaceOptions, type SearchReplaceResult } from './types.js';

interface Hunk {
  header: string;
  search: string[];
  replace: string[];
  changes: number;
}

function parseHunks(diff: string): { hunks: Hunk[]; files: Set<string> } {
  // A diff sent inside a ```diff fence: the fence is chat formatting, not a context line.
  const lines = stripFence(toBlockLines(diff), () => false).lines;
  const hunks: Hunk[] = [];
  const files = new Set<string>();
  let cur: Hunk | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('+++ ') && (lines[i - 1] ?? '').startsWith('--- ')) {
      files.add(line.slice(4).trim().replace(/^b\//, '').split('\t')[0] ?? '');
      cur = null;
      continue;
    }
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      cur = null;
      continue;
    }
    if (line.startsWith('@@')) {
      cur = { header: line.trim(), search: [], replace: [], changes: 0 };
      hunks.push(cur);
      continue;
    }
    if (!cur) continue;
    if (line.startsWith('diff ') || line.startsWith('index ')) {
      cur = null;
      continue;
    }
    if (line.startsWith('\\')) continue;
    if (line.startsWith('-')) {
      cur.search.push(line.slice(1));
      cur.changes++;
    } else if (line.startsWith('+')) {
      cur.replace.push(line.slice(1));
      cur.changes++;
    } else {
      // Context: ' ' prefixed, or a bare line where a model dropped the leading space.
      const body = line.startsWith(' ') ? line.slice(1) : line;
      cur.search.push(body);
      cur.replace.push(body);
    }
  }
  return { hunks, files };
}

export function applyUnifiedDiff(text: string, diff: string, options: SearchReplaceOptions = {}): SearchReplaceResult {
  if (typeof text !== 'string' || typeof diff !== 'string') return refuse('invalid', 'text and diff must be strings.');
  const { hunks, files } = parseHunks(diff);
  if (files.size > 1) {
    return refuse('invalid', `The diff touches ${files.size} files (${[...files].join(', ')}); send one diff per file.`);
  }
  const real = hunks.filter((h) => h.changes > 0);
  if (real.length === 0) return refuse('invalid', 'The diff has no hunks with changes (expected `@@ -a,b +c,d @@` followed by lines starting with " ", "-" or "+").');
  let cur = text;
  const notes: string[] = [];
  for (const [n, h] of real.entries()) {
    const label = `Hunk ${n + 1} of ${real.length} (${h.header})`;
    if (h.search.every((l) => l.trim() === '')) {
      if (cur === '' && n === 0) {
        cur = h.replace.join('\n') + '\n';
        notes.push(`${label}: created the content`);
        continue;
      }
      return refuse('refused', `${label} has no context or removed lines, so there is nothing to locate it by. Include 2-3 unchanged lines around the change.`);
    }
    const r = applySearchReplaceWith(cur, h.search.join('\n'), h.replace.join('\n'), { ...options, replaceAll: false }, { wholeLines: true });
    if (!r.ok) return refuse(r.code, `${label}: ${r.error} (the whole diff was refused; nothing was applied)`);
    cur = r.text;
    notes.push(`${label}: ${r.strategy}`);
  }
  return { ok: true, text: cur, strategy: 'unified-diff', notes };
}
