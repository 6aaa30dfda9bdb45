import { createHash } from 'node:crypto';
import { ok, toldWait, type IssuedTicket, type PrintOutcome, type Result, type Ticket } from '@rinda/shared';
import type { Db } from '../db/database';
import type { PersistedCommit } from '../store/event-store';

export interface StoredResponse<T> {
  command: string;
  payloadHash: string;
  response: T;
}

/** What identifies "the same request": the command and its parsed payload, requestId aside. */
export function payloadHash(command: string, payload: Record<string, unknown>): string {
  const { requestId: _requestId, ...rest } = payload;
  return createHash('sha256').update(command).update('\n').update(JSON.stringify(rest)).digest('hex');
}

/** A new ticket's answer: the ticket as issued, its place and wait as told then, its status page and paper. */
export function issuedAnswer(ticket: Ticket, statusUrl: string, print: PrintOutcome): IssuedTicket {
  return { ticket, peopleAhead: ticket.peopleAheadAtIssue, wait: toldWait(ticket), statusPath: statusPathOf(ticket.id), statusUrl, print };
}

export const statusPathOf = (ticketId: string) => `/t/${ticketId}`;

/**
 * A new ticket's answer as stored: the ticket as issued is most of its bytes, and its `ticket.issued` event row
 * holds that same ticket, committed in the same transaction. So the row names that event and keeps only what the
 * event does not say: the status URL the customer was given and the paper's outcome. A row of about 150 bytes
 * instead of about 1 KB: with the table keyed WITHOUT ROWID (migration 140) a ticket writes one WAL page less.
 */
interface IssuedReference {
  issuedEvent: number;
  ticketId: string;
  /** The status URL without its path (`statusPathOf` the ticket), which would repeat the ticket's id. */
  statusBase: string;
  print: PrintOutcome;
}

/** Rows written before migration 140, and every other command's, hold the answer whole. */
type StoredAnswer = Result<unknown> | IssuedReference;

const isReference = (answer: StoredAnswer): answer is IssuedReference => 'issuedEvent' in answer;
const isIssued = (data: unknown): data is IssuedTicket => typeof data === 'object' && data !== null && 'statusUrl' in data && 'ticket' in data;

/** The idempotency table: the first successful response per (actor, requestId). */
export class ProcessedRequests {
  private readonly findStmt;
  private readonly insertStmt;
  private readonly eventStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare('SELECT command, payload_hash AS payloadHash, response FROM processed_requests WHERE actor = ? AND request_id = ?');
    this.insertStmt = db.prepare(
      'INSERT INTO processed_requests (request_id, actor, command, payload_hash, response, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.eventStmt = db.prepare('SELECT data FROM ticket_events WHERE id = ?').pluck();
  }

  /**
   * The answer stored for this actor's requestId. `T` is the answer of the command it was stored for: a caller
   * compares `command` and `payloadHash` with its own request before handing it on.
   */
  find<T>(actor: string, requestId: string): StoredResponse<T> | null {
    const row = this.findStmt.get(actor, requestId) as { command: string; payloadHash: string; response: string } | undefined;
    if (!row) return null;
    const stored = JSON.parse(row.response) as StoredAnswer;
    return { command: row.command, payloadHash: row.payloadHash, response: (isReference(stored) ? this.rebuilt(stored) : stored) as T };
  }

  /**
   * Inside the command's transaction, so the response exists exactly when the effects do. `commit` is the queue
   * events the command committed, null for a command that commits none (a rating).
   */
  save(actor: string, requestId: string, command: string, hash: string, response: Result<unknown>, at: number, commit: PersistedCommit | null): void {
    this.insertStmt.run(requestId, actor, command, hash, JSON.stringify(compact(response, commit)), at);
  }

  private rebuilt(stored: IssuedReference): Result<IssuedTicket> {
    const data = this.eventStmt.get(stored.issuedEvent) as string | undefined;
    const event = data === undefined ? null : (JSON.parse(data) as { type: string; ticket?: Ticket });
    if (event?.type !== 'ticket.issued' || event.ticket?.id !== stored.ticketId)
      throw new Error(`the stored answer names issue event ${stored.issuedEvent}, which is not ticket ${stored.ticketId}'s`);
    return ok(issuedAnswer(event.ticket, stored.statusBase + statusPathOf(event.ticket.id), stored.print));
  }
}

/**
 * A new ticket's answer by reference to its issue event in the same commit, when the answer's ticket is the very
 * object that event serialised (so the rebuilt answer is the same); any other answer whole.
 */
function compact(response: Result<unknown>, commit: PersistedCommit | null): StoredAnswer {
  if (!commit || !response.ok || !isIssued(response.data)) return response;
  const { ticket, statusUrl, print } = response.data;
  const path = statusPathOf(ticket.id);
  const issued = commit.records.find((r) => r.event.type === 'ticket.issued' && r.event.ticket === ticket);
  if (!issued || !statusUrl.endsWith(path)) return response;
  return { issuedEvent: issued.rowId, ticketId: ticket.id, statusBase: statusUrl.slice(0, -path.length), print };
}

/** Retries come within seconds or minutes; a week of responses is plenty and keeps the table small. */
const PROCESSED_REQUEST_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function pruneProcessedRequests(db: Db, now: number): number {
  return db.prepare('DELETE FROM processed_requests WHERE at < ?').run(now - PROCESSED_REQUEST_RETENTION_MS).changes;
}
