import type { BranchConfig, CounterConfig } from '../config/branch-config';
import { waitingDayOf, type Ticket } from '../domain/ticket';
import { fail, ok, type Result } from '../result';
import { currentBusinessDay, stateLabel } from './queue-state';

/**
 * Whether a no-show may go back to waiting from this counter now: within the configured window, on the business
 * day its leg waited on, and only from the counter that marked it, the counter it was sent to, or a counter of its service.
 * The reactivate command and the teller's list of recent no-shows both ask this, so the list offers exactly
 * what the command accepts.
 */
export function mayReactivate(config: BranchConfig, ticket: Ticket, counter: CounterConfig, now: number): Result<Ticket> {
  if (ticket.state !== 'no_show') return fail('INVALID_STATE', `${ticket.displayNumber} is not a no-show: it is ${stateLabel(ticket)}.`);
  const { reactivateWindowMin } = config.noShow;
  if (now - (ticket.endedAt ?? now) > reactivateWindowMin * 60_000)
    return fail('REACTIVATE_EXPIRED', `${ticket.displayNumber} missed its call more than ${reactivateWindowMin} minutes ago and cannot be reactivated.`);
  // Its leg's day: a customer transferred after the day start waits in today's queues, and may come back to them.
  if (waitingDayOf(ticket) !== currentBusinessDay(config, now))
    return fail('REACTIVATE_EXPIRED', `${ticket.displayNumber} belongs to an earlier business day and cannot be reactivated.`);
  const inItsQueue =
    ticket.counterId === counter.id ||
    ticket.targetCounterId === counter.id ||
    (ticket.targetCounterId === null && counter.serviceIds.includes(ticket.legServiceId));
  if (!inItsQueue) return fail('FORBIDDEN', `${ticket.displayNumber} is not in a queue ${counter.name} serves.`);
  return ok(ticket);
}
