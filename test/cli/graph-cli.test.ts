/** `smallcode index` and `smallcode graph search|explain|map`, run as a user types them, on a real fixture project. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphStoreCheck } from '../../server/agent/doctor.js';
import { defaultEstimateTokens } from '../../server/graph/query/repo-map-render.js';
import { openedResources } from '../support/opened-resources.js';
import { closedPort, runCli } from '../support/run-cli.js';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-dir.js';

function fixture(): TempWorkspace {
  return makeTempWorkspace({
    'package.json': '{"name":"billing"}\n',
    '.gitignore': 'generated/\n',
    'src/invoice.ts': [
      "import { taxFor } from './tax.js';",
      '',
      '/** A bill sent to a customer. */',
      'export interface Invoice {',
      '  total: number;',
      '}',
      '',
      '/** Parses one invoice line into an Invoice. */',
      'export function parseInvoice(line: string): Invoice {',
      '  const total = Number(line.split(",")[1]);',
      '  return { total: total + taxFor(total) };',
      '}',
      '',
    ].join('\n'),
    'src/tax.ts': 'export const TAX_RATE = 0.2;\n\nexport function taxFor(amount: number): number {\n  return amount * TAX_RATE;\n}\n',
    'src/report.ts': "import { parseInvoice } from './invoice.js';\n\nexport function monthlyReport(lines: string[]): number {\n  return lines.map((l) => parseInvoice(l)).reduce((a, i) => a + i.total, 0);\n}\n",
    'scripts/export_csv.py': 'def export_rows(rows):\n    """Write rows as CSV."""\n    return "\\n".join(rows)\n',
    'generated/huge.ts': 'export function shouldNotBeIndexed() {}\n',
  });
}

const open = openedResources();

