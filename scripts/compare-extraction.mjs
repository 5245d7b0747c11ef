#!/usr/bin/env node
/**
 * Compares whole-file extraction through the native extractor with the Node binding path on every
 * source file under the given folders (after `npm run build`), and prints each file where the two
 * disagree. Use it after changing native/graph or the queries, on real code beyond the fixtures.
 *
 *   node scripts/compare-extraction.mjs node_modules /path/to/a/python/lib …
 *
 * Exits 1 when any file differs, 2 when the native extractor is not built.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url);
const { extractSource } = await import(new URL('dist/server/graph/extract/extract-file.js', root).href);
const { nativeGraphStatus } = await import(new URL('dist/server/graph/extract/native-captures.js', root).href);
const { languageForPath } = await import(new URL('dist/server/graph/extract/languages.js', root).href);
const { generatedReason } = await import(new URL('dist/server/graph/indexer/file-filter.js', root).href);

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node scripts/compare-extraction.mjs <folder> [<folder> …]');
  process.exit(2);
}
const status = nativeGraphStatus();
if (!status.available) {
  console.error(`the native extractor is not available: ${status.detail}`);
  process.exit(2);
}

const MAX_BYTES = 1 << 20;
const counts = new Map();
let differ = 0;
for (const dir of dirs) {
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const language = languageForPath(rel);
    if (!language) continue;
    const path = join(dir, rel);
    let text;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > MAX_BYTES) continue;
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (generatedReason(text)) continue;
    const native = JSON.stringify(extractSource(language, text));
    const binding = JSON.stringify(extractSource(language, text, 'binding'));
    counts.set(language, (counts.get(language) ?? 0) + 1);
    if (native !== binding) {
      differ++;
      console.log(`differs: ${path} (${language})`);
    }
  }
}
const compared = [...counts].map(([l, n]) => `${n} ${l}`).join(', ') || 'no source files';
console.log(`compared ${compared}; ${differ} differ`);
process.exit(differ ? 1 : 0);
