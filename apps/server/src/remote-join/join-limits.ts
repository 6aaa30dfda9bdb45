/**
 * Remote tickets taken per key (a network address, a phone) within a sliding window, in memory and bounded:
 * a restart forgets (a customer's allowance starts over; the proof of work still bounds a machine's rate).
 * Each key counts ticket ids, so the retry of a request that got its ticket is not counted twice.
 */
export class JoinLimits {
  private readonly byKey = new Map<string, { ticketId: string; at: number }[]>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** 0 when the key may take another ticket now (fewer than `max` in the window), else how many ms to wait. */
  waitMs(key: string, max: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < max) return 0;
    return recent[recent.length - max]!.at + this.windowMs - now;
  }

  record(key: string, ticketId: string, now: number): void {
    const recent = this.recent(key, now);
    if (recent.some((r) => r.ticketId === ticketId)) return;
    this.byKey.delete(key);
    this.byKey.set(key, [...recent, { ticketId, at: now }]);
    // Too many keys: the least recently recorded go first (Map keeps insertion order; record re-inserts).
    for (const k of this.byKey.keys()) {
      if (this.byKey.size <= this.maxKeys) break;
      this.byKey.delete(k);
    }
  }

  private recent(key: string, now: number): { ticketId: string; at: number }[] {
    return (this.byKey.get(key) ?? []).filter((r) => now - r.at < this.windowMs);
  }
}
