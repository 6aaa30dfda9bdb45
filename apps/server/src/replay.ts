/**
 * What head office (apps/central) reuses of the branch to replay a branch's shipped events and report on them
 * exactly as the branch does: the database and its migrations, the event store, hydration, and the report
 * definitions and roll-ups (docs/ARCHITECTURE.md, "Head office"). One place to see what that contract is.
 */
export { openDatabase, type Db } from './db/database';
export { EventStore } from './store/event-store';
export { BookingStore } from './appointments/booking-store';
export { storeRating } from './ratings/rating-store';
export { loadQueueState } from './store/hydrate';
export { dayPartials, firstDayWithData, monthSegments, MONTH_DIMS, periodPartials, type MonthSegment, type RollupDeps } from './reports/rollup-store';
export { computeDayPartials, noDataGroups, type Dim } from './reports/day-partials';
export { businessDayBounds } from './reports/zoned-time';
export { reportSettings, settingsSignature, type ReportSettings } from './reports/report-settings';
export { rollupsWrittenTo, type RollupSink } from './reports/rollup-writes';
export { runReport, type ReportServiceDeps, type ReportQuery } from './reports/report-service';
export { buildRows, dimOf, REPORT_COLUMNS, REPORT_HISTOGRAMS, mergeGroups, type ServiceTarget } from './reports/report-definitions';
export { emptyPartial, encodePartial, mergePartial, type ReportPartial, type LoadedGroups } from './reports/report-partial';
