import { makeRoom, TokenBucket } from '../security/token-bucket';
import type { RateLimit, ServerLimits } from '../security/server-limits';

type RefusalPolicy = Pick<ServerLimits, 'disconnectAfterRefusals' | 'refusalWindowMs'>;

/**
 * One socket's admission of events: a token bucket sized for its role for every event, a smaller one for the
 * events that enter the command path (each costs a transaction, and when it changes something a message to
 * every screen), and a count of refusals. A client
 * that waits as told (retryAfterMs) is refused about once per wait; one that keeps sending regardless
 * passes `disconnectAfterRefusals` within the window and is cut off. O(1) and allocation-free per event.
 */
export class EventGuard {
  private readonly events: TokenBucket;
  private readonly commands: TokenBucket;
  private refusals = 0;
  private windowStart: number;

  constructor(
    readonly rates: { events: RateLimit; commands: RateLimit },
    private readonly policy: RefusalPolicy,
    now: number,
  ) {
    this.events = new TokenBucket(rates.events, now);
    this.commands = new TokenBucket(rates.commands, now);
    this.windowStart = now;
  }

  /**
   * 0: handle the event. Otherwise the event is refused and this says how many ms to wait. `command`: the
   * event enters the command path (anything but `sync:request`), so it takes from both buckets.
   */
  admit(now: number, command: boolean): number {
    let wait = this.events.take(now);
    // A command refused by its own bucket still spent an event token: a flood pays for every event it sends.
    if (wait === 0 && command) wait = this.commands.take(now);
    if (wait === 0) return 0;
    if (now - this.windowStart > this.policy.refusalWindowMs) {
      this.windowStart = now;
      this.refusals = 0;
    }
    this.refusals++;
    return wait;
  }

  /** The socket went on past the refusals it was allowed: it is to be disconnected. */
  get exhausted(): boolean {
    return this.refusals > this.policy.disconnectAfterRefusals;
  }

  /**
   * Whether this guard leaves its credential less room than `other` at `now`: more refusals that still count,
   * or else fewer event tokens. Of two sockets of one credential, the one that spent more decides what the
   * next socket gets.
   */
  isMoreSpentThan(other: EventGuard, now: number): boolean {
    const mine = this.countingRefusals(now);
    const theirs = other.countingRefusals(now);
    if (mine !== theirs) return mine > theirs;
    return this.events.level(now) < other.events.level(now);
  }

  private countingRefusals(now: number): number {
    return now - this.windowStart <= this.policy.refusalWindowMs ? this.refusals : 0;
  }

  /** Full buckets and no refusals that still count: a new guard would be the same, so this one can be forgotten. */
  isSettled(now: number): boolean {
    return this.countingRefusals(now) === 0 && this.events.isFull(now) && this.commands.isFull(now);
  }
}

/**
 * The guards of closed sockets, by credential, until they settle (at most `maxKeys`; settled ones are
 * forgotten first, then the oldest). A client that disconnects and connects again, by accident or in a loop
 * to get a fresh burst, continues with the budget and refusals its last socket left: a reconnect loop
 * spends the same tokens as the events it would have sent, and is cut off the same way.
 */
export class LeftGuards {
  private readonly guards = new Map<string, EventGuard>();

  constructor(private readonly maxKeys = 10_000) {}

  /**
   * A socket of this credential closed: its guard is kept unless it had nothing left to remember. When another
   * socket of the credential left one already, the more spent of the two stays: closing an idle second socket
   * last must not wipe out what a flooding first one spent.
   */
  keep(credential: string, guard: EventGuard, now: number): void {
    const earlier = this.guards.get(credential);
    if (earlier && !guard.isMoreSpentThan(earlier, now)) return;
    this.guards.delete(credential);
    if (guard.isSettled(now)) return;
    if (this.guards.size >= this.maxKeys) makeRoom(this.guards, this.maxKeys, (left) => left.isSettled(now));
    this.guards.set(credential, guard);
  }

  /** The guard a closed socket of this credential left, if it still matters; it is the caller's from now on. */
  take(credential: string, now: number): EventGuard | undefined {
    const guard = this.guards.get(credential);
    if (!guard) return undefined;
    this.guards.delete(credential);
    return guard.isSettled(now) ? undefined : guard;
  }

  /** Guards held now (a test checks the bound). */
  get size(): number {
    return this.guards.size;
  }
}
