-- Ratings from the branches (issues 19 and 21): a branch ships each visit's rating as an outbox record of kind
-- 'rating' (score, visit and time; never the comment). Kept here like every other record: exactly once per
-- (branch, seq), replayed into the branch's replica, whose roll-ups then carry the satisfaction figures.
ALTER TABLE branch_events DROP CONSTRAINT branch_events_kind_check;
ALTER TABLE branch_events ADD CONSTRAINT branch_events_kind_check CHECK (kind IN ('event', 'config', 'rating'));
