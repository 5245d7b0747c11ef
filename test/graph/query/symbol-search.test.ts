/**
 * Ranked symbol search over both store backends: tier order (exact > prefix > token > fuzzy),
 * kind and proximity boosts, multi-word queries, kind filter and limit.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openGraphStore } from '../../../server/graph/store/open-graph-store.js';
import type { GraphStore } from '../../../server/graph/store/graph-store.js';
import { searchSymbols } from '../../../server/graph/query/symbol-search.js';
import { fuzzyQuality } from '../../../server/graph/query/symbol-rank.js';
import { file, sym } from '../store/graph-fixtures.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

describe.each(['sqlite', 'json'] as const)('searchSymbols (%s)', (kind) => {
  const open = openedResources();
  let root: string;
  let store: GraphStore;
  const names = (query: string, extra: { nearFile?: string; kind?: string; limit?: number } = {}): string[] =>
    searchSymbols(store, { query, ...extra }).map((s) => `${s.name}@${s.file}`);

  beforeEach(() => {
    root = open.workspace(makeTempWorkspace({}, 'sc-search-')).root;
    store = openGraphStore(root, { prefer: kind }).store;
    open.add(() => store.close(), 'graph store');
    store.upsertFile(file('src/model/user.ts', [
      sym('User', 'class', 0),
      sym('user', 'variable', 10, { exported: false }),
      sym('userName', 'function', 20),
      sym('parseUser', 'function', 30),
      sym('parse_user_name', 'function', 40),
      sym('usherSecretEntry', 'function', 50),
    ]));
    store.upsertFile(file('src/parse/parser.ts', [sym('parser', 'variable', 0), sym('Parser', 'class', 5), sym('Parsed', 'type', 9)]));
    store.upsertFile(file('src/a/x.ts', [sym('handle', 'function', 0)]));
    store.upsertFile(file('src/b/y.ts', [sym('handle', 'function', 0)]));
    store.upsertFile(file('src/docs.ts', [sym('mystery', 'function', 0, { doc: 'Renders the invoice as PDF.' })]));
  });

  it('ranks exact, then prefix, then token matches', () => {
    const r = names('user');
    expect(r.slice(0, 2)).toEqual(['user@src/model/user.ts', 'User@src/model/user.ts']);
    expect(r.indexOf('userName@src/model/user.ts')).toBe(2);
    expect(r.indexOf('parseUser@src/model/user.ts')).toBeGreaterThan(r.indexOf('userName@src/model/user.ts'));
    // Fuzzy is a fallback: with this many better matches it does not run.
    expect(r).not.toContain('usherSecretEntry@src/model/user.ts');
  });

  it('falls back to fuzzy matches only when little else matched, and ranks them last', () => {
    const r = names('usrNm');
    expect(r[0]).toBe('userName@src/model/user.ts');
    expect(names('userEnt')).toEqual(['usherSecretEntry@src/model/user.ts']);
  });

  it('a case-exact match beats a case-insensitive one', () => {
    expect(names('User')[0]).toBe('User@src/model/user.ts');
    expect(names('user')[0]).toBe('user@src/model/user.ts');
  });

  it('within a tier, classes outrank variables', () => {
    const r = names('pars');
    expect(r.indexOf('Parser@src/parse/parser.ts')).toBeLessThan(r.indexOf('parser@src/parse/parser.ts'));
    expect(r.indexOf('Parsed@src/parse/parser.ts')).toBeLessThan(r.indexOf('parser@src/parse/parser.ts'));
  });

  it('prefers definitions near the current file', () => {
    expect(names('handle', { nearFile: 'src/b/z.ts' })[0]).toBe('handle@src/b/y.ts');
    expect(names('handle', { nearFile: 'src/a/q.ts' })[0]).toBe('handle@src/a/x.ts');
    expect(names('handle', { nearFile: 'src/b/y.ts' })[0]).toBe('handle@src/b/y.ts');
  });

  it('matches multi-word queries against identifier parts', () => {
    expect(names('parse user').slice(0, 2).sort()).toEqual(['parseUser@src/model/user.ts', 'parse_user_name@src/model/user.ts']);
    expect(names('user name')[0]).toBe('userName@src/model/user.ts');
  });

  it('finds abbreviations by fuzzy subsequence and doc words last', () => {
    expect(names('parsUsr')[0]).toBe('parseUser@src/model/user.ts');
    expect(names('usSecEnt')[0]).toBe('usherSecretEntry@src/model/user.ts');
    expect(names('invoice')).toEqual(['mystery@src/docs.ts']);
  });

  it('honours the kind filter and the limit', () => {
    expect(names('user', { kind: 'class' })).toEqual(['User@src/model/user.ts']);
    expect(names('user', { limit: 2 })).toHaveLength(2);
    expect(names('   ')).toEqual([]);
    expect(names('zzzz')).toEqual([]);
  });

  it('returns scores in descending order with LSP-style ranges', () => {
    const r = searchSymbols(store, { query: 'user' });
    const scores = r.map((s) => s.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(r.find((s) => s.name === 'userName')!.range).toEqual({ start: { line: 20, character: 0 }, end: { line: 22, character: 1 } });
  });
});

describe('fuzzyQuality', () => {
  it('rejects non-subsequences and prefers word-start matches', () => {
    expect(fuzzyQuality('xyz', 'parseUser')).toBe(-1);
    expect(fuzzyQuality('pu', 'parseUser')).toBeGreaterThan(fuzzyQuality('pe', 'parseUser'));
  });
});
