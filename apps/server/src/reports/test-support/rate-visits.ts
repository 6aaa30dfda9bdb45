import type { Db } from '../../db/database';
import { storeRating } from '../../ratings/rating-store';

/**
 * Rates two in three served visits a minute after they ended, with every score and a comment on some, through the
 * branch's own rating store: each rating is kept and enters the head-office outbox as a real one does. Visits rated
 * at or after `before` are left unrated (a history cut where head office stops holding it).
 */
export function rateServedVisits(db: Db, before = Number.MAX_SAFE_INTEGER): number {
  const visits = db
    .prepare(`SELECT id, number, ended_at FROM tickets WHERE state = 'done' AND number % 3 <> 0 AND ended_at + 60000 < ? ORDER BY ended_at, id`)
    .all(before) as { id: string; number: number; ended_at: number }[];
  db.transaction(() => {
    for (const v of visits) storeRating(db, { ticketId: v.id, score: (v.number % 5) + 1, comment: v.number % 2 === 0 ? 'Quick and kind' : null, ratedAt: v.ended_at + 60_000 });
  })();
  return visits.length;
}
