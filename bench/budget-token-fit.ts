/**
 * Refits the coefficients of the budget's token model (server/model/budget/token-estimate.ts) against
 * js-tiktoken's o200k and cl100k vocabularies, and prints the held-out error per file kind. Extra source
 * directories can be given as arguments (e.g. a Python stdlib). Run with:
 *   npx vite-node bench/budget-token-fit.ts [dir ...]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';

const KINDS: Record<string, string> = { '.ts': 'ts', '.js': 'js', '.md': 'md', '.json': 'json', '.py': 'py', '.rs': 'rs', '.go': 'go' };

function walk(dir: string, out: string[], max: number): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    console.error(`skip ${dir}: ${(err as Error).message}`);
    return;
  }
  for (const e of entries) {
    if (out.length >= max) return;
    const p = join(dir, e);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(p, out, max);
    else if (Object.keys(KINDS).some((x) => e.endsWith(x)) && st.size > 1500 && st.size < 400_000) out.push(p);
  }
}

const NAMES = ['word', 'letter', 'digitGroup', 'punct', 'punctRun', 'newline', 'spaceRun'];

/** The features the model uses, in NAMES order (ASCII only; wide scripts are set by hand). */
function features(text: string): number[] {
  const f = new Array<number>(NAMES.length).fill(0);
  const letter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const digit = (c: number) => c >= 48 && c <= 57;
  const blank = (c: number) => c === 32 || c === 9 || c === 13;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let j = i + 1;
    if (letter(c)) {
      while (j < text.length && letter(text.charCodeAt(j))) j++;
      f[0]! += 1;
      f[1]! += j - i;
    } else if (digit(c)) {
      while (j < text.length && digit(text.charCodeAt(j))) j++;
      f[2]! += Math.ceil((j - i) / 3);
    } else if (c === 10) f[5]! += 1;
    else if (blank(c)) {
      while (j < text.length && blank(text.charCodeAt(j))) j++;
      if (j - i >= 2 || c !== 32) f[6]! += 1;
    } else if (c <= 127) {
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d > 32 && d < 127 && !letter(d) && !digit(d)) j++;
        else break;
      }
      f[3]! += j - i;
      f[4]! += 1;
    }
    i = j;
  }
  return f;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let r = i + 1; r < n; r++) if (Math.abs(m[r]![i]!) > Math.abs(m[p]![i]!)) p = r;
    [m[i], m[p]] = [m[p]!, m[i]!];
    for (let r = 0; r < n; r++) {
      if (r === i) continue;
      const f = m[r]![i]! / m[i]![i]!;
      for (let c = i; c <= n; c++) m[r]![c]! -= f * m[i]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

const dirs = ['node_modules', ...process.argv.slice(2)];
const byKindFiles = new Map<string, string[]>();
for (const d of dirs) {
  const found: string[] = [];
  walk(d, found, 20_000);
  for (const f of found) {
    const kind = KINDS[Object.keys(KINDS).find((x) => f.endsWith(x))!]!;
    byKindFiles.set(kind, [...(byKindFiles.get(kind) ?? []), f]);
  }
}
// The same number of files of each kind, spread over what was found.
const files: string[] = [];
for (const list of byKindFiles.values()) {
  const step = Math.max(1, Math.floor(list.length / 80));
  for (let i = 0; i < list.length && files.length < 10_000; i += step) files.push(list[i]!);
}
const enc = { o200k: new Tiktoken(o200k), cl100k: new Tiktoken(cl100k) };
let seed = 7;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const rows = files.flatMap((file, fi) => {
  const text = readFileSync(file, 'utf8');
  const kind = KINDS[Object.keys(KINDS).find((x) => file.endsWith(x))!]!;
  return [0, 1].map(() => {
    const len = 500 + Math.floor(rnd() * 3500);
    const start = Math.floor(rnd() * Math.max(0, text.length - len));
    const s = text.slice(start, start + len);
    return { kind, test: fi % 4 === 0, x: features(s), y: { o200k: enc.o200k.encode(s, [], []).length, cl100k: enc.cl100k.encode(s, [], []).length } };
  });
});
console.log(`${files.length} files, ${rows.length} excerpts (a quarter of the files held out)`);
for (const tk of ['o200k', 'cl100k'] as const) {
  const k = NAMES.length;
  const a = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const b = new Array<number>(k).fill(0);
  for (const r of rows.filter((x) => !x.test)) {
    const w = 1 / Math.max(1, r.y[tk]); // weights make this minimise relative error
    for (let i = 0; i < k; i++) {
      b[i]! += w * r.x[i]! * r.y[tk];
      for (let j = 0; j < k; j++) a[i]![j]! += w * r.x[i]! * r.x[j]!;
    }
  }
  const coef = solve(a, b);
  console.log(`${tk}: ${NAMES.map((n, i) => `${n}=${coef[i]!.toFixed(3)}`).join(' ')}`);
  const byKind = new Map<string, number[]>();
  for (const r of rows.filter((x) => x.test)) {
    const est = r.x.reduce((s, v, i) => s + coef[i]! * v, 0);
    const list = byKind.get(r.kind) ?? [];
    list.push(est / r.y[tk]);
    byKind.set(r.kind, list);
  }
  for (const [kind, rs] of byKind) {
    rs.sort((x, y) => x - y);
    const q = (p: number) => rs[Math.min(rs.length - 1, Math.floor(rs.length * p))]!.toFixed(2);
    console.log(`  held out ${kind.padEnd(4)} n=${String(rs.length).padStart(3)}  estimate/real median ${q(0.5)}  p5 ${q(0.05)}  p95 ${q(0.95)}`);
  }
}
