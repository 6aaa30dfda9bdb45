-- Honest waits (issue 16): a ticket keeps the whole range it was told, and whether it was told a number at all.
-- estimated_wait_min stays the typical wait; estimated_wait_at_most_min is the "at most" (NULL on tickets issued
-- before it existed, and when no number was told); wait_told is 0 when the customer was told that no counter
-- serving the service was open instead of a number (estimated_wait_min then holds 0 and means nothing).
-- Adding columns with constant defaults rewrites no rows: instant on a year of history.
ALTER TABLE tickets ADD COLUMN estimated_wait_at_most_min REAL;
ALTER TABLE tickets ADD COLUMN wait_told INTEGER NOT NULL DEFAULT 1;
