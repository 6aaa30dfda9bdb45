-- Every command stores its ack here, in the transaction a kiosk or teller waits for (issue 22). As a rowid table
-- with a (actor, request_id) key each insert wrote two b-trees: the rows, in rowid order, and the key's index, at
-- a random place (request ids are random). Keyed by (actor, request_id) itself (WITHOUT ROWID) the row lives in
-- the key's b-tree: one page less per command, and a replay's lookup reads one b-tree instead of two. The table
-- holds a week of requests (pruned at start), so rebuilding it is quick.
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
