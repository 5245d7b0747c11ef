/** Two-stage tool routing: the stage-1 tool, the per-category lists and lenient parsing of the choice. */
import { describe, expect, it } from 'vitest';
import { parseCategoryChoice, routeTools, type CategorisedTool } from '../../../server/model/budget/tool-routing.js';

const def = (name: string) => ({ name, description: `${name} tool`, parameters: { type: 'object', properties: {} } });
const tools: CategorisedTool[] = [
  { definition: def('read_file'), category: 'read' },
  { definition: def('list_files'), category: 'read' },
  { definition: def('edit_file'), category: 'write' },
  { definition: def('grep'), category: 'search' },
  { definition: def('bash'), category: 'run' },
];

describe('routeTools', () => {
  it('routes at 16k and below, and not above', () => {
    expect(routeTools(tools, 16_384).enabled).toBe(true);
    expect(routeTools(tools, 8192).enabled).toBe(true);
    expect(routeTools(tools, 32_768).enabled).toBe(false);
  });

  it('offers only non-empty categories in the stage-1 tool', () => {
    const r = routeTools(tools, 8192);
    expect(r.categories).toEqual(['read', 'write', 'search', 'run']);
    expect(r.stage1Tool.name).toBe('choose_category');
    expect((r.stage1Tool.parameters as { properties: { category: { enum: string[] } } }).properties.category.enum).toEqual(['read', 'write', 'search', 'run']);
    expect(r.stage1Tool.description).toContain('read_file, list_files');
    expect(r.byCategory.read.map((d) => d.name)).toEqual(['read_file', 'list_files']);
    expect(r.byCategory.plan).toEqual([]);
  });

  it('does not route when only one category exists', () => {
    expect(routeTools([tools[0]!, tools[1]!], 4096).enabled).toBe(false);
  });
});

describe('parseCategoryChoice', () => {
  const routed = routeTools(tools, 8192);
  it.each([
    ['a native call', { id: 'c', type: 'function' as const, function: { name: 'choose_category', arguments: '{"category":"search"}' } }, 'search'],
    ['a parsed call', { name: 'choose_category', arguments: { category: 'run' } }, 'run'],
    ['a call with a bare-word argument', { id: 'c', type: 'function' as const, function: { name: 'choose_category', arguments: 'write' } }, 'write'],
    ['one word', 'read', 'read'],
    ['a word with punctuation and case', '**Search**.', 'search'],
    ['JSON in text', 'Sure: {"category": "write"}', 'write'],
    ['a sentence with a synonym', 'I need to edit the parser.', 'write'],
    ['a tool name', 'I will use grep next', 'search'],
    ['an answer after reasoning', '<think>maybe read, maybe run</think>run', 'run'],
  ])('reads %s', (_name, input, expected) => {
    const r = parseCategoryChoice(input, routed);
    expect(r).toMatchObject({ ok: true, category: expected });
  });

  it('refuses to guess between two categories', () => {
    const r = parseCategoryChoice('either read or search', routed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/several kinds \(read, search\)/);
  });

  it('refuses a category that has no tools and explains what to send', () => {
    const r = parseCategoryChoice('plan', routed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('read, write, search, run');
  });

  it('refuses empty and unrelated answers', () => {
    expect(parseCategoryChoice('', routed).ok).toBe(false);
    expect(parseCategoryChoice(null, routed).ok).toBe(false);
    expect(parseCategoryChoice('hello there', routed).ok).toBe(false);
  });
});
