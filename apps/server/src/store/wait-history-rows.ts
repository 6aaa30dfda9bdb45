import {
  EMPTY_WAIT_HISTORY,
  localHour,
  recordCall,
  recordIssue,
  recordPauseEnd,
  recordRelease,
  recordShift,
  routineMoment,
  type BranchConfig,
  type DomainEvent,
  type WaitHistory,
} from '@rinda/shared';
import type { Db } from '../db/database';

/** How far back the wait estimate's history is rebuilt at start: its rings hold far less than this. */
const HISTORY_MS = 14 * 86_400_000;

/** What the replay needs to know of a ticket, as the rules' state holds it. */
interface HeldTicket {
  legServiceId: string;
  legStartedAt: number;
  calledAt: number | null;
}

/** What the replay needs to know of a counter: since when it could call (signed in or resumed), and its pause. */
interface CounterState {
  openSince: number;
  pausedSince: number | null;
}

type CounterEventRow = { id: number; counterId: string; type: string; at: number; afterTicketEvent: number | null };

/**
 * Whether a counter event was committed before a ticket event: by the ticket event it was written after (migration
 * 081), or, for rows older than that, by time (at one instant, a counter's event first).
 */
function committedBefore(c: CounterEventRow, ticketEvent: { id: number; at: number }): boolean {
  return c.afterTicketEvent === null ? c.at <= ticketEvent.at : c.afterTicketEvent < ticketEvent.id;
}

/**
 * Rebuilds the wait estimate's history by replaying the event log of the last HISTORY_MS through the same record*
 * functions applyEvent calls, in the order the events were committed (each table in id order, a counter event
 * placed after the ticket event it was written after: committedBefore), following each ticket and counter as
 * the rules' state does. A restart then learns exactly what the running server had learned, but for samples older
 * than HISTORY_MS, which the rings of a branch in use have long replaced.
 */
export function loadWaitHistory(db: Db, config: BranchConfig, now: number): WaitHistory {
  const from = now - HISTORY_MS;
  const ticketEvents = db.prepare('SELECT id, at, data FROM ticket_events WHERE id >= ? ORDER BY id').all(firstTicketEventFrom(db, from)) as { id: number; at: number; data: string }[];
  const counterEvents = db
    .prepare('SELECT id, counter_id AS counterId, type, at, after_ticket_event AS afterTicketEvent FROM counter_events WHERE at >= ? ORDER BY id')
    .all(from) as CounterEventRow[];

  const replay = new Replay(config);
  let c = 0;
  for (const row of ticketEvents) {
    while (c < counterEvents.length && committedBefore(counterEvents[c]!, row)) replay.counter(counterEvents[c++]!);
    // The server wrote it (event-store.ts: the committed event, as JSON).
    replay.ticket(JSON.parse(row.data) as DomainEvent);
  }
  while (c < counterEvents.length) replay.counter(counterEvents[c++]!);
  return replay.history;
}

class Replay {
  history = EMPTY_WAIT_HISTORY;
  private readonly tickets = new Map<string, HeldTicket>();
  private readonly counters = new Map<string, CounterState>();

  constructor(private readonly config: BranchConfig) {}

  ticket(e: DomainEvent): void {
    const tz = this.config.branch.timeZone;
    const release = (ticketId: string, counterId: string, at: number) => {
      const t = this.tickets.get(ticketId);
      if (!t) return;
      const callHour = t.calledAt === null ? 0 : localHour(t.calledAt, tz);
      this.history = recordRelease(this.history, { counterId, serviceId: t.legServiceId, callHour, calledAt: t.calledAt, at });
    };
    switch (e.type) {
      case 'ticket.issued':
        this.tickets.set(e.ticket.id, { legServiceId: e.ticket.legServiceId, legStartedAt: e.ticket.legStartedAt, calledAt: null });
        this.history = recordIssue(this.history, { serviceId: e.ticket.serviceId, priority: e.ticket.priorityReasonId !== null, at: e.at });
        return;
      case 'ticket.called': {
        const t = this.tickets.get(e.ticketId);
        if (!t) return;
        const openSince = this.counters.get(e.counterId)?.openSince ?? 0;
        this.history = recordCall(this.history, { counterId: e.counterId, openSince, legStartedAt: t.legStartedAt, at: e.at });
        t.calledAt = e.at;
        return;
      }
      case 'ticket.finished':
        release(e.ticketId, e.counterId, e.at);
        this.tickets.delete(e.ticketId);
        return;
      case 'ticket.noShow':
        release(e.ticketId, e.counterId, e.at);
        return;
      case 'ticket.transferred': {
        if (e.counterId !== null) release(e.ticketId, e.counterId, e.at);
        const t = this.tickets.get(e.ticketId);
        if (t) Object.assign(t, { legServiceId: e.toServiceId, legStartedAt: e.at, calledAt: null });
        return;
      }
      case 'ticket.reactivated': {
        const t = this.tickets.get(e.ticketId);
        if (t) t.calledAt = null;
        return;
      }
      case 'ticket.cancelled':
        this.tickets.delete(e.ticketId);
        return;
      default:
        return;
    }
  }

  counter(e: CounterEventRow): void {
    const counter = this.counters.get(e.counterId) ?? { openSince: 0, pausedSince: null };
    this.counters.set(e.counterId, counter);
    switch (e.type) {
      case 'signed_in':
        this.history = recordShift(this.history, { counterId: e.counterId, kind: 'signIn', ...routineMoment(this.config, e.at) });
        Object.assign(counter, { openSince: e.at, pausedSince: null });
        return;
      case 'paused':
        counter.pausedSince = e.at;
        return;
      case 'resumed':
        if (counter.pausedSince !== null)
          this.history = recordPauseEnd(this.history, { counterId: e.counterId, ...routineMoment(this.config, counter.pausedSince), pausedSince: counter.pausedSince, at: e.at });
        Object.assign(counter, { openSince: e.at, pausedSince: null });
        return;
      case 'signed_out':
        this.history = recordShift(this.history, { counterId: e.counterId, kind: 'signOut', ...routineMoment(this.config, e.at) });
        counter.pausedSince = null;
        return;
    }
  }
}

/**
 * The id of the first ticket event at or after `from`, by bisection on ids (no index reads the log by time: ids
 * follow commits, and commit times follow the clock).
 */
function firstTicketEventFrom(db: Db, from: number): number {
  const bounds = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM ticket_events').get() as { lo: number | null; hi: number | null };
  if (bounds.lo === null || bounds.hi === null) return 0;
  const at = db.prepare('SELECT id, at FROM ticket_events WHERE id >= ? ORDER BY id LIMIT 1');
  let lo = bounds.lo;
  let hi = bounds.hi + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const row = at.get(mid) as { id: number; at: number } | undefined;
    if (!row || row.at >= from) hi = mid;
    else lo = row.id + 1;
  }
  return lo;
}
