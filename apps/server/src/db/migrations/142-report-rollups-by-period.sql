-- Report roll-up rows by period. Their key starts with dim, so replacing or dropping a period's rows (a
-- roll-up stored again; the ON DELETE CASCADE when a late event drops a day's or month's roll-up) scanned the
-- whole table: 80 ms a period on a 1M-ticket branch (160 000 rows, 110 MB), with the write lock held. By this
-- index it is a lookup (docs/BENCHMARKS.md, fourteenth round).
CREATE INDEX report_rollups_by_period ON report_rollups (business_day);
