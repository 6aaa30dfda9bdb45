-- Which address asked for a pairing: open pairings are limited per address, so a flood from a few
-- addresses cannot use up the places a real device needs (docs/SECURITY.md). A LAN address, no personal data.
ALTER TABLE device_pairings ADD COLUMN requested_from TEXT NOT NULL DEFAULT '';
CREATE INDEX device_pairings_open_from ON device_pairings (requested_from, created_at) WHERE paired_at IS NULL;
