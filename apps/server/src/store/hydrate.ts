import { addDays, APPOINTMENT_NUMBER_BASE, currentBusinessDay, seriesKey, TicketTable, type BranchConfig, type CallView, type QueueState, type Ticket } from '@rinda/shared';
import { BookingStore } from '../appointments/booking-store';
import type { Db } from '../db/database';
import { toCallView, type CallFacts } from '../store/calls';
import { counterFromRow, ticketFromRow, type CounterRow, type TicketRow } from './ticket-rows';
import { loadWaitHistory } from './wait-history-rows';

/**
 * Rebuilds the in-memory queue state from the projections, so a restart on the same file continues
 * exactly where the last process stopped: open tickets, no-shows still
 * reactivatable, live counters, the last number of each service on recent business days, and what the wait
 * estimate learned from the recent past.
 */
/**
 * How far back a start looks for tickets left waiting: a server off for longer leaves older ones as they were
 * (never called; the reports count them unserved all the same).
 */
export const WAITING_LOOK_BACK_DAYS = 31;

export function loadQueueState(db: Db, config: BranchConfig, now: number): QueueState {
  const noShowSince = now - config.noShow.reactivateWindowMin * 60_000;
  // Waiting tickets of earlier business days too, so the day boundary closes them with an event at start
  // (day-boundary.ts) and their status pages and the reports say what became of them; looked up through the
  // business-day index, WAITING_LOOK_BACK_DAYS back (waiting tickets have no index of their own: every new ticket
  // would write it), so a start costs the same with years of history.
  const today = currentBusinessDay(config, now);
  const ticketRows = db
    .prepare(
      `SELECT * FROM tickets WHERE state IN ('called', 'serving')
       UNION ALL SELECT * FROM tickets WHERE state = 'waiting' AND business_day >= ?
       UNION ALL SELECT * FROM tickets WHERE state = 'no_show' AND ended_at >= ?`,
    )
    .all(addDays(today, -WAITING_LOOK_BACK_DAYS), noShowSince) as TicketRow[];
  // A ticket printed at a check-in takes its appointment back from its booking (the bookings table holds the link).
  const appointments = new BookingStore(db).appointmentsOfTickets(ticketRows.map((r) => r.id));
  const tickets = TicketTable.of(
    ticketRows.map((r) => {
      const ticket = withLegDay(ticketFromRow(r), config);
      const appointment = appointments.get(r.id);
      return appointment ? { ...ticket, appointment } : ticket;
    }),
  );

  const counters: QueueState['counters'] = {};
  for (const row of db.prepare('SELECT * FROM counters').all() as CounterRow[]) counters[row.counter_id] = counterFromRow(row);

  // The rules keep the last numbers of the newest business day only (numbering never goes back a day).
  const lastNumbers: Record<string, number> = {};
  const numberRows = db
    .prepare(
      `SELECT business_day AS day, service_id AS serviceId, MAX(number) AS last FROM tickets
       WHERE business_day = (SELECT MAX(business_day) FROM tickets) GROUP BY service_id, number > ?`,
    )
    .all(APPOINTMENT_NUMBER_BASE) as { day: string; serviceId: string; last: number }[];
  // Walk-ins and appointments are numbered in separate series (rules/appointments/numbering.ts).
  for (const r of numberRows) lastNumbers[seriesKey(r.day, r.serviceId, r.last)] = r.last;

  return { config, tickets, counters, lastNumbers, waitHistory: loadWaitHistory(db, config, now) };
}

/** A transferred leg's business day, as the transfer recorded it in memory (applyEvent): that of its start. */
function withLegDay(t: Ticket, config: BranchConfig): Ticket {
  return t.leg > 1 ? { ...t, legBusinessDay: currentBusinessDay(config, t.legStartedAt) } : t;
}

/** The latest calls and recalls, newest first, as displays show them after a restart. */
export function loadRecentCalls(db: Db, config: BranchConfig, limit: number): CallView[] {
  const rows = db
    .prepare(
      `SELECT e.id AS rowId, e.ticket_id AS ticketId, e.service_id AS serviceId, e.type = 'recalled' AS recall, e.at,
              e.counter_id AS counterId, t.display_number AS displayNumber, t.language
       FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.type IN ('called', 'recalled') ORDER BY e.id DESC LIMIT ?`,
    )
    .all(limit) as (Omit<CallFacts, 'recall'> & { recall: number })[];
  return rows.map((r) => toCallView({ ...r, recall: r.recall === 1 }, config)).filter((c): c is CallView => c !== null);
}