describe('smallcode index', () => {
  it('indexes a folder and says what it found and where the database is', async () => {
    const ws = open.workspace(fixture());
    const r = await runCli(['index', ws.root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Indexed 4 files, \d+ symbols, \d+ references in [\d.]+s\./);
    expect(r.stdout).toContain(`Index: ${join(ws.root, '.smallcode', 'graph.db')} (sqlite)`);
    expect(r.stdout).toContain('Parser: native extractor on 2 parse threads');
    expect(existsSync(join(ws.root, '.smallcode', 'graph.db'))).toBe(true);
  });

  it('prints the summary as JSON, and a second run re-parses nothing unchanged', async () => {
    const ws = open.workspace(fixture());
    const first = JSON.parse((await runCli(['index', '--json'], { cwd: ws.root })).stdout) as Record<string, unknown>;
    expect(first).toMatchObject({ files: 4, parsed: 4, storeKind: 'sqlite', location: join(ws.root, '.smallcode', 'graph.db') });
    expect(first['symbols']).toBeGreaterThanOrEqual(7);
    expect(first['references']).toBeGreaterThan(0);
    expect(typeof first['elapsedMs']).toBe('number');
    const warm = await runCli(['index', ws.root, '--json']);
    expect(warm.code).toBe(0);
    expect(JSON.parse(warm.stdout)).toMatchObject({ files: 4, parsed: 0, unchanged: 4, symbols: first['symbols'] });
  });

  it('fails with a clear message for a folder that does not exist', async () => {
    const ws = open.workspace(fixture());
    const r = await runCli(['index', join(ws.root, 'nope')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a folder');
  });
});

describe('smallcode graph', () => {
  it('searches symbols (indexing first when there is no index yet), as text and JSON', async () => {
    const ws = open.workspace(fixture());
    const r = await runCli(['graph', 'search', 'invoice'], { cwd: ws.root });
    expect(r.code).toBe(0);
    const first = r.stdout.split('\n')[0]!;
    expect(first).toMatch(/Invoice|parseInvoice/);
    expect(r.stdout).toMatch(/function\s+parseInvoice\s+src\/invoice\.ts:9/);
    const json = await runCli(['graph', 'search', 'export rows', '--json', '--limit', '3', '--cwd', ws.root]);
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout) as { symbols: { name: string; file: string }[] };
    expect(data.symbols[0]).toMatchObject({ name: 'export_rows', file: 'scripts/export_csv.py' });
    expect(data.symbols.length).toBeLessThanOrEqual(3);
  });

  it('sees a file changed after the last index (the index is refreshed, not stale)', async () => {
    const ws = open.workspace(fixture());
    expect((await runCli(['index'], { cwd: ws.root })).code).toBe(0);
    ws.write('src/tax.ts', 'export function vatFor(amount: number): number {\n  return amount * 0.2;\n}\n');
    const r = await runCli(['graph', 'search', 'vatFor', '--json'], { cwd: ws.root });
    expect(JSON.parse(r.stdout).symbols[0]).toMatchObject({ name: 'vatFor', file: 'src/tax.ts' });
    const gone = await runCli(['graph', 'search', 'taxFor', '--json'], { cwd: ws.root });
    expect((JSON.parse(gone.stdout) as { symbols: { name: string }[] }).symbols.map((s) => s.name)).not.toContain('taxFor');
  });

  it('exits 1 with a message when no symbol matches the search', async () => {
    const ws = open.workspace(fixture());
    const r = await runCli(['graph', 'search', 'zzqqxx'], { cwd: ws.root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No symbols match "zzqqxx"');
  });

  it('explains a symbol with its definition and callers', async () => {
    const ws = open.workspace(fixture());
    const r = await runCli(['graph', 'explain', 'parseInvoice'], { cwd: ws.root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('parseInvoice');
    expect(r.stdout).toContain('src/invoice.ts');
    expect(r.stdout).toContain('monthlyReport');
    const json = JSON.parse((await runCli(['graph', 'explain', 'taxFor', '--json'], { cwd: ws.root })).stdout) as { found: boolean; definition: { name: string }; callers: { name: string }[] };
    expect(json.found).toBe(true);
    expect(json.definition.name).toBe('taxFor');
    expect(json.callers.map((c) => c.name)).toContain('parseInvoice');
  });

  it('exits 1 with a clear message (and a suggestion) for a symbol that does not exist', async () => {
    const ws = open.workspace(fixture());
    const r = await runCli(['graph', 'explain', 'parseInvoices'], { cwd: ws.root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No symbol named "parseInvoices"');
    expect(r.stderr).toContain('parseInvoice');
    expect(r.stdout).toBe('');
    const json = await runCli(['graph', 'explain', 'noSuchThing', '--json'], { cwd: ws.root });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ found: false });
  });

  it('prints a repo map within the --tokens budget', async () => {
    const ws = open.workspace(fixture());
    for (const budget of [64, 200, 2048]) {
      const r = await runCli(['graph', 'map', '--tokens', String(budget), '--json'], { cwd: ws.root });
      expect(r.code).toBe(0);
      const map = JSON.parse(r.stdout) as { text: string; tokens: number; files: string[]; budget: number };
      expect(map.budget).toBe(budget);
      expect(map.tokens).toBeLessThanOrEqual(budget);
      expect(defaultEstimateTokens(map.text)).toBeLessThanOrEqual(budget);
      if (budget === 2048) expect(map.files).toEqual(expect.arrayContaining(['src/invoice.ts', 'src/tax.ts', 'src/report.ts']));
    }
    const text = await runCli(['graph', 'map'], { cwd: ws.root });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('src/tax.ts');
    expect(text.stdout).toMatch(/— \d+ files, ~\d+ of 1024 tokens/);
    expect(text.stdout).not.toContain('generated/huge.ts');
  });

  it('rejects a bad --limit and --tokens as usage errors', async () => {
    const ws = open.workspace(fixture());
    expect((await runCli(['graph', 'search', 'x', '--limit', 'lots'], { cwd: ws.root })).code).toBe(2);
    expect((await runCli(['graph', 'map', '--tokens', '10'], { cwd: ws.root })).code).toBe(2);
  });
});

describe('smallcode doctor: the graph store line', () => {
  it('names the SQLite store, says whether the workspace has an index, and leaves no database behind', async () => {
    const ws = open.workspace(fixture());
    const port = await closedPort();
    const r = await runCli(['doctor'], { cwd: ws.root, env: { SMALLCODE_BASE_URL: `http://127.0.0.1:${port}/v1` } });
    expect(r.stdout).toContain('✔ code graph store: SQLite with FTS5');
    expect(r.stdout).toContain('no index in this workspace yet');
    expect(existsSync(join(ws.root, '.smallcode'))).toBe(false);
    await runCli(['index'], { cwd: ws.root });
    const after = await runCli(['doctor', '--json'], { cwd: ws.root, env: { SMALLCODE_BASE_URL: `http://127.0.0.1:${port}/v1` } });
    const check = (JSON.parse(after.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks.find((c) => c.name === 'code graph store');
    expect(check).toMatchObject({ ok: true, detail: expect.stringContaining(`index at ${join(ws.root, '.smallcode', 'graph.db')}`) });
  });

  it('says when the JSON fallback is active and why', () => {
    const ws = open.workspace(fixture());
    const check = graphStoreCheck(ws.root, { loadSqlite: () => ({ ok: false, reason: 'better-sqlite3 could not load: invalid ELF header' }) });
    expect(check.ok).toBe(true);
    expect(check.detail).toContain('JSON fallback (.smallcode/graph.json) because better-sqlite3 could not load: invalid ELF header');
    expect(check.next).toContain('npm rebuild better-sqlite3');
    expect(existsSync(join(ws.root, '.smallcode'))).toBe(false);
  });
});
