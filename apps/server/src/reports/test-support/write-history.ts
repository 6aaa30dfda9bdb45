import type { DomainEvent } from '@rinda/shared';
import type { Db } from '../../db/database';
import { localHourAndWeekday } from '../../store/local-time';

const TYPES: Record<string, string> = {
  'ticket.issued': 'issued', 'ticket.called': 'called', 'ticket.recalled': 'recalled',
  'ticket.serviceStarted': 'service_started', 'ticket.finished': 'finished', 'ticket.noShow': 'no_show',
  'ticket.reactivated': 'reactivated', 'ticket.transferred': 'transferred', 'ticket.cancelled': 'cancelled',
  'counter.signedIn': 'signed_in', 'counter.paused': 'paused', 'counter.resumed': 'resumed', 'counter.signedOut': 'signed_out',
};

/**
 * Writes domain events into the storage contract's tables (events plus the tickets and ticket_legs
 * projections), the way the server's store does, so the report SQL reads what a real branch holds.
 */
export function writeHistory(db: Db, events: DomainEvent[], timeZone: string): void {
  const legOf = db.prepare('SELECT leg, leg_service_id AS service FROM tickets WHERE id = ?');
  const ticketEvent = db.prepare(
    'INSERT INTO ticket_events (ticket_id, leg, service_id, type, at, counter_id, teller_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const counterEvent = db.prepare('INSERT INTO counter_events (counter_id, teller_id, type, at, reason_id) VALUES (?, ?, ?, ?, ?)');
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, business_day, service_id, number, display_number, language, priority_reason_id, issued_at,
       issued_hour, issued_weekday, estimated_wait_min, people_ahead_at_issue, state, leg, leg_service_id, leg_started_at,
       queue_key, recall_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', 1, ?, ?, ?, 0)`,
  );
  const insertLeg = db.prepare(
    'INSERT INTO ticket_legs (ticket_id, leg, business_day, service_id, priority, started_at, started_hour) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  db.transaction(() => {
    for (const e of events) {
      if (e.type.startsWith('counter.')) {
        const c = e as Extract<DomainEvent, { type: 'counter.paused' }>;
        counterEvent.run(c.counterId, c.tellerId, TYPES[e.type], e.at, e.type === 'counter.paused' ? c.reasonId : null);
        continue;
      }
      if (e.type === 'ticket.issued') {
        const t = e.ticket;
        const local = localHourAndWeekday(t.issuedAt, timeZone);
        insertTicket.run(t.id, t.businessDay, t.serviceId, t.number, t.displayNumber, t.language, t.priorityReasonId, t.issuedAt,
          local.hour, local.weekday, t.estimatedWaitMin, t.peopleAheadAtIssue, t.serviceId, t.issuedAt, t.queueKey);
        insertLeg.run(t.id, 1, t.businessDay, t.serviceId, t.priorityReasonId ? 1 : 0, t.issuedAt, local.hour);
        ticketEvent.run(t.id, 1, t.serviceId, 'issued', e.at, null, null, JSON.stringify(e));
        continue;
      }
      if (!('ticketId' in e)) continue;
      const id = e.ticketId;
      const { leg, service } = legOf.get(id) as { leg: number; service: string };
      const counterId = 'counterId' in e ? e.counterId : null;
      const tellerId = 'tellerId' in e ? e.tellerId : null;
      ticketEvent.run(id, leg, service, TYPES[e.type], e.at, counterId, tellerId, JSON.stringify(e));
      const legWhere = 'WHERE ticket_id = ? AND leg = ?';
      switch (e.type) {
        case 'ticket.called':
          run(`UPDATE ticket_legs SET first_called_at = coalesce(first_called_at, ?), counter_id = ?, teller_id = ? ${legWhere}`, e.at, counterId, tellerId, id, leg);
          run("UPDATE tickets SET state = 'called', counter_id = ?, teller_id = ?, called_at = ? WHERE id = ?", counterId, tellerId, e.at, id);
          break;
        case 'ticket.recalled':
          run(`UPDATE ticket_legs SET recalls = recalls + 1, counter_id = ?, teller_id = ? ${legWhere}`, counterId, tellerId, id, leg);
          run('UPDATE tickets SET recall_count = recall_count + 1 WHERE id = ?', id);
          break;
        case 'ticket.serviceStarted':
          run(`UPDATE ticket_legs SET service_started_at = ?, counter_id = ?, teller_id = ? ${legWhere}`, e.at, counterId, tellerId, id, leg);
          run("UPDATE tickets SET state = 'serving', service_started_at = ? WHERE id = ?", e.at, id);
          break;
        case 'ticket.finished':
        case 'ticket.noShow':
        case 'ticket.cancelled': {
          const outcome = e.type === 'ticket.finished' ? 'done' : e.type === 'ticket.noShow' ? 'no_show' : 'cancelled';
          run(`UPDATE ticket_legs SET ended_at = ?, outcome = ? ${legWhere}`, e.at, outcome, id, leg);
          run('UPDATE tickets SET state = ?, ended_at = ? WHERE id = ?', outcome, e.at, id);
          break;
        }
        case 'ticket.reactivated':
          run(`UPDATE ticket_legs SET ended_at = NULL, outcome = NULL ${legWhere}`, id, leg);
          run("UPDATE tickets SET state = 'waiting', ended_at = NULL, queue_key = ? WHERE id = ?", e.queueKey, id);
          break;
        case 'ticket.transferred': {
          run(`UPDATE ticket_legs SET ended_at = ?, outcome = 'transferred' ${legWhere}`, e.at, id, leg);
          const day = (db.prepare('SELECT business_day AS d, priority_reason_id AS p FROM tickets WHERE id = ?').get(id) as { d: string; p: string | null });
          insertLeg.run(id, leg + 1, day.d, e.toServiceId, day.p ? 1 : 0, e.at, localHourAndWeekday(e.at, timeZone).hour);
          run(
            "UPDATE tickets SET state = 'waiting', leg = ?, leg_service_id = ?, leg_started_at = ?, queue_key = ?, counter_id = NULL, teller_id = NULL, called_at = NULL, service_started_at = NULL WHERE id = ?",
            leg + 1, e.toServiceId, e.at, e.queueKey, id,
          );
          break;
        }
      }
    }
  })();
}
