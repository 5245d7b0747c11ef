/** Identifier splitting and FTS query building (pure). */
import { describe, expect, it } from 'vitest';
import { expandedTokenText, ftsMatchQuery, identifierParts, nameKey, queryTokens } from '../../../server/graph/store/identifier-tokens.js';

describe('identifierParts', () => {
  it.each([
    ['parseUser', ['parse', 'user']],
    ['ParseUser', ['parse', 'user']],
    ['parse_user_name', ['parse', 'user', 'name']],
    ['MAX_USERS', ['max', 'users']],
    ['HTTPServer', ['http', 'server']],
    ['getHTTPResponse', ['get', 'http', 'response']],
    ['parseJSON', ['parse', 'json']],
    ['base64Encode', ['base64', 'encode']],
    ['kebab-case-name', ['kebab', 'case', 'name']],
    ['$scope', ['scope']],
    ['x', ['x']],
    ['größeBerechnen', ['größe', 'berechnen']],
  ])('%s → %j', (name, parts) => {
    expect(identifierParts(name)).toEqual(parts);
  });

  it('the FTS text is the parts; the name key drops case and separators', () => {
    expect(expandedTokenText('parseUser')).toBe('parse user');
    expect(expandedTokenText('user')).toBe('user');
    expect(['parse_user', 'parseUser', 'ParseUser', 'parse-user'].map(nameKey)).toEqual(['parseuser', 'parseuser', 'parseuser', 'parseuser']);
    expect(nameKey('$')).toBe('$');
  });

  it('query tokens come from words and from identifiers alike', () => {
    expect(queryTokens('parse user')).toEqual(['parse', 'user']);
    expect(queryTokens('parseUser')).toEqual(['parse', 'user']);
    expect(queryTokens('  ')).toEqual([]);
  });

  it('FTS queries quote tokens so operators in user text cannot break the syntax', () => {
    expect(ftsMatchQuery(['a"b', 'OR', 'c*'])).toBe('"ab" AND "OR" AND "c"*');
    expect(ftsMatchQuery(['a', 'b'], 'OR', true, true)).toBe('"a"* OR "b"*');
    expect(ftsMatchQuery(['"*'])).toBeNull();
  });
});
