/**
 * The one GraphStore test suite, run against SqliteGraphStore and JsonGraphStore alike: reads,
 * row-diffing upserts, removal, persistence, FTS-style token lookups and the change log.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openGraphStore } from '../../../server/graph/store/open-graph-store.js';
import type { GraphStore } from '../../../server/graph/store/graph-store.js';
import { file, ref, shifted, sym } from './graph-fixtures.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

const userFile = file('src/user.ts', [
  sym('UserService', 'class', 0, { doc: 'Loads and caches users from the database.' }),
  sym('parseUser', 'method', 3, { container: 'UserService', signature: 'parseUser(raw: string): User' }),
  sym('MAX_USERS', 'constant', 10),
], [
  ref('Database', 'import', 0, null, './db'),
  ref('readRow', 'call', 4, 'parseUser'),
  ref('readRow', 'call', 5, 'parseUser'),
]);

const dbFile = file('src/db.ts', [
  sym('Database', 'class', 0),
  sym('readRow', 'function', 20, { signature: 'function readRow(id: number): Row' }),
  sym('HTTPServer', 'class', 30),
  sym('parse_user_name', 'function', 40, { doc: 'Splits a display name.' }),
  sym('getHTTPResponse', 'function', 50),
]);

describe.each(['sqlite', 'json'] as const)('GraphStore (%s)', (kind) => {
  const opened = openedResources();
  let root: string;
  let store: GraphStore;
  const open = (): GraphStore => openGraphStore(root, { prefer: kind }).store;

  beforeEach(() => {
    root = opened.workspace(makeTempWorkspace({}, 'sc-graph-')).root;
    store = open();
    // Reads `store` at close time: the tests that close and reopen it leave the reopened one to close.
    opened.add(() => store.close(), 'graph store');
    expect(store.kind).toBe(kind);
  });

  it('reads back files, symbols in position order and references with their origin', () => {
    store.upsertFile(userFile);
    store.upsertFile(dbFile);
    expect(store.counts()).toEqual({ files: 2, symbols: 8, references: 3 });
    expect(store.getFile('src/user.ts')).toMatchObject({ path: 'src/user.ts', language: 'typescript', lines: 100, hash: userFile.hash });
    expect(store.listFiles().map((f) => f.path).sort()).toEqual(['src/db.ts', 'src/user.ts']);
    const syms = store.symbolsInFile('src/user.ts');
    expect(syms.map((s) => s.name)).toEqual(['UserService', 'parseUser', 'MAX_USERS']);
    expect(syms[1]).toMatchObject({ file: 'src/user.ts', kind: 'method', container: 'UserService', signature: 'parseUser(raw: string): User', exported: true });
    const refs = store.referencesInFile('src/user.ts');
    expect(refs.map((r) => [r.name, r.kind, r.fromSymbol])).toEqual([
      ['Database', 'import', null], ['readRow', 'call', 'parseUser'], ['readRow', 'call', 'parseUser'],
    ]);
    expect(refs[0]!.module).toBe('./db');
    expect(refs[1]!.module).toBeUndefined();
    expect(store.getSymbol(syms[0]!.id)?.name).toBe('UserService');
    expect(store.symbolsInFile('nope.ts')).toEqual([]);
  });

  it('stores every reference of a file with more of them than one insert statement takes, fields intact', () => {
    // 75 = two full groups of 32 plus 11 written one by one, with every optional field varying
    const kinds = ['call', 'import', 'type', 'heritage'] as const;
    const many = Array.from({ length: 75 }, (_, i) =>
      ref(`name${i % 7}`, kinds[i % 4]!, i, i % 3 === 0 ? null : `from${i % 5}`, i % 4 === 1 ? `./mod${i % 6}` : undefined));
    store.upsertFile(file('src/many.ts', [], many));
    const stored = store.referencesInFile('src/many.ts');
    expect(stored.map((r) => ({ name: r.name, kind: r.kind, range: r.range, fromSymbol: r.fromSymbol, module: r.module }))).toEqual(
      many.map((r) => ({ name: r.name, kind: r.kind, range: r.range, fromSymbol: r.fromSymbol, module: r.module })),
    );
    expect(store.counts().references).toBe(75);
    // an identical re-upsert diffs to nothing
    store.upsertFile(file('src/many.ts', [], many));
    expect(store.referencesInFile('src/many.ts').map((r) => r.id)).toEqual(stored.map((r) => r.id));
  });

  it('re-upserting an identical file keeps every row and does not bump the generation', () => {
    store.upsertFile(userFile);
    const ids = store.symbolsInFile('src/user.ts').map((s) => s.id);
    const gen = store.generation();
    const stats = store.upsertFile(userFile);
    expect(stats).toEqual({ symbolsAdded: 0, symbolsRemoved: 0, symbolsKept: 3, referencesAdded: 0, referencesRemoved: 0 });
    expect(store.symbolsInFile('src/user.ts').map((s) => s.id)).toEqual(ids);
    expect(store.generation()).toBe(gen);
  });

  it('lines inserted above move ranges but keep row identities', () => {
    store.upsertFile(userFile);
    const before = store.symbolsInFile('src/user.ts');
    const gen = store.generation();
    const stats = store.upsertFile(shifted(userFile, 5));
    expect(stats).toMatchObject({ symbolsAdded: 0, symbolsRemoved: 0, symbolsKept: 3, referencesAdded: 0, referencesRemoved: 0 });
    const after = store.symbolsInFile('src/user.ts');
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
    expect(after.map((s) => s.range.startLine)).toEqual(before.map((s) => s.range.startLine + 5));
    expect(store.referencesInFile('src/user.ts').map((r) => r.range.startLine)).toEqual([5, 9, 10]);
    expect(store.generation()).toBeGreaterThan(gen);
    expect(store.changedSince(gen)).toEqual(['src/user.ts']);
  });

  it('renaming one symbol and dropping one call changes exactly those rows', () => {
    store.upsertFile(userFile);
    const before = store.symbolsInFile('src/user.ts');
    const edited = file('src/user.ts', [
      userFile.symbols[0]!,
      { ...userFile.symbols[1]!, name: 'parseAccount', signature: 'parseAccount(raw: string): User' },
      userFile.symbols[2]!,
    ], userFile.references.slice(0, 2));
    const stats = store.upsertFile(edited);
    expect(stats).toEqual({ symbolsAdded: 1, symbolsRemoved: 1, symbolsKept: 2, referencesAdded: 0, referencesRemoved: 1 });
    const after = store.symbolsInFile('src/user.ts');
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[2]!.id).toBe(before[2]!.id);
    expect(after[1]!.id).not.toBe(before[1]!.id);
    expect(store.symbolsByName('parseUser', 10)).toEqual([]);
    expect(store.symbolsByTokens(['account'], 10).map((s) => s.name)).toEqual(['parseAccount']);
  });

  it('a changed doc comment is updated in place and becomes searchable', () => {
    store.upsertFile(userFile);
    const id = store.symbolsByName('MAX_USERS', 1)[0]!.id;
    const edited = file('src/user.ts', [userFile.symbols[0]!, userFile.symbols[1]!, { ...userFile.symbols[2]!, doc: 'Quota per tenant.' }], userFile.references);
    expect(store.upsertFile(edited)).toMatchObject({ symbolsAdded: 0, symbolsRemoved: 0 });
    expect(store.symbolsByTokens(['tenant'], 10, true).map((s) => s.id)).toEqual([id]);
    expect(store.symbolsByTokens(['tenant'], 10, false)).toEqual([]);
  });

  it('removeFile drops its symbols and references and logs the path', () => {
    store.upsertFile(userFile);
    store.upsertFile(dbFile);
    const gen = store.generation();
    store.removeFile('src/user.ts');
    expect(store.getFile('src/user.ts')).toBeUndefined();
    expect(store.counts()).toEqual({ files: 1, symbols: 5, references: 0 });
    expect(store.symbolsByName('parseUser', 10)).toEqual([]);
    expect(store.referencesByName('readRow', null, 10)).toEqual([]);
    expect(store.changedSince(gen)).toEqual(['src/user.ts']);
    store.removeFile('src/user.ts'); // removing twice is a no-op
    expect(store.generation()).toBe(gen + 1);
  });

  it('persists across close and reopen', () => {
    store.upsertFile(userFile);
    store.upsertFile(dbFile);
    const ids = store.symbolsInFile('src/db.ts').map((s) => s.id);
    store.close();
    store = open();
    expect(store.counts()).toEqual({ files: 2, symbols: 8, references: 3 });
    expect(store.symbolsInFile('src/db.ts').map((s) => s.id)).toEqual(ids);
    expect(store.symbolsByTokens(['http'], 10).map((s) => s.name).sort()).toEqual(['HTTPServer', 'getHTTPResponse']);
    // Ids keep growing after a reopen: a new symbol never reuses an old id.
    store.upsertFile(file('src/new.ts', [sym('fresh', 'function', 0)]));
    expect(store.symbolsByName('fresh', 1)[0]!.id).toBeGreaterThan(Math.max(...ids));
  });

  it('token lookups split camelCase, snake_case, PascalCase and acronyms', () => {
    store.upsertFile(userFile);
    store.upsertFile(dbFile);
    const names = (tokens: string[], doc = false): string[] => store.symbolsByTokens(tokens, 50, doc).map((s) => s.name).sort();
    expect(names(['user'])).toEqual(['MAX_USERS', 'UserService', 'parseUser', 'parse_user_name']);
    expect(names(['parse', 'user'])).toEqual(['parseUser', 'parse_user_name']);
    expect(names(['parseus'])).toEqual([]); // not a word of any name: prefix lookups cover that
    expect(names(['use'])).toEqual(['MAX_USERS', 'UserService', 'parseUser', 'parse_user_name']);
    expect(names(['parse', 'use'])).toEqual(['parseUser', 'parse_user_name']);
    expect(names(['use', 'parse'])).toEqual([]); // only the last token may be a prefix
    expect(names(['name'])).toEqual(['parse_user_name']);
    expect(names(['service'])).toEqual(['UserService']);
    expect(names(['server'])).toEqual(['HTTPServer']);
    expect(names(['http', 'response'])).toEqual(['getHTTPResponse']);
    expect(names(['display'])).toEqual([]);
    expect(names(['display'], true)).toEqual(['parse_user_name']);
    expect(names(['caches', 'users'], true)).toEqual(['UserService']);
    expect(names([])).toEqual([]);
  });

  it('name and prefix lookups ignore case and separators and are bounded', () => {
    store.upsertFile(userFile);
    store.upsertFile(dbFile);
    expect(store.symbolsByName('parseuser', 10).map((s) => s.name)).toEqual(['parseUser']);
    expect(store.symbolsByName('Parse_User', 10).map((s) => s.name)).toEqual(['parseUser']);
    expect(store.symbolsByPrefix('PARSE', 10).map((s) => s.name)).toEqual(['parseUser', 'parse_user_name']);
    expect(store.symbolsByPrefix('parseus', 10).map((s) => s.name)).toEqual(['parseUser', 'parse_user_name']);
    expect(store.symbolsByPrefix('parse_user_n', 10).map((s) => s.name)).toEqual(['parse_user_name']);
    expect(store.nameCandidates('httpserver', 5)).toEqual([{ id: expect.any(Number), name: 'HTTPServer', kind: 'class', file: 'src/db.ts', exported: true }]);
    expect(store.prefixCandidates('get', 5).map((c) => c.name)).toEqual(['getHTTPResponse']);
    expect(store.tokenCandidates(['response'], 5).map((c) => c.name)).toEqual(['getHTTPResponse']);
    expect(store.tokenCandidates(['display'], 5, true).map((c) => c.name)).toEqual(['parse_user_name']);
    expect(store.fuzzyNameKeys('parsusr', 10)).toEqual(['parseuser', 'parseusername']);
    expect(store.fuzzyNameKeys('PA_NAME', 10)).toEqual(['parseusername']);
    expect(store.fuzzyNameKeys('prsusr', 10)).toEqual([]); // the first two letters must match
        expect(store.fuzzyNameKeys('ht*v', 10)).toEqual(['httpserver']); // '*' is dropped from the key, never a wildcard
    expect(store.fuzzyNameKeys('ht*z', 10)).toEqual([]);
    expect(store.symbolsByPrefix('parse', 1)).toHaveLength(1);
    expect(store.symbolsByPrefix('zzz', 10)).toEqual([]);
  });

  it('references by name filter by kind', () => {
    store.upsertFile(userFile);
    expect(store.referencesByName('readRow', 'call', 10).map((r) => r.range.startLine).sort()).toEqual([4, 5]);
    expect(store.referencesByName('readRow', 'import', 10)).toEqual([]);
    expect(store.referencesByName('Database', null, 10).map((r) => r.kind)).toEqual(['import']);
    expect(store.referencesByName('readRow', null, 1)).toHaveLength(1);
    expect(store.referencesByName('unknown', null, 10)).toEqual([]);
  });

  it('the change log answers null for generations it cannot vouch for', () => {
    store.upsertFile(userFile);
    const gen = store.generation();
    expect(store.changedSince(gen)).toEqual([]);
    expect(store.changedSince(gen + 5)).toBeNull();
    store.upsertFile(dbFile);
    expect(store.changedSince(0)?.sort()).toEqual(['src/db.ts', 'src/user.ts']);
  });

  it('bulk reads return every symbol and reference name', () => {
    store.upsertFile(userFile);
    store.upsertFile(dbFile);
    expect(store.allSymbols().map((s) => s.name).sort()).toEqual([...userFile.symbols, ...dbFile.symbols].map((s) => s.name).sort());
    expect(store.allReferenceNames().sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { file: 'src/user.ts', name: 'Database', kind: 'import' },
      { file: 'src/user.ts', name: 'readRow', kind: 'call' },
      { file: 'src/user.ts', name: 'readRow', kind: 'call' },
    ]);
  });

  it('touchFile records a new mtime without changing rows or the generation', () => {
    store.upsertFile(userFile);
    const gen = store.generation();
    store.touchFile!('src/user.ts', 42);
    expect(store.getFile('src/user.ts')!.mtimeMs).toBe(42);
    expect(store.generation()).toBe(gen);
    store.close();
    store = open();
    expect(store.getFile('src/user.ts')!.mtimeMs).toBe(42);
  });

  it('long doc comments are clipped once, so re-upserting them changes nothing', () => {
    const long = file('src/long.ts', [sym('documented', 'function', 0, { doc: 'word '.repeat(400) })]);
    store.upsertFile(long);
    expect(store.symbolsByName('documented', 1)[0]!.doc!.length).toBe(400);
    const gen = store.generation();
    expect(store.upsertFile(long)).toMatchObject({ symbolsAdded: 0, symbolsRemoved: 0 });
    expect(store.generation()).toBe(gen);
  });

  it('nested transactions join the outer one', () => {
    const n = store.transaction(() => {
      store.upsertFile(userFile);
      return store.transaction(() => {
        store.upsertFile(dbFile);
        return store.counts().files;
      });
    });
    expect(n).toBe(2);
    expect(store.counts().files).toBe(2);
  });
});
