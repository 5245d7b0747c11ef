/** The relevance/recency blend on its own (pure). */
import { describe, expect, it } from 'vitest';
import { DAY_MS, rankRecall, recallTokens, recency, relevance, stem } from '../../server/memory/recall-rank.js';

describe('recall ranking', () => {
  it('drops stop words unless nothing else is left', () => {
    expect(recallTokens('how are the tool calls parsed?')).toEqual(['tool', 'call', 'pars']);
    expect(recallTokens('the')).toEqual(['the']);
  });

  it('stems common endings but keeps at least four letters', () => {
    expect(['parsed', 'parser', 'calls', 'running', 'uses', 'test'].map(stem)).toEqual(['pars', 'pars', 'call', 'runn', 'uses', 'test']);
  });

  it('relevance is the share of query words that start a word of the text', () => {
    expect(relevance(['tool', 'pars'], 'Tool calls are parsed')).toBe(1);
    expect(relevance(['tool', 'yaml'], 'Tool calls are parsed')).toBe(0.5);
    expect(relevance([], 'anything')).toBe(0);
  });

  it('recency halves every half-life', () => {
    expect(recency(0, 30 * DAY_MS, 30)).toBeCloseTo(0.5, 9);
    expect(recency(10, 0, 30)).toBe(1);
  });

  it('relevance outweighs recency, recency breaks ties', () => {
    const now = 100 * DAY_MS;
    const items = [
      { id: 1, createdAt: now, text: 'tool' }, // half relevant, brand new
      { id: 2, createdAt: now - 90 * DAY_MS, text: 'tool yaml' }, // fully relevant, old
      { id: 3, createdAt: now - DAY_MS, text: 'tool yaml' }, // fully relevant, recent
      { id: 4, createdAt: now, text: 'nothing' },
    ];
    expect(rankRecall(['tool', 'yaml'], items, (i) => i.text, now, 30).map((r) => r.item.id)).toEqual([3, 2, 1]);
  });
});
