-- Foundation schema (storage contract). Times are epoch milliseconds; local hour/weekday columns are
-- computed in the branch's time zone when the row is written, because SQLite has no time zones.

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  display_number TEXT NOT NULL,
  language TEXT NOT NULL,
  priority_reason_id TEXT,
  issued_at INTEGER NOT NULL,
  issued_hour INTEGER NOT NULL,
  issued_weekday INTEGER NOT NULL,
  estimated_wait_min REAL NOT NULL,
  people_ahead_at_issue INTEGER NOT NULL,
  state TEXT NOT NULL,
  leg INTEGER NOT NULL,
  leg_service_id TEXT NOT NULL,
  leg_started_at INTEGER NOT NULL,
  queue_key REAL NOT NULL,
  target_counter_id TEXT,
  counter_id TEXT,
  teller_id TEXT,
  called_at INTEGER,
  service_started_at INTEGER,
  recall_count INTEGER NOT NULL,
  ended_at INTEGER,
  UNIQUE (business_day, service_id, number)
);
-- Hydration reads the open tickets; reports read by day.
CREATE INDEX tickets_open ON tickets (state) WHERE state IN ('waiting', 'called', 'serving');
CREATE INDEX tickets_ended_at ON tickets (ended_at);

CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  leg INTEGER NOT NULL,
  service_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  counter_id TEXT,
  teller_id TEXT,
  data TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
CREATE INDEX ticket_events_at ON ticket_events (at);

CREATE TABLE counter_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  counter_id TEXT NOT NULL,
  teller_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason_id TEXT
);
CREATE INDEX counter_events_at ON counter_events (at);

CREATE TABLE ticket_legs (
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  leg INTEGER NOT NULL,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  priority INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  started_hour INTEGER NOT NULL,
  first_called_at INTEGER,
  service_started_at INTEGER,
  ended_at INTEGER,
  outcome TEXT,
  counter_id TEXT,
  teller_id TEXT,
  recalls INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (ticket_id, leg)
);
CREATE INDEX ticket_legs_day ON ticket_legs (business_day, service_id);
CREATE INDEX ticket_legs_done ON ticket_legs (service_id, ended_at) WHERE outcome = 'done';

CREATE TABLE counters (
  counter_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  teller_id TEXT,
  pause_reason_id TEXT,
  since INTEGER NOT NULL,
  active_ticket_id TEXT,
  priority_calls_in_cycle INTEGER NOT NULL,
  normal_calls_in_cycle INTEGER NOT NULL
);

CREATE TABLE processed_requests (
  request_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (actor, request_id)
);

CREATE TABLE branch_config (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT UNIQUE,
  printer_url TEXT,
  printer_health TEXT NOT NULL DEFAULT 'unknown',
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER,
  revoked_at INTEGER
);

CREATE TABLE device_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  data TEXT
);
CREATE INDEX device_events_device ON device_events (device_id, at);
