import { describe, expect, it } from 'vitest';
import { elapsedMs, median, percentile, ratio, summarize } from './stats';

describe('benchmark statistics', () => {
  it('takes the median of odd and even counts, unsorted input included', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('takes percentiles by nearest rank', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 100)).toBe(100);
    // With fewer than 100 samples the p99 is the largest one.
    expect(percentile([3, 1, 2], 99)).toBe(3);
    // 200 samples: rank ceil(0.99 × 200) = 198.
    expect(percentile(Array.from({ length: 200 }, (_, i) => i + 1), 99)).toBe(198);
    expect(percentile([10, 20, 30, 40], 25)).toBe(10);
    expect(percentile([10, 20, 30, 40], 26)).toBe(20);
  });

  it('refuses empty samples and percentiles out of range', () => {
    expect(() => median([])).toThrow();
    expect(() => percentile([], 99)).toThrow();
    expect(() => percentile([1], 0)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });

  it('summarises and divides by a floor', () => {
    expect(summarize([1, 2, 3, 4, 100])).toEqual({ n: 5, median: 3, p99: 100, max: 100 });
    expect(ratio(30, 20)).toBe(1.5);
    expect(ratio(30, 0)).toBeNull();
    expect(ratio(30, null)).toBeNull();
    expect(elapsedMs(1_000_000n, 3_500_000n)).toBe(2.5);
  });
});
