import type { ApplyEvent, CounterStatus, DomainEvent, QueueState, Ticket } from '@rinda/shared';
import type { Db } from '../db/database';
import { localHourAndWeekday } from './local-time';
import { waitColumns } from './ticket-rows';

type TicketEvent = Exclude<DomainEvent, { type: `counter.${string}` }>;
type CounterEvent = Extract<DomainEvent, { type: `counter.${string}` }>;

const TICKET_EVENT_TYPES: Record<TicketEvent['type'], string> = {
  'ticket.issued': 'issued',
  'ticket.called': 'called',
  'ticket.recalled': 'recalled',
  'ticket.serviceStarted': 'service_started',
  'ticket.finished': 'finished',
  'ticket.noShow': 'no_show',
  'ticket.reactivated': 'reactivated',
  'ticket.transferred': 'transferred',
  'ticket.cancelled': 'cancelled',
  'ticket.confirmed': 'confirmed',
  'ticket.steppedBack': 'stepped_back',
};
const COUNTER_EVENT_TYPES: Record<CounterEvent['type'], string> = {
  'counter.signedIn': 'signed_in',
  'counter.paused': 'paused',
  'counter.resumed': 'resumed',
  'counter.signedOut': 'signed_out',
};
/** The state a ticket ends in, for the events that end a leg; the rules may drop ended tickets from memory. */
const ENDING_STATES: Partial<Record<TicketEvent['type'], Ticket['state']>> = {
  'ticket.finished': 'done',
  'ticket.noShow': 'no_show',
  'ticket.cancelled': 'cancelled',
};

export interface CommitRecord {
  event: DomainEvent;
  /** The ticket as it is after this event (ticket events only). */
  ticket: Ticket | null;
  /** Row id in ticket_events or counter_events: stable, so calls use it as their callId. */
  rowId: number;
}

export interface PersistedCommit {
  after: QueueState;
  records: CommitRecord[];
  /** Tickets and counters whose projection changed, as they are after the whole command. */
  tickets: Ticket[];
  counters: CounterStatus[];
}

/**
 * Appends a command's events to the event tables and updates the projections (tickets, ticket_legs,
 * counters) to match. Call inside the command's IMMEDIATE transaction: all of it lands or none does.
 */
export class EventStore {
  private readonly insertTicketEvent;
  private readonly insertCounterEvent;
  private readonly insertTicket;
  private readonly updateTicket;
  private readonly insertLeg;
  private readonly upsertCounter;
  private readonly legStatements;
  private readonly insertOutbox;

