-- The idempotency table keyed by (actor, request_id) alone, WITHOUT ROWID: one b-tree instead of a rowid table
-- and its key's index, both written by every command a kiosk or teller waits for. Worth it now that a new
-- ticket's stored answer is a reference to its issue event (commands/processed-requests.ts): about 150 bytes a
-- row instead of about 1 KB, so rows inserted at random keys (request ids are random) split few pages. Measured
-- with tests/bench/wal-frames.ts: this table and its index wrote 2.7 WAL pages per ticket, now about 1.8.
-- Rows stored before keep their whole answer, which is still read as it is. The table holds a week at most.
CREATE TABLE processed_requests_by_key (
  request_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (actor, request_id)
) WITHOUT ROWID;
INSERT INTO processed_requests_by_key (request_id, actor, command, payload_hash, response, at)
SELECT request_id, actor, command, payload_hash, response, at FROM processed_requests;
DROP TABLE processed_requests;
ALTER TABLE processed_requests_by_key RENAME TO processed_requests;
