/** The split of a window between sections and the smallcode/budget report. */
import { describe, expect, it } from 'vitest';
import { BudgetResult } from '../../../protocol-ext/stats.js';
import { DEFAULT_SHARES, defaultReserve, splitBudget, toBudgetResult } from '../../../server/model/budget/budget-split.js';

describe('splitBudget', () => {
  const sections = [
    { name: 'system', need: 800 },
    { name: 'tools', need: 1200 },
    { name: 'task', need: 300, maxShare: DEFAULT_SHARES.task },
    { name: 'repoMap', need: 5000, maxShare: DEFAULT_SHARES.repoMap },
    { name: 'memory', need: 0, maxShare: DEFAULT_SHARES.memory },
  ];

  it('gives fixed sections what they need, caps the others, and the rest to history', () => {
    const r = splitBudget({ window: 16_384, reserve: 2048, sections });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const by = Object.fromEntries(r.allocations.map((a) => [a.name, a]));
    expect(by.system!.tokens).toBe(800);
    expect(by.task).toEqual({ name: 'task', tokens: 300, cut: false });
    expect(by.repoMap!.tokens).toBe(Math.floor(0.12 * 14_336));
    expect(by.repoMap!.cut).toBe(true);
    expect(by.memory!.tokens).toBe(0);
    // Unused shares (memory, the rest of task's) go to history.
    expect(r.history).toBe(14_336 - 800 - 1200 - 300 - by.repoMap!.tokens);
    expect(r.allocations.map((a) => a.name)).toEqual(['system', 'tools', 'task', 'repoMap', 'memory']);
  });

  it('scales capped sections down when the fixed ones leave too little', () => {
    const r = splitBudget({ window: 3000, reserve: 500, sections: [{ name: 'system', need: 2000 }, { name: 'a', need: 1000, maxShare: 0.5 }, { name: 'b', need: 1000, maxShare: 0.5 }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const total = r.allocations.reduce((n, a) => n + a.tokens, 0);
    expect(total).toBeLessThanOrEqual(2500);
    expect(r.history).toBeGreaterThanOrEqual(0);
  });

  it('fails with a reason when the fixed sections do not fit', () => {
    const r = splitBudget({ window: 2000, reserve: 500, sections: [{ name: 'system', need: 1000 }, { name: 'tools', need: 1000 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/system, tools/);
  });

  it('picks a reserve suited to the window', () => {
    expect(defaultReserve(2048)).toBe(409);
    expect(defaultReserve(131_072)).toBe(4096);
    expect(defaultReserve(600)).toBe(150);
  });
});

describe('toBudgetResult', () => {
  it('produces a valid smallcode/budget answer with percents of the window', () => {
    const r = toBudgetResult('qwen3:8b', 8192, [{ name: 'system', tokens: 819.2 }, { name: 'history', tokens: 4096 }, { name: 'reserve', tokens: 1024 }]);
    expect(BudgetResult.parse(r)).toEqual(r);
    expect(r.sections[1]!.percent).toBe(50);
    expect(r.used).toBe(819 + 4096);
  });
});
