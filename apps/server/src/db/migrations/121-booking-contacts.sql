-- Appointment reminders (issue 20, docs/ARCHITECTURE.md "Appointments"; docs/SECURITY.md "Personal data"). A
-- customer booking on the public page may leave a mobile number for one reminder SMS. Like ticket_contacts
-- (migration 111) it is AES-256-GCM encrypted with the key file in the data directory, never part of a booking
-- event (so never shipped to head office), and the row is deleted once the booking no longer needs it (checked in,
-- cancelled, or its day over), with secure_delete on and the WAL truncated after.
CREATE TABLE booking_contacts (
  booking_id TEXT PRIMARY KEY REFERENCES bookings(id),
  phone_cipher BLOB NOT NULL,
  -- The language the reminder is written in: the one the page was in when booking.
  language TEXT NOT NULL,
  reminded INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- The delivery log takes reminders too: about a booking (no ticket yet) instead of a ticket. Rebuilt, as SQLite
-- cannot change a CHECK; the ids are kept (the gateway may use them to drop a duplicate).
CREATE TABLE sms_deliveries_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT,
  booking_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('near', 'called', 'reminder')),
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((ticket_id IS NULL) <> (booking_id IS NULL))
);
INSERT INTO sms_deliveries_new (id, ticket_id, booking_id, kind, status, attempts, last_error, created_at, updated_at)
  SELECT id, ticket_id, NULL, kind, status, attempts, last_error, created_at, updated_at FROM sms_deliveries;
DROP TABLE sms_deliveries;
ALTER TABLE sms_deliveries_new RENAME TO sms_deliveries;
CREATE INDEX sms_deliveries_ticket ON sms_deliveries (ticket_id);
CREATE INDEX sms_deliveries_booking ON sms_deliveries (booking_id);
