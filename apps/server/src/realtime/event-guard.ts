import { TokenBucket } from '../security/token-bucket';
import type { RateLimit, ServerLimits } from '../security/server-limits';

type RefusalPolicy = Pick<ServerLimits, 'disconnectAfterRefusals' | 'refusalWindowMs'>;

/**
 * One socket's admission of events: a token bucket sized for its role, and a count of refusals. A client
 * that waits as told (retryAfterMs) is refused about once per wait; one that keeps sending regardless
 * passes `disconnectAfterRefusals` within the window and is cut off. O(1) and allocation-free per event.
 */
export class EventGuard {
  private readonly bucket: TokenBucket;
  private refusals = 0;
  private windowStart: number;

  constructor(
    rate: RateLimit,
    private readonly policy: RefusalPolicy,
    now: number,
  ) {
    this.bucket = new TokenBucket(rate, now);
    this.windowStart = now;
  }

  /** 0: handle the event. Otherwise the event is refused and this says how many ms to wait. */
  admit(now: number): number {
    const wait = this.bucket.take(now);
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
