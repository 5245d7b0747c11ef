/**
 * 1 MB adversarial inputs (unbalanced braces and quotes, thousands of unclosed tags, deep nesting,
 * a real call buried at the end) must come back as a well-formed result. No timing assertions here:
 * speed is measured in bench/parser.ts.
 */
import { describe, expect, test } from 'vitest';
import { parseToolCalls } from '../../../server/model/tool-calls/parse-tool-calls.js';
import { TOOLS } from './tools.js';

const MB = 1 << 20;

function fill(unit: string, size = MB): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const ADVERSARIAL: [string, string][] = [
  ['open braces', fill('{')],
  ['open brackets and braces', fill('[{')],
  ['unterminated keys', fill('{"a')],
  ['nested objects never closed', fill('{"a":')],
  ['quotes only', fill('"')],
  ['quote comma soup', fill('",')],
  ['unclosed tool_call tags', fill('<tool_call>')],
  ['tool_call tags with half JSON', fill('<tool_call>{"name": "read_file", "arguments": {"path": "')],
  ['unclosed fences', fill('```json\n{')],
  ['think tags never closed', fill('<think>x')],
  ['tool-named XML tags never closed', fill('<read_file><path>')],
  ['pythonic calls never closed', fill('read_file(path="')],
  ['ReAct lines', fill('Action: bash\nAction Input: {"command": "')],
  ['angle brackets', fill('<<<<a')],
  ['tens of thousands of distinct XML calls', Array.from({ length: 40_000 }, (_, i) => `<read_file><path>f${i}.ts</path></read_file>`).join('\n').slice(0, MB)],
  ['tens of thousands of distinct JSON calls', Array.from({ length: 20_000 }, (_, i) => `{"name": "bash", "arguments": {"command": "echo ${i}"}}`).join('\n').slice(0, MB)],
  ['backslashes in a string', '{"name": "bash", "arguments": {"command": "' + fill('\\', MB - 60)],
];

describe('1 MB adversarial inputs', () => {
  for (const [name, text] of ADVERSARIAL) {
    test(`${name}: result is well-formed`, () => {
      const r = parseToolCalls(text, TOOLS);
      expect(Array.isArray(r.calls)).toBe(true);
      expect(Array.isArray(r.repairs)).toBe(true);
      for (const c of r.calls) expect(TOOLS.map((t) => t.name)).toContain(c.name);
      expect(r.calls.length).toBeLessThanOrEqual(64);
    });
  }

  test('a real call after 1 MB of prose is still found', () => {
    const text = fill('This is a long explanation of the code. ') + '\n<tool_call>{"name": "read_file", "arguments": {"path": "end.ts"}}</tool_call>';
    expect(parseToolCalls(text, TOOLS).calls).toEqual([{ name: 'read_file', arguments: { path: 'end.ts' } }]);
  });

  test('a 1 MB file content inside a write_file call survives intact', () => {
    const content = fill('line of code with "quotes" and {braces}\n');
    const text = `<tool_call>{"name": "write_file", "arguments": {"path": "big.txt", "content": ${JSON.stringify(content)}}}</tool_call>`;
    const r = parseToolCalls(text, TOOLS);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]!.arguments.content).toBe(content);
  });
});
