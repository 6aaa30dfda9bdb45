import { describe, expect, it } from 'vitest';
import { KeyedBuckets, TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then refuses with the wait until the next token', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 10 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(100);
    expect(bucket.take(40)).toBe(60);
    expect(bucket.take(100)).toBe(0);
    expect(bucket.take(100)).toBe(100);
  });

  it('refills at its rate up to the burst, never beyond', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.isFull(1000)).toBe(false);
    expect(bucket.isFull(2000)).toBe(true);
    const taken = [0, 0, 0].map(() => bucket.take(60_000));
    expect(taken).toEqual([0, 0, 1000]);
  });
});

describe('KeyedBuckets', () => {
  it('keeps one bucket per key', () => {
    const buckets = new KeyedBuckets({ burst: 1, perSecond: 1 });
    expect(buckets.take('kiosk-1', 0)).toBe(0);
    expect(buckets.take('kiosk-1', 0)).toBe(1000);
    expect(buckets.take('kiosk-2', 0)).toBe(0);
  });

  it('stays bounded under a flood of keys, forgetting full buckets first', () => {
    const buckets = new KeyedBuckets({ burst: 2, perSecond: 1 }, 100);
    buckets.take('busy', 0);
    buckets.take('busy', 0);
    for (let i = 0; i < 1000; i++) buckets.take(`address-${i}`, 0);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });
});
