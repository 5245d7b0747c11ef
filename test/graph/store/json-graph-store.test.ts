/**
 * What only the JSON fallback has: the file format version check, recovery from an unreadable
 * file (the index is rebuilt, and openGraphStore says so), and writes that go through a rename.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { JSON_GRAPH_FORMAT_VERSION, JsonGraphStore } from '../../../server/graph/store/json-graph-store.js';
import { openGraphStore } from '../../../server/graph/store/open-graph-store.js';
import { isSmallCodeError } from '../../../server/core/errors.js';
import { file, sym } from './graph-fixtures.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

describe('JsonGraphStore', () => {
  const open = openedResources();
  let root: string;
  let path: string;
  beforeEach(() => {
    root = open.workspace(makeTempWorkspace({}, 'sc-jsonstore-')).root;
    mkdirSync(join(root, '.smallcode'));
    path = join(root, '.smallcode', 'graph.json');
  });

  it('refuses a file written by a newer format version', () => {
    writeFileSync(path, JSON.stringify({ format: 'smallcode-graph', version: JSON_GRAPH_FORMAT_VERSION + 1, nextId: 1, files: [], symbols: [], references: [] }));
    let caught: unknown;
    try {
      new JsonGraphStore(path);
    } catch (err) {
      caught = err;
    }
    expect(isSmallCodeError(caught, 'StoreFailed')).toBe(true);
    expect((caught as Error).message).toMatch(/newer than this SmallCode understands/);
  });

  it('rebuilds from nothing when the file is unreadable, and says so', () => {
    writeFileSync(path, '{"format": "smallcode-graph", "vers');
    const opened = openGraphStore(root, { prefer: 'json' });
    expect(opened.store.counts().files).toBe(0);
    expect(opened.reason).toMatch(/the JSON store was requested; .*graph.json was unreadable and is rebuilt/);
    opened.store.upsertFile(file('a.ts', [sym('a', 'function', 0)]));
    opened.store.close();
    expect(JSON.parse(readFileSync(path, 'utf8')).symbols).toHaveLength(1);
  });

  it('writes on flush through a temporary file that does not stay behind', () => {
    const store = new JsonGraphStore(path, 60_000);
    store.upsertFile(file('a.ts', [sym('a', 'function', 0)]));
    expect(existsSync(path)).toBe(false); // debounced: nothing written yet
    store.flush();
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(join(root, '.smallcode'))).toEqual(['graph.json']);
    store.close();
  });
});
