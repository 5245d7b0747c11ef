import { describe, expect, it } from 'vitest';
import { findFilesTool } from '../../server/tools/find-files.js';
import { ToolRegistry } from '../../server/tools/registry.js';
import { tempWorkspace, toolContext } from './tool-test-context.js';

const root = tempWorkspace({
  '.gitignore': 'dist/\n',
  'src/index.ts': '',
  'src/util/strings.ts': '',
  'src/util/strings.test.ts': '',
  'src/App.tsx': '',
  'dist/index.js': '',
  'node_modules/x/index.ts': '',
  '.eslintrc.json': '',
  'README.md': '',
  'test/strings.test.ts': '',
});

async function find(args: Record<string, unknown>) {
  return new ToolRegistry([findFilesTool]).dispatch('find_files', args, toolContext(root));
}

function listed(output: string): string[] {
  return output.split('\n').slice(1).filter((l) => l && !l.startsWith('['));
}

describe('find_files', () => {
  it('matches a name pattern at any depth, sorted, ignoring gitignored and vendored files', async () => {
    const r = await find({ pattern: '*.ts' });
    expect(listed(r.output)).toEqual(['src/index.ts', 'src/util/strings.test.ts', 'src/util/strings.ts', 'test/strings.test.ts']);
    expect(r.output.split('\n')[0]).toBe('4 files match "*.ts" in the workspace:');
  });

  it('matches path globs and braces', async () => {
    expect(listed((await find({ pattern: 'src/**/*.{ts,tsx}' })).output)).toEqual(['src/App.tsx', 'src/index.ts', 'src/util/strings.test.ts', 'src/util/strings.ts']);
    expect(listed((await find({ pattern: '**/*.test.ts' })).output)).toEqual(['src/util/strings.test.ts', 'test/strings.test.ts']);
  });

  it('limits to a folder', async () => {
    expect(listed((await find({ pattern: '*.ts', path: 'src/util' })).output)).toEqual(['src/util/strings.test.ts', 'src/util/strings.ts']);
  });

  it('lists dot-files only when the pattern asks for them', async () => {
    expect(listed((await find({ pattern: '*.json' })).output)).toEqual([]);
    expect(listed((await find({ pattern: '.eslintrc*' })).output)).toEqual(['.eslintrc.json']);
  });

  it('retries a plain word as a substring and says so', async () => {
    const r = await find({ pattern: 'strings' });
    expect(r.output).toContain('no exact match; showing paths containing "strings"');
    expect(listed(r.output)).toEqual(['src/util/strings.test.ts', 'src/util/strings.ts', 'test/strings.test.ts']);
  });

  it('lists everything under a folder given as "src/"', async () => {
    expect(listed((await find({ pattern: 'src/util/' })).output)).toEqual(['src/util/strings.test.ts', 'src/util/strings.ts']);
  });

  it('caps the list and says how many more there are', async () => {
    const r = await find({ pattern: '*', max_results: 2 });
    expect(listed(r.output)).toEqual(['README.md', 'src/App.tsx']);
    expect(r.output).toContain('[4 more not shown;');
  });

  it('says clearly when nothing matches', async () => {
    const r = await find({ pattern: '*.rs' });
    expect(r.ok).toBe(true);
    expect(r.output).toMatch(/^No files match "\*\.rs" in the workspace \(6 files checked\)/);
  });
});
