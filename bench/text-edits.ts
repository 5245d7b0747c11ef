/**
 * Benchmark: TextEdit computation (line diff + character narrowing) for a 1k-line change on a
 * 5k-line file, plus a small edit and a whole-file rewrite for scale. Prints median and p99.
 * Run: npx vite-node bench/text-edits.ts
 */
import { computeTextEdits } from '../server/edit/text-edits.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(name: string, oldText: string, newText: string, runs: number): void {
  for (let i = 0; i < 5; i++) computeTextEdits(oldText, newText);
  const times: number[] = [];
  let edits = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    edits = computeTextEdits(oldText, newText).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(48)} edits=${String(edits).padStart(5)}  median ${percentile(times, 50).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms`);
}

// Deterministic pseudo-random source-like lines.
let seed = 42;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
const line = (i: number): string => `  const value${i} = compute(${Math.floor(rnd() * 1000)}, "item-${i}"); // 😀 note ${i % 7}\n`;

const base = Array.from({ length: 5000 }, (_, i) => line(i));
const oldText = base.join('');

// 1k changed lines scattered in 100 blocks of 10 (edits, insertions, deletions mixed).
const scattered = [...base];
for (let b = 0; b < 100; b++) {
  const at = b * 50 + 5;
  for (let k = 0; k < 10; k++) scattered[at + k] = k % 5 === 4 ? '' : `  // rewritten ${b}:${k}\n${k % 3 === 0 ? '  extra();\n' : ''}`;
}
measure('1k lines changed in 100 blocks, 5k-line file', oldText, scattered.join(''), 200);

// 1k contiguous lines replaced.
const block = [...base];
for (let i = 2000; i < 3000; i++) block[i] = `  replaced(${i});\n`;
measure('1k contiguous lines replaced, 5k-line file', oldText, block.join(''), 200);

// CRLF variant of the scattered change.
measure('1k lines changed, 5k-line CRLF file', oldText.replace(/\n/g, '\r\n'), scattered.join('').replace(/\n/g, '\r\n'), 100);

// One-line change (the common case).
const one = [...base];
one[2500] = '  const changed = true;\n';
measure('1 line changed, 5k-line file', oldText, one.join(''), 500);

// Every line changed (worst case: bounded Myers, then anchors / one hunk).
measure('every line changed, 5k-line file', oldText, base.map((l) => l.replace('const', 'let')).join(''), 20);
