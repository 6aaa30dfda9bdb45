import { addDays, businessDayStart, dateIsoWeekday, formatTicketNumber, parseClockTime, type BranchConfig, type DomainEvent, type Ticket } from '@rinda/shared';
import type { Db } from '../../db/database';
import { historyWriter } from '../../reports/test-support/write-history';

/**
 * A steady history for staffing tests: on every weekday of the given weeks, cash tickets arrive evenly from
 * 10:00 to 12:00 (`perHour` an hour), the counters take them in turn, each called after 30 s and served for
 * `serviceSec`; every tenth is a no-show unless told otherwise. (Too few counters for the traffic overlap their customers: the
 * reports, which read legs, do not mind.) Written through the server's event store like a real branch's (one transaction).
 */
export interface SteadyHistory {
  /** Business days written, oldest first. */
  days: string[];
}

export interface SteadyOptions {
  perHour?: number;
  counters?: string[];
  serviceSec?: number;
  /** Every tenth ticket a no-show (the forecast then reads a patience from them, and Erlang A differs from C). */
  noShows?: boolean;
}

export function writeSteadyHistory(db: Db, config: BranchConfig, before: string, weeks: number, options: SteadyOptions = {}): SteadyHistory {
  const { perHour = 24, counters = ['c1', 'c2', 'c3'], serviceSec = 240, noShows = true } = options;
  const zone = config.branch.timeZone;
  const at = (day: string, clock: string) => businessDayStart(day, zone, parseClockTime(clock));
  const events: DomainEvent[] = [];
  const days: string[] = [];
  let id = 0;
  for (let d = weeks * 7; d >= 1; d--) {
    const day = addDays(before, -d);
    if (dateIsoWeekday(day) > 5) continue;
    days.push(day);
    for (const counterId of counters) events.push({ type: 'counter.signedIn', at: at(day, '09:55'), counterId, tellerId: `u-${counterId}` });
    const gap = 3_600_000 / perHour;
    for (let i = 0; i < 2 * perHour; i++) {
      const issuedAt = at(day, '10:00') + i * gap;
      const counterId = counters[i % counters.length]!;
      const tellerId = `u-${counterId}`;
      const ticketId = `steady-${String(++id).padStart(10, '0')}`;
      const ticket: Ticket = {
        id: ticketId, businessDay: day, serviceId: 'cash', number: i + 1, displayNumber: formatTicketNumber('A', i + 1), language: 'en',
        priorityReasonId: null, issuedAt, estimatedWaitMin: 1, estimatedWaitAtMostMin: 2, peopleAheadAtIssue: 0, state: 'waiting', leg: 1, legServiceId: 'cash',
        legStartedAt: issuedAt, queueKey: issuedAt, targetCounterId: null, counterId: null, tellerId: null, calledAt: null,
        serviceStartedAt: null, recallCount: 0, endedAt: null, channel: 'kiosk', confirmedAt: null, steppedBackAt: null,
      };
      events.push({ type: 'ticket.issued', at: issuedAt, ticket });
      events.push({ type: 'ticket.called', at: issuedAt + 30_000, counterId, tellerId, ticketId, specific: false });
      if (noShows && i % 10 === 9) events.push({ type: 'ticket.noShow', at: issuedAt + 90_000, counterId, tellerId, ticketId });
      else events.push({ type: 'ticket.finished', at: issuedAt + 30_000 + serviceSec * 1000, counterId, tellerId, ticketId });
    }
    for (const counterId of counters) events.push({ type: 'counter.signedOut', at: at(day, '12:30'), counterId, tellerId: `u-${counterId}` });
  }
  events.sort((a, b) => a.at - b.at);
  historyWriter(db, config).write(events, { oneTransaction: true });
  return { days };
}
