import type { QueueSummary } from '../protocol/views';
import { predictNewTicketWait } from '../waits/wait-predictor';
import { currentBusinessDay } from './queue-state';
import { isServiceOpen } from './selectors';
import type { QueueState } from './types';

/**
 * Every service's line as screens show it. `forBroadcast`: for the queue:changed broadcast, whose waits may come
 * from a wait board up to a second old (see predictNewTicketWait); a snapshot's are exact.
 */
export function queueSummaries(state: QueueState, now: number, forBroadcast = false): QueueSummary[] {
  // Per current leg's service, how many wait today and since when, transferred to a counter or not: from the
  // lines of the index, so a summary costs the lines and the transferred tickets, not every waiting ticket (it
  // is built for every snapshot and every queue:changed broadcast, four a second while the queue moves).
  const perService = new Map<string, { waiting: number; since: number }>();
  const count = (serviceId: string, waiting: number, since: number) => {
    const seen = perService.get(serviceId);
    if (seen) {
      seen.waiting += waiting;
      seen.since = Math.min(seen.since, since);
    } else perService.set(serviceId, { waiting, since });
  };
  for (const line of state.tickets.index().linesOn(currentBusinessDay(state.config, now))) {
    if ('counterId' in line.queue) for (const t of line.values()) count(t.legServiceId, 1, t.legStartedAt);
    else {
      const oldest = line.oldestLegStart();
      if (oldest !== null) count(line.queue.serviceId, line.size, oldest);
    }
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
