-- Feedback (issue #19): when a visit ends served, its status page asks a 1-5 rating and an optional short
-- comment, once per ticket (the primary key refuses a second). No personal data is asked for.
CREATE TABLE ratings (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT CHECK (comment IS NULL OR length(comment) <= 280),
  rated_at INTEGER NOT NULL
);