  /**
   * `outbox: false` leaves the head-office outbox alone: head office replays a branch's events through this
   * store into a replica of its own, which ships nothing.
   */
  constructor(
    private readonly db: Db,
    private readonly options: { outbox: boolean } = { outbox: true },
  ) {
    this.insertOutbox = options.outbox ? db.prepare("INSERT INTO central_outbox (kind, at, body) VALUES ('event', ?, ?)") : null;
    // The statements every ticket runs bind by position: binding by name looks every parameter up on an object.
    this.insertTicketEvent = db.prepare(
      `INSERT INTO ticket_events (ticket_id, leg, service_id, type, at, counter_id, teller_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertCounterEvent = db.prepare(
      `INSERT INTO counter_events (counter_id, teller_id, type, at, reason_id, after_ticket_event)
       VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM ticket_events))`,
    );
    // A new ticket is a plain INSERT: an id or (day, service, number) used before fails the whole command.
    this.insertTicket = db.prepare(
      `INSERT INTO tickets (id, business_day, service_id, number, display_number, language, priority_reason_id,
         issued_at, issued_hour, issued_weekday, estimated_wait_min, estimated_wait_at_most_min, wait_told, people_ahead_at_issue, state, leg,
         leg_service_id, leg_started_at, queue_key, target_counter_id, counter_id, teller_id, called_at,
         service_started_at, recall_count, ended_at, channel, confirmed_at, stepped_back_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateTicket = db.prepare(
      `UPDATE tickets SET state = @state, leg = @leg, leg_service_id = @legServiceId, leg_started_at = @legStartedAt,
         queue_key = @queueKey, target_counter_id = @targetCounterId, counter_id = @counterId, teller_id = @tellerId,
         called_at = @calledAt, service_started_at = @serviceStartedAt, recall_count = @recallCount, ended_at = @endedAt,
         confirmed_at = @confirmedAt, stepped_back_at = @steppedBackAt
       WHERE id = @id`,
    );
    this.insertLeg = db.prepare(
      `INSERT INTO ticket_legs (ticket_id, leg, business_day, service_id, priority, started_at, started_hour, recalls)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
    );
    this.upsertCounter = db.prepare(
      `INSERT INTO counters (counter_id, state, teller_id, pause_reason_id, since, active_ticket_id,
         priority_calls_in_cycle, normal_calls_in_cycle)
       VALUES (@counterId, @state, @tellerId, @pauseReasonId, @since, @activeTicketId, @priorityCallsInCycle, @normalCallsInCycle)
       ON CONFLICT (counter_id) DO UPDATE SET state = excluded.state, teller_id = excluded.teller_id,
         pause_reason_id = excluded.pause_reason_id, since = excluded.since, active_ticket_id = excluded.active_ticket_id,
         priority_calls_in_cycle = excluded.priority_calls_in_cycle, normal_calls_in_cycle = excluded.normal_calls_in_cycle`,
    );
    const whereLeg = 'WHERE ticket_id = @ticketId AND leg = @leg';
    this.legStatements = {
      called: db.prepare(
        `UPDATE ticket_legs SET first_called_at = COALESCE(first_called_at, @at), counter_id = @counterId, teller_id = @tellerId ${whereLeg}`,
      ),
      recalled: db.prepare(`UPDATE ticket_legs SET recalls = recalls + 1, counter_id = @counterId, teller_id = @tellerId ${whereLeg}`),
      serviceStarted: db.prepare(
        `UPDATE ticket_legs SET service_started_at = @at, counter_id = @counterId, teller_id = @tellerId ${whereLeg}`,
      ),
      ended: db.prepare(`UPDATE ticket_legs SET ended_at = @at, outcome = @outcome ${whereLeg}`),
      reopened: db.prepare(`UPDATE ticket_legs SET ended_at = NULL, outcome = NULL ${whereLeg}`),
      steppedBack: db.prepare(`UPDATE ticket_legs SET stepped_back = 1 ${whereLeg}`),
    };
  }

  persist(before: QueueState, events: DomainEvent[], applyEvent: ApplyEvent): PersistedCommit {
    const timeZone = before.config.branch.timeZone;
    let state = before;
    const records: CommitRecord[] = [];
    const changedTickets = new Map<string, Ticket>();
    const written = new Set<Ticket>();
    for (const event of events) {
      // Serialised once: the event's row and the outbox carry the same text.
      const json = JSON.stringify(event);
      // The outbox row commits with the event or not at all: head office gets each committed event exactly once.
      this.insertOutbox?.run(event.at, json);
      if (isCounterEvent(event)) {
        state = applyEvent(state, event);
        const info = this.insertCounterEvent.run(
          event.counterId,
          event.tellerId,
          COUNTER_EVENT_TYPES[event.type],
          event.at,
          event.type === 'counter.paused' ? event.reasonId : null,
        );
        records.push({ event, ticket: null, rowId: Number(info.lastInsertRowid) });
        continue;
      }
      const prev = event.type === 'ticket.issued' ? event.ticket : state.tickets.get(event.ticketId);
      if (!prev) throw new Error(`event ${event.type} for a ticket the state does not hold`);
      state = applyEvent(state, event);
      const next = state.tickets.get(prev.id) ?? endedTicket(prev, event);
      // The event row references the ticket, so a new ticket's row goes first.
      if (event.type === 'ticket.issued') {
        this.addTicket(next, timeZone);
        written.add(next);
      }
      const info = this.insertTicketEvent.run(
        prev.id,
        prev.leg,
        prev.legServiceId,
        TICKET_EVENT_TYPES[event.type],
        event.at,
        'counterId' in event ? event.counterId : null,
        'tellerId' in event ? event.tellerId : null,
        json,
      );
      this.writeLeg(prev, next, event, timeZone);
      changedTickets.set(next.id, next);
      records.push({ event, ticket: next, rowId: Number(info.lastInsertRowid) });
    }
    for (const ticket of changedTickets.values()) if (!written.has(ticket)) this.saveTicket(ticket);
    const counters = Object.values(state.counters).filter((c) => !sameCounter(before.counters[c.counterId], c));
    for (const counter of counters) this.upsertCounter.run(counter);
    return { after: state, records, tickets: [...changedTickets.values()], counters };
  }

  private addTicket(t: Ticket, timeZone: string): void {
    const local = localHourAndWeekday(t.issuedAt, timeZone);
    const wait = waitColumns(t);
    this.insertTicket.run(
      t.id,
      t.businessDay,
      t.serviceId,
      t.number,
      t.displayNumber,
      t.language,
      t.priorityReasonId,
      t.issuedAt,
      local.hour,
      local.weekday,
      wait.estimatedWaitMin,
      wait.estimatedWaitAtMostMin,
      wait.waitTold,
      t.peopleAheadAtIssue,
      t.state,
      t.leg,
      t.legServiceId,
      t.legStartedAt,
      t.queueKey,
      t.targetCounterId,
      t.counterId,
      t.tellerId,
      t.calledAt,
      t.serviceStartedAt,
      t.recallCount,
      t.endedAt,
      t.channel,
      t.confirmedAt,
      t.steppedBackAt,
    );
  }

  private saveTicket(t: Ticket): void {
    if (this.updateTicket.run(t).changes !== 1) throw new Error(`ticket ${t.id} has no row to update`);
  }

  private writeLeg(prev: Ticket, next: Ticket, event: TicketEvent, timeZone: string): void {
    const key = { ticketId: prev.id, leg: prev.leg };
    switch (event.type) {
      case 'ticket.issued':
        return this.openLeg(next, timeZone);
      case 'ticket.called':
        this.legStatements.called.run({ ...key, at: event.at, counterId: event.counterId, tellerId: event.tellerId });
        return;
      case 'ticket.recalled':
        this.legStatements.recalled.run({ ...key, counterId: event.counterId, tellerId: event.tellerId });
        return;
      case 'ticket.serviceStarted':
        this.legStatements.serviceStarted.run({ ...key, at: event.at, counterId: event.counterId, tellerId: event.tellerId });
        return;
      case 'ticket.finished':
        this.legStatements.ended.run({ ...key, at: event.at, outcome: 'done' });
        return;
      case 'ticket.noShow':
        this.legStatements.ended.run({ ...key, at: event.at, outcome: 'no_show' });
        return;
      case 'ticket.cancelled':
        this.legStatements.ended.run({ ...key, at: event.at, outcome: 'cancelled' });
        return;
      case 'ticket.reactivated':
        // A reactivated no-show goes back to waiting in the same leg: the leg is open again.
        this.legStatements.reopened.run(key);
        return;
      case 'ticket.transferred':
        this.legStatements.ended.run({ ...key, at: event.at, outcome: 'transferred' });
        return this.openLeg(next, timeZone);
      case 'ticket.confirmed':
        // The ticket's own row says when (confirmed_at); the leg's figures do not change.
        return;
      case 'ticket.steppedBack':
        this.legStatements.steppedBack.run(key);
        return;
    }
  }

  private openLeg(t: Ticket, timeZone: string): void {
    const { hour } = localHourAndWeekday(t.legStartedAt, timeZone);
    this.insertLeg.run(t.id, t.leg, t.businessDay, t.legServiceId, t.priorityReasonId ? 1 : 0, t.legStartedAt, hour);
  }
}

/** Whether the ticket's last event closed it at the end of its business day (the day boundary), not a person. */
export function closedAtDayEnd(db: Db, ticketId: string): boolean {
  const row = db.prepare(`SELECT data FROM ticket_events WHERE ticket_id = ? ORDER BY id DESC LIMIT 1`).get(ticketId) as { data: string } | undefined;
  return row !== undefined && (JSON.parse(row.data) as { reason?: unknown }).reason === 'dayEnded';
}

function isCounterEvent(e: DomainEvent): e is CounterEvent {
  return e.type.startsWith('counter.');
}

function endedTicket(prev: Ticket, event: TicketEvent): Ticket {
  const state = ENDING_STATES[event.type];
  if (!state) throw new Error(`the rules dropped ticket ${prev.id} on ${event.type}, which does not end it`);
  return { ...prev, state, endedAt: event.at };
}

function sameCounter(a: CounterStatus | undefined, b: CounterStatus): boolean {
  return (
    a !== undefined &&
    a.state === b.state &&
    a.tellerId === b.tellerId &&
    a.pauseReasonId === b.pauseReasonId &&
    a.since === b.since &&
    a.activeTicketId === b.activeTicketId &&
    a.priorityCallsInCycle === b.priorityCallsInCycle &&
    a.normalCallsInCycle === b.normalCallsInCycle
  );
}
