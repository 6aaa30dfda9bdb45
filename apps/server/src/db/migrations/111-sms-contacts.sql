-- SMS alerts (issue #19). ticket_contacts holds the only personal data Rinda keeps: a customer's mobile number,
-- AES-256-GCM encrypted with the key file in the data directory, for one visit; the row is deleted when the
-- visit ends (with secure_delete on, and the WAL truncated after: docs/SECURITY.md, "Personal data").
-- sms_deliveries is the delivery log: which message for which ticket, how it went; never the number.
CREATE TABLE ticket_contacts (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
  phone_cipher BLOB NOT NULL,
  near_sent INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE sms_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('near', 'called')),
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX sms_deliveries_ticket ON sms_deliveries (ticket_id);
