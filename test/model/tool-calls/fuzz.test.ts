/**
 * Property tests: random text, random mutations of real case texts, and random fragment soups never
 * make parseToolCalls throw, and the result always has a valid shape (calls only to offered tools,
 * object arguments, string repairs, error a non-empty string when present).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseToolCalls, type ParseResult } from '../../../server/model/tool-calls/parse-tool-calls.js';
import { TOOLS } from './tools.js';
import { JSON_CASES } from './cases/json.js';
import { WRAPPER_CASES } from './cases/wrappers.js';
import { PYTHONIC_XML_YAML_CASES } from './cases/pythonic-xml-yaml.js';
import { REPAIR_CASES } from './cases/repairs.js';
import { REASONING_CASES } from './cases/reasoning.js';

const NAMES = new Set(TOOLS.map((t) => t.name));
const SEEDS = [...JSON_CASES, ...WRAPPER_CASES, ...PYTHONIC_XML_YAML_CASES, ...REPAIR_CASES, ...REASONING_CASES].map((c) => c.text);

const FRAGMENTS = [
  '<tool_call>', '</tool_call>', '{', '}', '[', ']', '"', "'", ':', ',', '\n', '```', '```json\n', '```bash\n',
  '<think>', '</think>', '<|python_tag|>', '[TOOL_CALLS]', '<function=read_file>', '</function>', '<parameter=path>',
  '</parameter>', '"name": "read_file"', '"arguments": {', '"path": "a.ts"', 'read_file(', 'path="x")', '\\', '\\"',
  '<read_file>', '<path>', '</path>', 'Action: bash\n', 'Action Input: ', '<|tool_call_start|>[', ']<|tool_call_end|>',
  'to=functions.bash<|message|>', '<|call|>', '# ', '//', '/*', '*/', 'True', 'None', '\u0000', '😀', 'İ',
];

function assertShape(r: ParseResult): void {
  expect(Array.isArray(r.calls)).toBe(true);
  expect(Array.isArray(r.repairs)).toBe(true);
  for (const c of r.calls) {
    expect(NAMES.has(c.name)).toBe(true);
    expect(typeof c.arguments).toBe('object');
    expect(c.arguments).not.toBeNull();
    expect(Array.isArray(c.arguments)).toBe(false);
  }
  for (const rep of r.repairs) expect(typeof rep).toBe('string');
  if (r.error !== undefined) {
    expect(typeof r.error).toBe('string');
    expect(r.error.length).toBeGreaterThan(0);
  }
}

const mutated = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 6 })), { maxLength: 6 }))
  .map(([seed, edits]) => {
    let s = seed;
    for (const [at, del, ins] of edits) {
      const i = s.length === 0 ? 0 : at % s.length;
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });

const soup = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 5 })), { maxLength: 40 }).map((xs) => xs.join(''));

describe('parseToolCalls never throws and always returns a valid shape', () => {
  test('on arbitrary unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => assertShape(parseToolCalls(s, TOOLS))), { numRuns: 400 });
  });

  test('on mutated real model outputs', () => {
    fc.assert(fc.property(mutated, (s) => assertShape(parseToolCalls(s, TOOLS))), { numRuns: 800 });
  });

  test('on soups of call-format fragments', () => {
    fc.assert(fc.property(soup, (s) => assertShape(parseToolCalls(s, TOOLS))), { numRuns: 800 });
  });

  test('with the soup also given as reasoning_content', () => {
    fc.assert(fc.property(soup, (s) => assertShape(parseToolCalls('', TOOLS, { reasoning: s }))), { numRuns: 300 });
  });

  test('malformed tool definitions are skipped, never thrown on', () => {
    const junk = [null, 42, { name: '' }, { name: 'bash' }, { name: 'read_file', parameters: 'nope' }, { name: 'patch', parameters: { properties: null, required: 'path' } }] as unknown as typeof TOOLS;
    fc.assert(
      fc.property(fc.oneof(soup, mutated), (s) => {
        const r = parseToolCalls(s, junk);
        for (const c of r.calls) expect(['bash', 'read_file', 'patch']).toContain(c.name);
      }),
      { numRuns: 300 },
    );
    expect(parseToolCalls('<tool_call>{"name": "bash", "arguments": {"cmd": "ls"}}</tool_call>', junk).calls).toEqual([{ name: 'bash', arguments: { cmd: 'ls' } }]);
  });

  test('returns nothing at all for any input when no tools are offered', () => {
    fc.assert(
      fc.property(fc.oneof(soup, mutated), (s) => {
        expect(parseToolCalls(s, [])).toEqual({ calls: [], repairs: [] });
      }),
      { numRuns: 300 },
    );
  });
});
