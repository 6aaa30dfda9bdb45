-- Appointments beside walk-ins (issue 20, docs/ARCHITECTURE.md "Appointments"). One row per booking, its
-- current state; every change also appended to booking_events (what the reports and the audit read).
-- No personal data: a booking is a code, a service and a slot.
CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  -- Normalised Crockford base32, 10 characters: what the customer types or the QR code holds.
  code TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL,
  -- The slot as people name it (local date and time) and as instants.
  slot_date TEXT NOT NULL,
  slot_time TEXT NOT NULL,
  slot_start INTEGER NOT NULL,
  slot_end INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('booked', 'checkedIn', 'cancelled')),
  booked_at INTEGER NOT NULL,
  booked_by TEXT,
  checked_in_at INTEGER,
  arrival TEXT CHECK (arrival IN ('early', 'onTime', 'late', 'walkIn')),
  ticket_id TEXT
);
-- Places taken in a slot (the capacity check, inside the booking's transaction) and a day's list.
CREATE INDEX bookings_slot ON bookings (service_id, slot_start) WHERE state <> 'cancelled';
CREATE INDEX bookings_day ON bookings (slot_date, slot_start);

CREATE TABLE booking_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  booking_id TEXT NOT NULL REFERENCES bookings(id),
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  -- Who made the change (a staff user), null for a kiosk or the public page.
  user_id TEXT,
  data TEXT
);
CREATE INDEX booking_events_booking ON booking_events (booking_id);
CREATE INDEX booking_events_at ON booking_events (at);
