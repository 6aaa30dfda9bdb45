-- Month roll-ups: report_rollup_days / report_rollups also hold whole closed months, keyed 'YYYY-MM'
-- (a day is 'YYYY-MM-DD'), merged from the month's day roll-ups, so a year is about a dozen rows per
-- group. A new event of a day's ticket now drops that day's roll-up and its month's.
DROP TRIGGER report_rollup_invalidate;
CREATE TRIGGER report_rollup_invalidate AFTER INSERT ON ticket_events
BEGIN
  DELETE FROM report_rollup_days
  WHERE business_day IN (
    SELECT business_day FROM tickets WHERE id = NEW.ticket_id
    UNION ALL
    SELECT substr(business_day, 1, 7) FROM tickets WHERE id = NEW.ticket_id);
END;
