-- Ratings reach head office (issues 19 and 21): a rating is a row of `ratings`, not an event, so it gets an outbox
-- record of its own kind, 'rating', written with the row (apps/server/src/ratings/rating-store.ts). Its body is
-- the score, the visit and the time only: the customer's comment never leaves the branch (docs/SECURITY.md).

-- SQLite cannot widen a CHECK in place: the outbox is rebuilt with the same rows, and its AUTOINCREMENT counter
-- carried over, so a sequence number already shipped (and perhaps pruned) is never handed out again.
CREATE TABLE central_outbox_next (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'config', 'rating')),
  at INTEGER NOT NULL,
  body TEXT NOT NULL
);
INSERT INTO central_outbox_next (seq, kind, at, body) SELECT seq, kind, at, body FROM central_outbox ORDER BY seq;
DELETE FROM sqlite_sequence WHERE name = 'central_outbox_next';
INSERT INTO sqlite_sequence (name, seq) SELECT 'central_outbox_next', seq FROM sqlite_sequence WHERE name = 'central_outbox';
DROP TABLE central_outbox;
ALTER TABLE central_outbox_next RENAME TO central_outbox;

-- Ratings kept before this migration ship too, after everything already in the outbox (so after their visits'
-- events), in the order they were given.
INSERT INTO central_outbox (kind, at, body)
SELECT 'rating', rated_at, json_object('ticketId', ticket_id, 'score', score, 'ratedAt', rated_at) FROM ratings ORDER BY rated_at, ticket_id;

-- A rating changes its visit's day figures, as a late event does (migration 042): it drops that day's roll-up and
-- its month's. At a branch a rating is always of the open day, which has none; head office's replica (the same
-- schema) may receive one of the ratings above for a day it already rolled up, which is then rebuilt.
CREATE TRIGGER report_rollup_invalidate_on_rating AFTER INSERT ON ratings
BEGIN
  DELETE FROM report_rollup_days
  WHERE business_day IN (
    SELECT business_day FROM tickets WHERE id = NEW.ticket_id
    UNION ALL
    SELECT substr(business_day, 1, 7) FROM tickets WHERE id = NEW.ticket_id);
END;
