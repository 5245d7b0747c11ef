/**
 * The repo map's entry for a big file, personalised toward the identifiers a task mentions: a
 * 400-function TypeScript module is extracted by the real tree-sitter extractor into real SQLite,
 * and a definition near its bottom must make it into small maps when the task names it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../server/graph/extract/extract-file.js';
import { GraphService } from '../../../server/graph/graph-service.js';
import type { RepoMapResultT } from '../../../protocol-ext/graph.js';
import { trackedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

const BIG = 'src/billing/ledger.ts';

const VERBS = ['compute', 'apply', 'settle', 'round', 'merge', 'split', 'reconcile', 'post', 'reverse', 'audit', 'accrue', 'allocate', 'charge', 'refund', 'convert', 'summarize', 'archive', 'schedule', 'estimate', 'lock'];
const NOUNS = ['Invoice', 'Ledger', 'Payment', 'Tax', 'Discount', 'Currency', 'Balance', 'Journal', 'Fee', 'Credit', 'Debit', 'Period', 'Statement', 'Refund', 'Vendor', 'Budget', 'Receipt', 'Forecast', 'Subsidy', 'Margin'];

/** The 400 generated function names, in file order (no `user`, `parse`, `email` or `row` parts). */
const GENERATED = Array.from({ length: 400 }, (_, i) => `${VERBS[i % VERBS.length]}${NOUNS[Math.floor(i / VERBS.length) % NOUNS.length]}`);

/**
 * A realistic big module: 400 small exported functions that call their neighbours, one class with
 * methods, and near the bottom the user-import section a task will talk about.
 */
function bigLedger(): string {
  const out: string[] = [
    "import type { Money } from '../shared/money.js';",
    '',
    'export interface LedgerLine { account: string; amount: Money; memo: string }',
    '',
  ];
  GENERATED.forEach((name, i) => {
    if (i === 150) {
      // Far from parseUser and sharing none of its words: reached only through the call.
      out.push('function normalizeEmail(raw: string): string {', '  return raw.trim().toLowerCase();', '}', '');
    }
    const callee = i > 0 ? GENERATED[i - 1] : null;
    out.push(`/** Step ${i} of the ledger pipeline. */`);
    out.push(`export function ${name}(lines: LedgerLine[], factor: number): LedgerLine[] {`);
    out.push(`  const next = lines.map((l) => ({ ...l, memo: \`${name}:\${l.memo}\` }));`);
    out.push(callee ? `  return factor > 1 ? ${callee}(next, factor - 1) : next;` : '  return next;');
    out.push('}', '');
    if (i === 370) {
      out.push(
        'export class InvoiceRepository {',
        '  constructor(private readonly lines: LedgerLine[]) {}',
        '  findInvoice(id: string): LedgerLine | undefined {',
        '    return this.lines.find((l) => l.account === id);',
        '  }',
        '  decodeRow(raw: string): LedgerLine {',
        "    const [account, memo] = raw.split(',');",
        '    return { account: account ?? "", amount: { cents: 0 }, memo: memo ?? "" };',
        '  }',
        '}',
        '',
      );
    }
  });
  out.push(
    'export interface UserRecord { id: string; email: string; name: string }',
    '',
    'export function loadAccounts(raw: string[]): UserRecord[] {',
    '  return raw.map((r) => parseUser(r));',
    '}',
    '',
    'export function parseUser(raw: string): UserRecord {',
    "  const [id, email, name] = raw.split(';');",
    "  return { id: id ?? '', email: normalizeEmail(email ?? ''), name: parseUserName(name ?? '') };",
    '}',
    '',
    'export function parseUserName(raw: string): string {',
    '  return raw.trim();',
    '}',
    '',
    'export function formatUserLabel(user: UserRecord): string {',
    '  return `${user.name} <${user.email}>`;',
    '}',
    '',
    'function legacyDecode(raw: string): string[] {',
    "  return raw.split('|');",
    '}',
    '',
  );
  return out.join('\n');
}

/** Callers of the ledger (so its top functions are widely used) and a few unrelated modules. */
function project(): Record<string, string> {
  const files: Record<string, string> = {
    [BIG]: bigLedger(),
    'src/shared/money.ts': 'export interface Money { cents: number }\nexport function addMoney(a: Money, b: Money): Money {\n  return { cents: a.cents + b.cents };\n}\n',
    // A same-named top-level function elsewhere: `InvoiceRepository.decodeRow` must not mean it.
    'src/import/csv.ts': 'export function decodeRow(line: string): string[] {\n  return line.split(",");\n}\n',
  };
  for (let f = 0; f < 24; f++) {
    const used = [GENERATED[f % 20]!, GENERATED[(f * 7) % 40]!, GENERATED[(f * 3) % 30]!];
    files[`src/reports/report-${f}.ts`] = [
      `import { ${[...new Set(used)].join(', ')}, type LedgerLine } from '../billing/ledger.js';`,
      "import { addMoney } from '../shared/money.js';",
      '',
      `export function buildReport${f}(lines: LedgerLine[]): LedgerLine[] {`,
      `  const a = ${used[0]}(lines, 2);`,
      `  const b = ${used[1]}(a, 1);`,
      `  addMoney(b[0]!.amount, a[0]!.amount);`,
      `  return ${used[2]}(b, 3);`,
      '}',
      '',
    ].join('\n');
  }
  return files;
}

