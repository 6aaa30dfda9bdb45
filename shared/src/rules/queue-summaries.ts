import type { QueueSummary } from '../protocol/views';
import { predictNewTicketWait } from '../waits/wait-predictor';
import { waitingList } from './queue-state';
import { isServiceOpen } from './selectors';
import type { QueueState } from './types';

/**
 * Every service's line as screens show it. `forBroadcast`: for the queue:changed broadcast, whose waits may come
 * from a wait board up to a second old (see predictNewTicketWait); a snapshot's are exact.
 */
export function queueSummaries(state: QueueState, now: number, forBroadcast = false): QueueSummary[] {
  // One pass over today's waiting tickets: per current leg's service, how many and since when (transferred to a
  // counter or not).
  const perService = new Map<string, { waiting: number; since: number }>();
  for (const t of waitingList(state, now)) {
    const seen = perService.get(t.legServiceId);
    if (seen) {
      seen.waiting++;
      seen.since = Math.min(seen.since, t.legStartedAt);
    } else perService.set(t.legServiceId, { waiting: 1, since: t.legStartedAt });
  }
  return state.config.services.map((service) => {
    const mine = perService.get(service.id);
    return {
      serviceId: service.id,
      waiting: mine?.waiting ?? 0,
      oldestWaitingSince: mine?.since ?? null,
      wait: predictNewTicketWait(state, service.id, false, now, forBroadcast),
      open: isServiceOpen(state.config, service.id, now),
    };
  });
}
