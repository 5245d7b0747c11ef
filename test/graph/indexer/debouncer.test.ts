import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from '../../../server/graph/indexer/debouncer.js';

describe('Debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs only the last action of a burst, once the key is quiet', () => {
    const d = new Debouncer<string>(100);
    const ran: string[] = [];
    d.schedule('a', () => ran.push('a1'));
    vi.advanceTimersByTime(60);
    d.schedule('a', () => ran.push('a2'));
    vi.advanceTimersByTime(60);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(ran).toEqual(['a2']);
    expect(d.size).toBe(0);
  });

  it('keeps keys independent and flushes or cancels on demand', () => {
    const d = new Debouncer<string>(100);
    const ran: string[] = [];
    d.schedule('a', () => ran.push('a'));
    d.schedule('b', () => ran.push('b'));
    d.schedule('c', () => ran.push('c'));
    d.flush('b');
    expect(ran).toEqual(['b']);
    d.cancel('c');
    expect(d.has('c')).toBe(false);
    d.flush();
    expect(ran).toEqual(['b', 'a']);
    vi.advanceTimersByTime(500);
    expect(ran).toEqual(['b', 'a']);
    d.schedule('x', () => ran.push('x'));
    d.dispose();
    vi.advanceTimersByTime(500);
    expect(ran).toEqual(['b', 'a']);
  });
});