/** The outline lines of one file in a rendered map (signatures without their line numbers). */
function fileLines(map: RepoMapResultT, file: string): string[] {
  const lines = map.text.split('\n');
  const start = lines.indexOf(`${file}:`);
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start + 1; i < lines.length && /^\s+\d+: /.test(lines[i]!); i++) out.push(lines[i]!.replace(/^\s+\d+: /, '').trim());
  return out;
}

describe('repo map focused on mentioned identifiers (real extraction, SQLite)', () => {
  // The extracted project is shared by every test of the block (extracting it is the slow part),
  // so it is closed after the block, not after each test as openedResources() would.
  const open = trackedResources();
  let root: string;
  let svc: GraphService;
  beforeAll(() => {
    root = open.workspace(makeTempWorkspace({}, 'sc-map-focus-')).root;
    svc = GraphService.open(root);
    open.add(() => svc.close(), 'graph service');
    expect(svc.store.kind).toBe('sqlite');
    for (const [path, text] of Object.entries(project())) svc.store.upsertFile(extractFile({ path, text }));
    expect(svc.store.symbolsInFile(BIG).length).toBeGreaterThan(400);
  });
  afterAll(() => open.closeAll());

  it.each([256, 512])('shows a mentioned function near the bottom of a 400-function file at %i tokens', (tokens) => {
    const map = svc.repoMap({ tokens, identifiers: ['parseUser'] });
    expect(map.tokens).toBeLessThanOrEqual(tokens);
    expect(map.files[0]).toBe(BIG);
    expect(fileLines(map, BIG)).toContain('export function parseUser(raw: string): UserRecord {');
  });

  it.each([256, 512])('shows a method named Class.method style at %i tokens', (tokens) => {
    const map = svc.repoMap({ tokens, identifiers: ['InvoiceRepository.decodeRow'] });
    expect(map.tokens).toBeLessThanOrEqual(tokens);
    expect(map.files[0]).toBe(BIG);
    expect(fileLines(map, BIG)).toContain('decodeRow(raw: string): LedgerLine {');
  });

  it('resolves Class.method to that class\'s member, and a bare name to every definer', () => {
    const member = svc.repoMap({ tokens: 512, identifiers: ['InvoiceRepository.decodeRow'] });
    expect(member.files).not.toContain('src/import/csv.ts');
    const bare = svc.repoMap({ tokens: 512, identifiers: ['decodeRow'] });
    expect(bare.files.slice(0, 2).sort()).toEqual(['src/billing/ledger.ts', 'src/import/csv.ts']);
    expect(fileLines(bare, 'src/import/csv.ts')).toEqual(['export function decodeRow(line: string): string[] {']);
    expect(fileLines(bare, BIG)).toContain('decodeRow(raw: string): LedgerLine {');
  });

  it.each([256, 512])('matches a mentioned identifier whatever its case or a call suffix, also for a non-exported helper (%i tokens)', (tokens) => {
    const map = svc.repoMap({ tokens, identifiers: ['LegacyDecode', 'parseuser()'] });
    expect(map.tokens).toBeLessThanOrEqual(tokens);
    expect(map.files[0]).toBe(BIG);
    const lines = fileLines(map, BIG);
    expect(lines).toContain('function legacyDecode(raw: string): string[] {');
    expect(lines).toContain('export function parseUser(raw: string): UserRecord {');
  });

  it('lists definitions sharing words with the mentioned identifier next, before the rest of the file', () => {
    const map = svc.repoMap({ tokens: 512, identifiers: ['parseUser'] });
    const lines = fileLines(map, BIG);
    expect(lines).toEqual(expect.arrayContaining([
      'export interface UserRecord { id: string; email: string; name: string }',
      'export function parseUserName(raw: string): string {',
      'export function formatUserLabel(user: UserRecord): string {',
    ]));
  });

  it('takes the words of a lowercased mention from the definition it names', () => {
    const lines = fileLines(svc.repoMap({ tokens: 512, identifiers: ['parseuser'] }), BIG);
    expect(lines).toContain('export function parseUserName(raw: string): string {');
    expect(lines).toContain('export function formatUserLabel(user: UserRecord): string {');
  });

  it('lists the named definition\'s in-file callers and callees after the word-sharing ones', () => {
    const map = svc.repoMap({ tokens: 512, identifiers: ['parseUser'] });
    const lines = fileLines(map, BIG);
    expect(lines).toEqual(expect.arrayContaining([
      'function normalizeEmail(raw: string): string {',
      'export function loadAccounts(raw: string[]): UserRecord[] {',
    ]));
  });

  it('orders the file\'s entry named > word-sharing > callers and callees > the rest as the budget grows', () => {
    const named = 'export function parseUser(raw: string): UserRecord {';
    const sharing = ['export interface UserRecord { id: string; email: string; name: string }', 'export function parseUserName(raw: string): string {', 'export function formatUserLabel(user: UserRecord): string {'];
    const near = ['function normalizeEmail(raw: string): string {', 'export function loadAccounts(raw: string[]): UserRecord[] {'];
    /** The smallest budget (in steps of 4 tokens) whose map lists the line. */
    const firstShown = new Map<string, number>();
    let generated = Infinity;
    for (let tokens = 8; tokens <= 400; tokens += 4) {
      const lines = fileLines(svc.repoMap({ tokens, identifiers: ['parseUser'] }), BIG);
      for (const l of lines) if (!firstShown.has(l)) firstShown.set(l, tokens);
      if (generated === Infinity && lines.some((l) => /lines: LedgerLine\[\], factor: number/.test(l))) generated = tokens;
    }
    const at = (l: string): number => firstShown.get(l) ?? Infinity;
    expect(at(named)).toBeLessThan(Infinity);
    for (const l of sharing) expect(at(l)).toBeGreaterThan(at(named));
    for (const l of near) expect(at(l)).toBeGreaterThan(Math.max(...sharing.map(at)));
    expect(generated).toBeGreaterThan(Math.max(...near.map(at)));
    expect(generated).toBeLessThan(Infinity);
  });

  it('leaves a map for a task that mentions no identifier as it was: the top of each file by kind and use', () => {
    const plain = svc.repoMap({ tokens: 512 });
    expect(svc.repoMap({ tokens: 512, identifiers: [] })).toEqual(plain);
    // What the map showed before definitions were ordered by mention (same ranking, same text).
    expect(plain.files).toEqual(['src/shared/money.ts', BIG]);
    expect(fileLines(plain, 'src/shared/money.ts')).toEqual(['export interface Money { cents: number }', 'export function addMoney(a: Money, b: Money): Money {']);
    const used = ['computeInvoice', 'applyInvoice', 'settleInvoice', 'roundInvoice', 'mergeInvoice', 'reconcileInvoice', 'postInvoice', 'auditInvoice', 'allocateInvoice', 'chargeInvoice', 'refundInvoice', 'convertInvoice', 'summarizeInvoice', 'archiveInvoice', 'estimateInvoice', 'applyLedger', 'postLedger'];
    expect(fileLines(plain, BIG)).toEqual([
      'export interface LedgerLine { account: string; amount: Money; memo: string }',
      ...used.map((n) => `export function ${n}(lines: LedgerLine[], factor: number): LedgerLine[] {`),
    ]);
    // Naming files only (no identifiers) gives the file more room but reorders nothing inside it.
    const byFile = fileLines(svc.repoMap({ tokens: 512, files: ['ledger.ts'] }), BIG);
    expect(byFile).toEqual(expect.arrayContaining(fileLines(plain, BIG)));
    expect(byFile).not.toContain('export function parseUser(raw: string): UserRecord {');
  });

  it('follows an edit of the big file: the named definition moved and renamed is found again', () => {
    const before = svc.repoMap({ tokens: 256, identifiers: ['parseUser'] });
    const text = bigLedger().replace(/parseUser\b/g, 'parseMember').replace('function normalizeEmail', 'function parseUser(raw: string): UserRecord {\n  return parseMember(raw);\n}\nfunction normalizeEmail');
    svc.store.upsertFile(extractFile({ path: BIG, text }));
    const after = svc.repoMap({ tokens: 256, identifiers: ['parseUser'] });
    expect(after).not.toEqual(before);
    expect(after.tokens).toBeLessThanOrEqual(256);
    const lines = fileLines(after, BIG);
    expect(lines).toContain('function parseUser(raw: string): UserRecord {');
    expect(lines).toContain('export function parseMember(raw: string): UserRecord {');
    svc.store.upsertFile(extractFile({ path: BIG, text: bigLedger() }));
    expect(svc.repoMap({ tokens: 256, identifiers: ['parseUser'] })).toEqual(before);
  });

  it('stays within every budget from 256 to 8192 tokens with mentioned identifiers, deterministically', () => {
    for (let tokens = 256; tokens <= 8192; tokens += 397) {
      const req = { tokens, identifiers: ['parseUser', 'InvoiceRepository.decodeRow'] };
      const map = svc.repoMap(req);
      expect(map.tokens).toBeLessThanOrEqual(tokens);
      const fresh = GraphService.open(root);
      try {
        expect(fresh.repoMap(req)).toEqual(map);
      } finally {
        fresh.close();
      }
    }
  });
});
