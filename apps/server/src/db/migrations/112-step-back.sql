-- "I need more time" (issue #19): once per visit the customer steps back a few places. The ticket keeps when
-- (tickets.stepped_back_at; its overdue clock restarts then), and its leg that it did (ticket_legs.stepped_back,
-- which reports count); the event itself is a ticket_events row of type 'stepped_back'.
ALTER TABLE tickets ADD COLUMN stepped_back_at INTEGER;
ALTER TABLE ticket_legs ADD COLUMN stepped_back INTEGER NOT NULL DEFAULT 0;
