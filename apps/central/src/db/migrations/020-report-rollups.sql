-- Report roll-ups at head office (docs/ARCHITECTURE.md, "Head office"): each branch's day and month partials,
-- built once per closed day by the branch's own roll-up code on head office's replica and copied here, so a
-- report across branches reads pre-aggregated rows (per branch, period and group) rather than tickets.

-- What head office has rolled up of each branch: through which record, as of which branch clock, and the
-- settings the figures depend on (a change of targets or zone drops the branch's periods, which are rebuilt).
CREATE TABLE rollup_branches (
  branch_id text PRIMARY KEY REFERENCES branches (id),
  signature text NOT NULL,
  published_seq bigint NOT NULL,
  -- The branch's complete_until at publication: the "now" its figures are as of.
  published_until bigint NOT NULL,
  -- The first business day with a ticket or counter event (null: none yet); days before it have no roll-up.
  first_data_day text,
  -- ReportSettings (zone, day start, targets, counters' services) and each service's target and goal.
  settings jsonb NOT NULL,
  services jsonb NOT NULL
);

-- One row per rolled-up period of a branch: a business day 'YYYY-MM-DD' or a whole closed month 'YYYY-MM'.
-- closed = false only for the day open at published_until, replaced at the next publication.
CREATE TABLE rollup_periods (
  branch_id text NOT NULL REFERENCES rollup_branches (branch_id) ON DELETE CASCADE,
  period text NOT NULL,
  closed boolean NOT NULL,
  PRIMARY KEY (branch_id, period)
);

-- The additive figures of one group (dim: service|counter|teller|hour|total) in one period, in the branch's
-- roll-up format (report-partial.ts: counts, sums, maxima, packed histogram buckets). `figures` is the same
-- without histograms, a third of the bytes: what the hourly and counters reports read.
CREATE TABLE rollup_groups (
  branch_id text NOT NULL,
  period text NOT NULL,
  dim text NOT NULL,
  key text NOT NULL,
  data bytea NOT NULL,
  figures bytea NOT NULL,
  PRIMARY KEY (branch_id, period, dim, key),
  FOREIGN KEY (branch_id, period) REFERENCES rollup_periods (branch_id, period) ON DELETE CASCADE
);
