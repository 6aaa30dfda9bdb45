-- Region roll-ups at head office (docs/ARCHITECTURE.md, "Head office"): per region, each closed day and month
-- summed over the region's branches, so a report across whole regions reads a few rows per region and period
-- instead of one per branch. Each row says which branches it sums; a report uses it only when they are exactly
-- the branches of that region it would otherwise read for that period, so a branch behind, new, moved to another
-- region or outside the selection is read from its own roll-ups instead (migration 020), never counted twice.

CREATE TABLE rollup_region_periods (
  region text NOT NULL,
  period text NOT NULL,
  -- The branch ids summed, sorted.
  branches text[] NOT NULL,
  PRIMARY KEY (region, period)
);

-- The sum of the branches' rollup_groups rows of one period, group by group, in the same format.
CREATE TABLE rollup_region_groups (
  region text NOT NULL,
  period text NOT NULL,
  dim text NOT NULL,
  key text NOT NULL,
  data bytea NOT NULL,
  figures bytea NOT NULL,
  PRIMARY KEY (region, period, dim, key),
  FOREIGN KEY (region, period) REFERENCES rollup_region_periods (region, period) ON DELETE CASCADE
);
