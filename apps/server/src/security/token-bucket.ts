import type { RateLimit } from './server-limits';

/**
 * A token bucket: `burst` tokens, refilled at `perSecond`. take() is O(1) and allocates nothing: it runs
 * on every socket event, on the live path.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly burst: number;
  private readonly perMs: number;

  constructor(limit: RateLimit, now: number) {
    this.burst = limit.burst;
    this.perMs = limit.perSecond / 1000;
    this.tokens = limit.burst;
    this.last = now;
  }

  /** Takes a token and returns 0, or takes nothing and returns how many ms until one is there. */
  take(now: number): number {
    const tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    if (tokens >= 1) {
      this.tokens = tokens - 1;
      return 0;
    }
    this.tokens = tokens;
    return Math.max(1, Math.ceil((1 - tokens) / this.perMs));
  }

  /** Whether the bucket is full at `now` (it can then be forgotten: a new one would be the same). */
  isFull(now: number): boolean {
    return this.level(now) >= this.burst;
  }

  /** The tokens there are at `now` (fractional), without taking any. */
  level(now: number): number {
    return Math.min(this.burst, this.tokens + (now - this.last) * this.perMs);
  }
}

/**
 * Token buckets per key (a device, an address), bounded: when there are too many keys, the full buckets
 * (whose keys are indistinguishable from new ones) are forgotten first, then the oldest.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = 10_000,
  ) {}

  /** 0 when the key may go ahead (a token is taken), otherwise how many ms it must wait. */
  take(key: string, now: number): number {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      bucket = new TokenBucket(this.limit, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(now: number): void {
    makeRoom(this.buckets, this.maxKeys, (bucket) => bucket.isFull(now));
  }
}

/**
 * Brings a bounded map of per-key state below `maxKeys`: first forgets the entries that are `idle` (the same
 * as a new one would be), then the oldest (a Map iterates in insertion order).
 */
export function makeRoom<V>(entries: Map<string, V>, maxKeys: number, idle: (value: V) => boolean): void {
  for (const [key, value] of entries) if (idle(value)) entries.delete(key);
  for (const key of entries.keys()) {
    if (entries.size < maxKeys) break;
    entries.delete(key);
  }
}
