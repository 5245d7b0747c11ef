/** Token accounting per call and in total, shaped as the smallcode/tokens answer. */
import { describe, expect, it } from 'vitest';
import { TokensResult } from '../../../protocol-ext/stats.js';
import { TokenLedger } from '../../../server/model/budget/token-ledger.js';

describe('TokenLedger', () => {
  it('records calls and totals per task and overall', () => {
    const l = new TokenLedger();
    l.record({ taskId: 't1', model: 'qwen3:8b', purpose: 'act', prompt: 1000, completion: 200, estimated: false, at: '2026-01-01T00:00:00.000Z' });
    l.record({ taskId: 't1', model: 'qwen3:8b', purpose: 'summarise', prompt: 500, completion: 100, estimated: true });
    l.record({ taskId: 't2', model: 'qwen3:8b', purpose: 'act', prompt: 10, completion: 1, estimated: false });
    expect(l.totals('t1')).toEqual({ prompt: 1500, completion: 300, calls: 2 });
    expect(l.totals()).toEqual({ prompt: 1510, completion: 301, calls: 3 });
    expect(l.totals('none')).toEqual({ prompt: 0, completion: 0, calls: 0 });
    const r = l.toResult('t1');
    expect(TokensResult.parse(r)).toEqual(r);
    expect(r.calls.map((c) => c.purpose)).toEqual(['act', 'summarise']);
    expect(r.calls[1]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('keeps totals when old calls fall out of a bounded ledger', () => {
    const l = new TokenLedger(2);
    for (let i = 0; i < 5; i++) l.record({ taskId: 't', model: 'm', purpose: 'act', prompt: 10, completion: 1, estimated: false });
    expect(l.calls()).toHaveLength(2);
    expect(l.totals('t')).toEqual({ prompt: 50, completion: 5, calls: 5 });
  });

  it('rounds and floors numbers so the answer stays integral', () => {
    const l = new TokenLedger();
    l.record({ taskId: 't', model: 'm', purpose: 'act', prompt: 10.6, completion: -3, estimated: true });
    expect(l.calls()[0]).toMatchObject({ prompt: 11, completion: 0 });
  });
});
