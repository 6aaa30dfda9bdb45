-- The outbox for head office (docs/ARCHITECTURE.md, "Head office"): every committed event and every change of
-- the branch configuration, written in the same transaction as the change itself, numbered in commit order.
-- AUTOINCREMENT: a sequence number is never reused, even after shipped rows are pruned.
CREATE TABLE central_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'config')),
  at INTEGER NOT NULL,
  body TEXT NOT NULL
);

-- The link to head office: which branch this is there, its token, and what head office confirmed it holds.
CREATE TABLE central_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  token TEXT NOT NULL,
  stored_through INTEGER NOT NULL DEFAULT 0,
  last_shipped_at INTEGER,
  last_error TEXT
);

-- A branch that already has a history ships it too, in the order it was committed: the configuration first,
-- then ticket and counter events interleaved as migration 081 records (older counter rows by time).
INSERT INTO central_outbox (kind, at, body) SELECT 'config', updated_at, json FROM branch_config;
INSERT INTO central_outbox (kind, at, body)
SELECT 'event', at, body FROM (
  SELECT at, data AS body, id AS after_ticket, 0 AS side, id AS row_id FROM ticket_events WHERE data IS NOT NULL
  UNION ALL
  SELECT c.at,
    CASE c.type WHEN 'paused'
      THEN json_object('type', 'counter.paused', 'at', c.at, 'counterId', c.counter_id, 'tellerId', c.teller_id, 'reasonId', c.reason_id)
      ELSE json_object('type', 'counter.' || CASE c.type WHEN 'signed_in' THEN 'signedIn' WHEN 'signed_out' THEN 'signedOut' ELSE c.type END,
        'at', c.at, 'counterId', c.counter_id, 'tellerId', c.teller_id) END,
    coalesce(c.after_ticket_event, (SELECT max(id) FROM ticket_events t WHERE t.at <= c.at), 0), 1, c.id
  FROM counter_events c
)
ORDER BY after_ticket, side, row_id;
