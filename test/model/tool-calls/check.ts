/**
 * The one helper every parser case goes through: runs parseToolCalls on a case and asserts the calls,
 * the absence of calls, or the error text. Case tables live in cases/*.ts as plain data.
 */
import { expect } from 'vitest';
import { parseToolCalls, type ParseResult } from '../../../server/model/tool-calls/parse-tool-calls.js';
import { TOOLS } from './tools.js';
import type { ParserCase } from './case-types.js';

export { call, type ParserCase, type ExpectedCall, type Expectation } from './case-types.js';

export function check(c: ParserCase): ParseResult {
  const result = parseToolCalls(c.text, c.tools ?? TOOLS, c.reasoning !== undefined ? { reasoning: c.reasoning } : {});
  const e = c.expect;
  if ('none' in e) {
    expect(result.calls, 'no call may be recovered').toEqual([]);
    expect(result.error, 'no error for text that is not a call').toBeUndefined();
  } else if ('error' in e) {
    expect(result.error ?? '', 'error text').toMatch(e.error);
    expect(result.calls).toEqual(e.calls ?? []);
  } else {
    expect(result.calls).toEqual(e.calls);
    expect(result.error, 'no error when every call was recovered').toBeUndefined();
    if (e.repairs) expect(result.repairs.join('\n')).toMatch(e.repairs);
  }
  return result;
}
