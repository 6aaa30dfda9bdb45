-- The idempotency table keyed by (request_id, actor), request id first. Request ids begin with the time they
-- were made (newRequestId, shared/src/protocol/request.ts), so a burst's rows (a hundred tellers calling at
-- once, a group commit) land side by side on the table's last pages. Keyed by actor first, each row went to its
-- actor's part of the table: a page each, about 1.7 WAL pages per call of a 100-teller burst, the largest part of
-- what its commit wrote (docs/BENCHMARKS.md, eighth round). A lookup names both columns, as before; ids of older
-- clients (random) are still found, they only land where they fall.
CREATE TABLE processed_requests_by_time (
  request_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (request_id, actor)
) WITHOUT ROWID;
INSERT INTO processed_requests_by_time (request_id, actor, command, payload_hash, response, at)
SELECT request_id, actor, command, payload_hash, response, at FROM processed_requests;
DROP TABLE processed_requests;
ALTER TABLE processed_requests_by_time RENAME TO processed_requests;
