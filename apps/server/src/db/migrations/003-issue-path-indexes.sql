-- Every index is written by the command that changes its rows, inside the transaction a kiosk waits for.
-- Issuing a ticket wrote four entries no query reads; keep only the indexes a query uses (EXPLAIN QUERY PLAN).
-- Hydration reads called/serving tickets and recent no-shows; waiting ones come by business_day through the
-- (business_day, service_id, number) key. Partial indexes on exactly those states: a new ticket (waiting)
-- enters neither, and the planner can use them (the old tickets_open named three states and was never chosen).
DROP INDEX tickets_open;
DROP INDEX tickets_ended_at;
CREATE INDEX tickets_in_service ON tickets (state) WHERE state IN ('called', 'serving');
CREATE INDEX tickets_no_show_ended ON tickets (ended_at) WHERE state = 'no_show';
-- No query reads ticket_events by ticket or by time (displays read the latest calls by id; reports read
-- ticket_legs), and tickets are never deleted, so the foreign key needs no index on the child side.
DROP INDEX ticket_events_ticket;
DROP INDEX ticket_events_at;
-- No query reads finished legs by service and end (wait estimates come from tickets_done_by_service).
DROP INDEX ticket_legs_done;
