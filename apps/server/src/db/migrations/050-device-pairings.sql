-- One-time pairing of a kiosk or display: the device asks, shows a short code, a manager enters it,
-- the device collects its token once. Only hashes of the code and of the device's secret are kept.
CREATE TABLE device_pairings (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,                 -- kiosk|display
  code_hash TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,        -- the code is valid until then (at most 10 minutes)
  device_id TEXT REFERENCES devices(id), -- set when a manager entered the code
  paired_at INTEGER,
  claimed_at INTEGER                  -- set when the device collected its token: the pairing is spent
);
CREATE INDEX device_pairings_code ON device_pairings (code_hash);
