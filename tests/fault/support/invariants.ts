import type Database from 'better-sqlite3';

const ENDS_ACTIVITY = new Set(['finished', 'no_show', 'transferred', 'cancelled']);

/**
 * Replays ticket_events in order and lists every moment a ticket was called while active at another
 * counter, or a counter was given a ticket while it held another. Empty means neither ever happened.
 */
export function activityViolations(db: Database.Database): string[] {
  const events = db.prepare('SELECT id, ticket_id AS ticketId, type, counter_id AS counterId FROM ticket_events ORDER BY id').all() as {
    id: number;
    ticketId: string;
    type: string;
    counterId: string | null;
  }[];
  const activeAt = new Map<string, string>(); // ticket → counter
  const holding = new Map<string, string>(); // counter → ticket
  const violations: string[] = [];
  for (const e of events) {
    if (e.type === 'called' && e.counterId) {
      const current = activeAt.get(e.ticketId);
      if (current && current !== e.counterId) violations.push(`event ${e.id}: ticket ${e.ticketId} called at ${e.counterId} while active at ${current}`);
      const held = holding.get(e.counterId);
      if (held && held !== e.ticketId) violations.push(`event ${e.id}: counter ${e.counterId} got ${e.ticketId} while holding ${held}`);
      activeAt.set(e.ticketId, e.counterId);
      holding.set(e.counterId, e.ticketId);
    } else if (ENDS_ACTIVITY.has(e.type)) {
      const counter = activeAt.get(e.ticketId);
      activeAt.delete(e.ticketId);
      if (counter && holding.get(counter) === e.ticketId) holding.delete(counter);
    }
  }
  return violations;
}

/** (business day, service, number) that occur more than once. */
export function repeatedNumbers(db: Database.Database): unknown[] {
  return db.prepare('SELECT business_day, service_id, number, COUNT(*) AS n FROM tickets GROUP BY 1, 2, 3 HAVING n > 1').all();
}

export function integrity(db: Database.Database): string {
  return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
}

/** The ticket each stored ticket:issue response names, per (actor, requestId). */
export function issuedByRequest(db: Database.Database): Map<string, string> {
  const rows = db.prepare("SELECT actor, request_id AS requestId, response FROM processed_requests WHERE command = 'ticket:issue'").all() as {
    actor: string;
    requestId: string;
    response: string;
  }[];
  // Stored whole ({ok, data: {ticket}}), or since migration 140 by reference to the issue event ({ticketId, …}).
  const ticketOf = (stored: { ticketId?: string; data?: { ticket: { id: string } } }) => stored.ticketId ?? stored.data?.ticket.id;
  return new Map(rows.map((r) => [`${r.actor}\n${r.requestId}`, ticketOf(JSON.parse(r.response) as Parameters<typeof ticketOf>[0]) ?? '']));
}
