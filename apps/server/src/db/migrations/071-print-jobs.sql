-- The paper a ticket is owed. A ticket of a kiosk the server prints for gets its row 'pending' in the
-- ticket's own transaction; 'sending' just before its first byte goes to the printer; 'printed' or
-- 'failed' (with the reason) once the printer answered or did not. A retry after a crash reads it: a
-- pending job is printed then (once), one left 'sending' is reported failed, never printed twice.
CREATE TABLE print_jobs (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
  device_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'printed', 'failed')),
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  reason TEXT
);
-- Whether a kiosk's last job left a half ticket on the paper (read once per kiosk after a start).
CREATE INDEX print_jobs_device ON print_jobs (device_id, created_at);
