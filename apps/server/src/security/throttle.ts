/**
 * Counts failures per key (a user name, an address) and, past a few free tries, makes the key wait:
 * 1 s, 2 s, 4 s ... up to a cap. Failures are forgotten after a quiet period, and a success clears
 * its key. In memory: a restart forgets, which only gives an attacker a few more tries per restart.
 */
export interface ThrottleOptions {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/** Bounded: a flood of distinct keys (spoofed names) cannot grow memory without limit. */
const MAX_KEYS = 10_000;

export class AttemptThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: ThrottleOptions,
    private readonly clock: () => number,
  ) {}

  /** 0 when the key may try now, otherwise how many ms it must wait. */
  waitMs(key: string): number {
    const entry = this.current(key);
    return entry ? Math.max(0, entry.blockedUntil - this.clock()) : 0;
  }

  /** The longest wait among keys (e.g. the user name and the address of one login). */
  waitMsAny(keys: readonly string[]): number {
    return Math.max(0, ...keys.map((k) => this.waitMs(k)));
  }

  failed(key: string): void {
    const now = this.clock();
    const entry = this.current(key) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 };
    entry.failures++;
    entry.lastFailureAt = now;
    const over = entry.failures - this.options.freeAttempts;
    if (over > 0) entry.blockedUntil = now + Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(over - 1, 30));
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_KEYS) this.prune(now);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.clock() - entry.lastFailureAt > this.options.forgetAfterMs && this.clock() >= entry.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailureAt > this.options.forgetAfterMs && now >= entry.blockedUntil) this.entries.delete(key);
    }
    // Still too many: drop the oldest (Map keeps insertion order, and failed() re-inserts on every failure).
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_KEYS) break;
      this.entries.delete(key);
    }
  }
}

/** "Too many attempts; try again in 8 s" — the client shows it as is. */
export function retryMessage(what: string, waitMs: number): string {
  return `Too many ${what}; try again in ${Math.ceil(waitMs / 1000)} s`;
}
