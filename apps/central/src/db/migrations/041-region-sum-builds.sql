-- Each build of a region sum gets a new number: a report checks, after reading sums, that the ones it read are
-- still the ones it chose (a sum dropped and built again in between, by a late event, would otherwise go unseen).
ALTER TABLE rollup_region_periods ADD COLUMN build bigint GENERATED ALWAYS AS IDENTITY;
