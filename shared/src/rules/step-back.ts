import type { DomainEvent } from '../domain/events';
import { fail, ok, type Result } from '../result';
import { isBookedTicket } from './appointments/appointment-tickets';
import { compareQueueKey, isPriority } from './call-order';
import { currentBusinessDay, stateLabel, waitingEligible } from './queue-state';
import { queueOf } from './ticket-commands';
import type { QueueState, RuleContext } from './types';

/**
 * "I need more time": once per visit, a waiting ticket moves behind the next `stepBack.places` tickets of its own
 * line and class (priority or normal, which the call order keeps apart), or behind all of them when fewer wait.
 * Its overdue clock restarts from the step back (overdueSince), so it does not jump ahead again at once. Several
 * tickets issued in the same millisecond share a queueKey: stepping behind one of them goes behind all of them.
 */
export function decideStepBack(state: QueueState, cmd: { ticketId: string }, ctx: RuleContext): Result<DomainEvent[]> {
  const ticket = state.tickets.get(cmd.ticketId);
  if (!ticket) return fail('NOT_FOUND', 'That ticket is not in the queue.');
  if (ticket.state !== 'waiting') return fail('INVALID_STATE', `${ticket.displayNumber} is ${stateLabel(ticket)}: only a waiting ticket can step back.`);
  if (ticket.businessDay !== currentBusinessDay(state.config, ctx.now)) return fail('INVALID_STATE', `${ticket.displayNumber} is from an earlier day.`);
  if (ticket.steppedBackAt !== null) return fail('INVALID_STATE', `${ticket.displayNumber} has already stepped back once.`);
  // An appointment keeping its booked place is called by its slot, not by a place in a line: nothing to step back in.
  if (isBookedTicket(ticket)) return fail('INVALID_STATE', `${ticket.displayNumber} is an appointment, called at its booked time: it cannot step back.`);
  const behind = waitingEligible(state, ctx.now, queueOf(state, ticket))
    .filter((t) => t.id !== ticket.id && isPriority(t) === isPriority(ticket) && compareQueueKey(t, ticket) > 0)
    .sort(compareQueueKey);
  if (behind.length === 0) return fail('INVALID_STATE', `Nobody is behind ${ticket.displayNumber}: there is no place to step back to.`);
  const places = Math.min(state.config.stepBack.places, behind.length);
  const target = behind[places - 1]!;
  const after = behind[places];
  const queueKey = after && after.queueKey > target.queueKey ? (target.queueKey + after.queueKey) / 2 : target.queueKey + 0.5;
  return ok([{ type: 'ticket.steppedBack', at: ctx.now, ticketId: ticket.id, places, queueKey }]);
}
