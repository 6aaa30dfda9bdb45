import type { Request } from 'express';
import { fail, type Failure } from '@rinda/shared';
import { clientAddressKey } from './client-address';
import type { RateLimit } from './server-limits';
import { retryMessage } from './throttle';
import { KeyedBuckets } from './token-bucket';

/**
 * The public routes a phone calls that write (remote join, the SMS number, a rating), rate limited per client
 * address (`phoneRequests`): a refusal to send, or null to go ahead. Each caller keeps its own buckets.
 */
export function phoneRequestGuard(limit: RateLimit, clock: () => number): (req: Request) => Failure | null {
  const buckets = new KeyedBuckets(limit);
  return (req) => {
    const waitMs = buckets.take(clientAddressKey(req), clock());
    return waitMs > 0 ? fail('RATE_LIMITED', retryMessage('requests from this network', waitMs), waitMs) : null;
  };
}
