-- Every configuration and administration change a manager makes: who, what, when, before and after.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  action TEXT NOT NULL,           -- e.g. service.update, user.create, device.revoke
  target TEXT,                    -- id of what changed
  before TEXT,                    -- JSON or NULL (never a password or its hash)
  after TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
