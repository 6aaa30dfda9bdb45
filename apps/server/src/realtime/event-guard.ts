import { TokenBucket } from '../security/token-bucket';
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
    rates: { events: RateLimit; commands: RateLimit },
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
}
