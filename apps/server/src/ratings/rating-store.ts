import type { ShippedRating } from '@rinda/shared';
import type { Db } from '../db/database';
import { cachedStatement } from '../db/statement-cache';

export interface StoredRating {
  ticketId: string;
  score: number;
  comment: string | null;
  ratedAt: number;
}

/**
 * Writes a visit's rating and its head-office outbox record in one transaction: head office gets each kept rating
 * exactly once, in commit order after its visit's events, or neither is kept. The record carries the score, the
 * visit and the time only; the comment a customer typed stays at the branch (docs/SECURITY.md, "Head office").
 * `outbox: false` leaves the outbox alone: head office replays a branch's shipped ratings through this too.
 */
export function storeRating(db: Db, rating: StoredRating, options: { outbox: boolean } = { outbox: true }): void {
  const shipped: ShippedRating = { ticketId: rating.ticketId, score: rating.score, ratedAt: rating.ratedAt };
  db.transaction(() => {
    cachedStatement(db, 'INSERT INTO ratings (ticket_id, score, comment, rated_at) VALUES (?, ?, ?, ?)').run(rating.ticketId, rating.score, rating.comment, rating.ratedAt);
    if (options.outbox) cachedStatement(db, "INSERT INTO central_outbox (kind, at, body) VALUES ('rating', ?, ?)").run(rating.ratedAt, JSON.stringify(shipped));
  })();
}
