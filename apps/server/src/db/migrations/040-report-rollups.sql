-- Report roll-ups: additive figures of one closed business day, per grouping key, so a report over a
-- year reads a few thousand small rows instead of every ticket. A cache of ticket_events: any new event
-- of a day's ticket drops that day's roll-up (trigger below), and the next report rebuilds it.
CREATE TABLE report_rollup_days (
  business_day TEXT PRIMARY KEY,
  starts_at INTEGER NOT NULL,     -- the business day's bounds in the branch's zone when rolled up
  ends_at INTEGER NOT NULL,
  signature TEXT NOT NULL,        -- configuration the figures depend on (targets, zone, counters' services)
  computed_at INTEGER NOT NULL
);
CREATE TABLE report_rollups (
  business_day TEXT NOT NULL REFERENCES report_rollup_days(business_day) ON DELETE CASCADE,
  dim TEXT NOT NULL,              -- service|counter|teller|hour|weekday|day
  key TEXT NOT NULL,              -- the group's value ('' where a leg had no counter or teller)
  data TEXT NOT NULL,             -- JSON: counts, sums, maxima and sparse histograms (see report-partial.ts)
  PRIMARY KEY (dim, business_day, key)
);
CREATE TRIGGER report_rollup_invalidate AFTER INSERT ON ticket_events
BEGIN
  DELETE FROM report_rollup_days
  WHERE business_day = (SELECT business_day FROM tickets WHERE id = NEW.ticket_id);
END;
