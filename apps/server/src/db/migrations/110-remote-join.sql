-- Remote join (issue #19): a ticket taken from a phone outside the branch, and its "I'm here".
-- channel: 'kiosk' (every ticket before this migration) or 'remote'; confirmed_at: when a remote ticket's
-- customer said "I'm here" (or was reactivated at a counter), null until then and for kiosk tickets.
ALTER TABLE tickets ADD COLUMN channel TEXT NOT NULL DEFAULT 'kiosk' CHECK (channel IN ('kiosk', 'remote'));
ALTER TABLE tickets ADD COLUMN confirmed_at INTEGER;
