import { APPOINTMENT_REPORT_COLUMNS, appointmentReport, type AppointmentReportQuery, type BookingFact, type WalkInFact } from '@rinda/shared';
import { encodeCsv, encodeJson, type EncodedReport } from '../reports/report-definitions';
import type { ReportServiceDeps } from '../reports/report-service';

/**
 * The appointments report in the report worker (its own read connection): the bookings of the range with the
 * first call of their check-in ticket, and the first legs of the other tickets of the same services.
 */
export function appointmentReportBytes(deps: ReportServiceDeps, query: AppointmentReportQuery): EncodedReport {
  const db = deps.readDb;
  const bookings = db
    .prepare(
      `SELECT b.service_id AS serviceId, b.slot_date AS date, b.state, b.arrival, b.slot_start AS slotStart, b.slot_end AS slotEnd,
              l.first_called_at AS calledAt
       FROM bookings b LEFT JOIN ticket_legs l ON l.ticket_id = b.ticket_id AND l.leg = 1
       WHERE b.slot_date BETWEEN ? AND ?`,
    )
    .all(query.from, query.to) as BookingFact[];
  const walkIns = db
    .prepare(
      `SELECT l.service_id AS serviceId, l.business_day AS businessDay,
              CASE WHEN l.first_called_at IS NULL THEN NULL ELSE l.first_called_at - l.started_at END AS waitMs
       FROM ticket_legs l
       WHERE l.leg = 1 AND l.business_day BETWEEN ? AND ?
         AND l.service_id IN (SELECT DISTINCT service_id FROM bookings WHERE slot_date BETWEEN ? AND ?)
         AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.ticket_id = l.ticket_id)`,
    )
    .all(query.from, query.to, query.from, query.to) as WalkInFact[];
  const rows = appointmentReport(bookings, walkIns, deps.now());
  return query.format === 'csv' ? encodeCsv(APPOINTMENT_REPORT_COLUMNS, rows) : encodeJson({ from: query.from, to: query.to, rows });
}
