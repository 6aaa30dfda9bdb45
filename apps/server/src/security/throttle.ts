/**
 * Counts failures per key (an address, a username at an address) and, past a few free tries, makes the
 * key wait: 1 s, 2 s, 4 s ... up to a cap. Failures are forgotten after a quiet period, and a success clears
 * its key. In memory: a restart forgets, which only gives an attacker a few more tries per restart.
 */
export interface ThrottleOptions {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
  /** At most this many keys are remembered (default MAX_KEYS); past it the least recently failed go first. */
  maxKeys?: number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/**
 * Bounded: a flood of distinct keys (many usernames, many addresses) cannot grow memory without limit.
 * An entry is about 200 bytes with its key, so a full table is about 2 MB. The entries evicted are the
 * least recently failed: a key still failing is re-inserted on every failure and stays.
 */
export const MAX_KEYS = 10_000;

export class AttemptThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly maxKeys: number;

  constructor(
    private readonly options: ThrottleOptions,
    private readonly clock: () => number,
  ) {
    this.maxKeys = options.maxKeys ?? MAX_KEYS;
  }

  /** How many keys are remembered now. */
  get size(): number {
    return this.entries.size;
  }

  /** 0 when the key may try now, otherwise how many ms it must wait. */
  waitMs(key: string): number {
    const entry = this.current(key);
    return entry ? Math.max(0, entry.blockedUntil - this.clock()) : 0;
  }

  /** The longest wait among keys (e.g. the address and the username at that address of one login). */
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
    if (this.entries.size > this.maxKeys) this.prune(now);
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
    // Still too many: drop the least recently failed (Map keeps insertion order, and failed() re-inserts).
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}

/**
 * Guessing throttled per address and per (username, address), never per username alone: failures
 * from one address never stop the right password from another, so no stranger can lock a person out.
 */
export class PerAddressThrottle {
  private readonly byAddress: AttemptThrottle;
  private readonly byUserAtAddress: AttemptThrottle;

  constructor(options: { address: ThrottleOptions; userAtAddress: ThrottleOptions }, clock: () => number) {
    this.byAddress = new AttemptThrottle(options.address, clock);
    this.byUserAtAddress = new AttemptThrottle(options.userAtAddress, clock);
  }

  waitMs(user: string, address: string): number {
    return Math.max(this.byAddress.waitMs(address), this.byUserAtAddress.waitMs(userAtAddress(user, address)));
  }

  failed(user: string, address: string): void {
    this.byAddress.failed(address);
    this.byUserAtAddress.failed(userAtAddress(user, address));
  }

  /** The user got in from this address: their own count there starts over (the address's stays). */
  succeeded(user: string, address: string): void {
    this.byUserAtAddress.succeeded(userAtAddress(user, address));
  }
}

function userAtAddress(user: string, address: string): string {
  return `${user.toLowerCase()}\u0000${address}`;
}

/** "Too many attempts; try again in 8 s" — the client shows it as is. */
export function retryMessage(what: string, waitMs: number): string {
  return `Too many ${what}; try again in ${Math.ceil(waitMs / 1000)} s`;
}
