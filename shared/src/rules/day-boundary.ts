import type { DomainEvent } from '../domain/events';
import { waitingDayOf } from '../domain/ticket';
import { ok, type Result } from '../result';
import { addDays, businessDayStart, parseClockTime } from '../time/business-day';
import { currentBusinessDay } from './queue-state';
import type { QueueState, RuleContext } from './types';

/**
 * The day boundary (docs/ARCHITECTURE.md, "Business day and numbering"): a ticket still waiting when the business
 * day its leg waits on has ended is closed, as `ticket.cancelled` with reason `dayEnded` and no user, timed at that
 * day's end (the next day's start): the customer left when the branch closed, and the reports count the visit
 * unserved exactly as one still waiting at the end of its day. A ticket called before the day start is left with
 * its counter; transferred after it, its new leg waits in today's queues. Nothing to close gives no events.
 */
export function decideCloseEarlierDays(state: QueueState, ctx: RuleContext): Result<DomainEvent[]> {
  const { timeZone, dayStart } = state.config.branch;
  const index = state.tickets.index();
  const events: DomainEvent[] = [];
  for (const day of index.waitingDaysBefore(currentBusinessDay(state.config, ctx.now))) {
    const dayEnd = Math.min(ctx.now, businessDayStart(addDays(day, 1), timeZone, parseClockTime(dayStart)));
    const tickets = index.waitingOn(day).filter((t) => waitingDayOf(t) === day);
    tickets.sort((a, b) => a.legStartedAt - b.legStartedAt || (a.id < b.id ? -1 : 1));
    for (const t of tickets) events.push({ type: 'ticket.cancelled', at: Math.max(dayEnd, t.legStartedAt), ticketId: t.id, byUserId: null, reason: 'dayEnded' });
  }
  return ok(events);
}
