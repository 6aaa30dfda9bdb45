import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fail, meetsDifficulty, ok, proofInput, type JoinChallenge, type Result } from '@rinda/shared';

/** How long a challenge may be answered: long enough for a slow phone, short enough that none are hoarded. */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;
/** Challenges remembered as used (bounded: past it the oldest are dropped; they expire within minutes anyway). */
const MAX_USED = 50_000;

/**
 * Proof-of-work challenges for remote join: signed by this process (HMAC with a key made at start, so no table
 * holds them), with an expiry, and usable by one request (a retry of that same request passes again, so a lost
 * answer can be fetched). A restart makes every outstanding challenge invalid: the page asks for another.
 */
export class JoinChallenges {
  private readonly key = randomBytes(32);
  /** challenge → the request that used it, and when the challenge expires. */
  private readonly used = new Map<string, { request: string; expiresAt: number }>();

  constructor(private readonly clock: () => number) {}

  issue(bits: number): JoinChallenge {
    const expiresAt = this.clock() + CHALLENGE_LIFETIME_MS;
    const body = `${expiresAt}.${bits}.${randomBytes(12).toString('base64url')}`;
    return { challenge: `${body}.${this.sign(body)}`, bits, expiresAt };
  }

  /**
   * Checks a challenge and its nonce for one request (device key + requestId): signed here, not expired, asking
   * at least `bits`, its hash meeting them, and not used by another request. `retry`: this request used it before.
   */
  redeem(challenge: string, nonce: string, bits: number, request: string): Result<{ retry: boolean }> {
    const now = this.clock();
    const parts = challenge.split('.');
    const [expiresText, bitsText, , mac] = parts;
    if (parts.length !== 4 || !mac || !this.signedHere(parts.slice(0, 3).join('.'), mac))
      return fail('BAD_REQUEST', 'The check is not one this branch gave: load the page again');
    const expiresAt = Number(expiresText);
    if (!(expiresAt > now)) return fail('BAD_REQUEST', 'The check expired: please try again');
    if (Number(bitsText) < bits) return fail('BAD_REQUEST', 'The check is easier than the branch now asks: please try again');
    const digest = createHash('sha256').update(proofInput(challenge, nonce)).digest();
    if (!meetsDifficulty(digest, Number(bitsText))) return fail('BAD_REQUEST', 'The check was not solved: please try again');
    const previous = this.used.get(challenge);
    if (previous) return previous.request === request ? ok({ retry: true }) : fail('BAD_REQUEST', 'The check was already used: please try again');
    this.remember(challenge, request, expiresAt, now);
    return ok({ retry: false });
  }

  private remember(challenge: string, request: string, expiresAt: number, now: number): void {
    if (this.used.size >= MAX_USED) {
      for (const [c, entry] of this.used) if (entry.expiresAt <= now) this.used.delete(c);
      for (const c of this.used.keys()) {
        if (this.used.size < MAX_USED) break;
        this.used.delete(c);
      }
    }
    this.used.set(challenge, { request, expiresAt });
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private signedHere(body: string, mac: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
