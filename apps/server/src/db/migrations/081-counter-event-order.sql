-- Where a counter's event falls among the ticket events: the id of the last ticket event committed before it.
-- Both logs are ordered by their own ids only, and at one millisecond a teller can call, pause and resume: the
-- wait estimate's history, rebuilt at start (store/wait-history-rows.ts), must replay them in commit order, as
-- memory saw them. NULL on rows written before this migration (they are replayed by time, as before).
ALTER TABLE counter_events ADD COLUMN after_ticket_event INTEGER;
