#!/usr/bin/env node
// Runs every benchmark in bench/ one after another with vite-node and prints their figures.
// `npm run bench` or `npm run bench -- parser budget` (names without .ts).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(root + 'bench').filter((f) => f.endsWith('.ts') && !f.startsWith('.') && (wanted.length === 0 || wanted.includes(f.replace(/\.ts$/, ''))));
let failed = 0;
for (const b of benches) {
  console.log(`\n=== bench/${b} ===`);
  const r = spawnSync('npx', ['vite-node', `bench/${b}`], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
