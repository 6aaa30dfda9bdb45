-- Hydration reads the latest finished tickets of each service for wait estimates.
CREATE INDEX tickets_done_by_service ON tickets (leg_service_id, ended_at) WHERE state = 'done';
