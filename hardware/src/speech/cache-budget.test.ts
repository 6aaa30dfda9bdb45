import { describe, expect, it } from 'vitest';
import { CacheBudget } from './cache-budget';

describe('the speech cache budget', () => {
  it('gives back the least recently used files past the budget, and keeps the rest', () => {
    const budget = new CacheBudget(100);
    budget.used('a.wav', 40);
    budget.used('b.wav', 40);
    expect(budget.overBudget()).toEqual([]);
    budget.used('c.wav', 40);
    expect(budget.overBudget()).toEqual(['a.wav']);
    expect(budget.bytes).toBe(80);
    expect(budget.count).toBe(2);
  });

  it('counts a use as recent: a file read again outlives one made after it', () => {
    const budget = new CacheBudget(100);
    budget.used('a.wav', 40);
    budget.used('b.wav', 40);
    budget.used('a.wav', 40);
    budget.used('c.wav', 40);
    expect(budget.overBudget()).toEqual(['b.wav']);
  });

  it('keeps the file used last even when it alone is over the budget', () => {
    const budget = new CacheBudget(100);
    budget.used('a.wav', 30);
    budget.used('huge.wav', 500);
    expect(budget.overBudget()).toEqual(['a.wav']);
    expect(budget.overBudget()).toEqual([]);
    expect(budget.bytes).toBe(500);
  });

  it('forgets a file deleted by the age-based prune, so it is not counted or given back', () => {
    const budget = new CacheBudget(100);
    budget.used('a.wav', 60);
    budget.used('b.wav', 30);
    budget.removed('a.wav');
    budget.removed('never-seen.wav');
    budget.used('c.wav', 60);
    expect(budget.overBudget()).toEqual([]);
    expect(budget.bytes).toBe(90);
  });
});
