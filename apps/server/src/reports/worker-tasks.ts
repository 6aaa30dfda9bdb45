import type { AppointmentReportQuery, LiveStaffingInputs, StaffingDayQuery, StaffingWeekQuery, StaffingWhatIfQuery } from '@rinda/shared';
import { encodeCsv, encodeJson, type EncodedReport, type ReportFormat } from './report-definitions';
import { encodedReport, warmUpRollups, type ReportQuery, type ReportServiceDeps } from './report-service';

/**
 * Everything the report worker does, by kind: reports, the roll-up warm-up, and staffing advice (forecast,
 * Erlang, simulation), which read the same roll-ups. Replies meant for HTTP leave encoded as JSON or CSV.
 * Staffing's modules load on its first task: a worker started for a report does not load (or, from source,
 * compile) them.
 */
export type WorkerTask =
  | { kind: 'report'; query: ReportQuery; format: ReportFormat }
  | { kind: 'warmUp' }
  | { kind: 'staffingWeek'; query: StaffingWeekQuery }
  | { kind: 'staffingDay'; query: StaffingDayQuery }
  | { kind: 'staffingWhatIf'; query: StaffingWhatIfQuery }
  | { kind: 'staffingLive' }
  | { kind: 'appointments'; query: AppointmentReportQuery };

export interface WorkerResults {
  report: EncodedReport;
  warmUp: null;
  staffingWeek: EncodedReport;
  staffingDay: EncodedReport;
  staffingWhatIf: EncodedReport;
  staffingLive: LiveStaffingInputs;
  appointments: EncodedReport;
}

export async function runTask(deps: ReportServiceDeps, task: WorkerTask): Promise<WorkerResults[WorkerTask['kind']]> {
  switch (task.kind) {
    case 'report':
      return encodedReport(deps, task.query, task.format);
    case 'warmUp':
      return warmUpRollups(deps);
    case 'staffingWeek': {
      const { staffingWeek, WEEK_CSV_COLUMNS, weekCsvRows } = await import('../staffing/staffing-advice');
      const week = await staffingWeek(deps, task.query.from);
      return task.query.format === 'csv' ? encodeCsv(WEEK_CSV_COLUMNS, weekCsvRows(week)) : encodeJson(week);
    }
    case 'staffingDay': {
      const { staffingDay } = await import('../staffing/staffing-simulated');
      const day = await staffingDay(deps, task.query.day);
      const rows = day.hours.flatMap((h) =>
        Object.entries(h.serviceLevels).map(([serviceId, level]) => ({ day: day.day, hour: h.hour, counters: h.counters, counterIds: h.counterIds.join(' '), meetsGoals: h.meetsGoals ? 'yes' : 'no', serviceId, serviceLevelPercent: level })),
      );
      return task.query.format === 'csv' ? encodeCsv(['day', 'hour', 'counters', 'counterIds', 'meetsGoals', 'serviceId', 'serviceLevelPercent'], rows) : encodeJson(day);
    }
    case 'staffingWhatIf': {
      const { staffingWhatIf } = await import('../staffing/staffing-simulated');
      const whatIf = await staffingWhatIf(deps, task.query);
      return task.query.format === 'csv'
        ? encodeCsv(['serviceId', 'goalPercent', 'baselinePercent', 'withChangePercent', 'erlangBaselinePercent', 'erlangWithChangePercent'], whatIf.services)
        : encodeJson(whatIf);
    }
    case 'staffingLive':
      return (await import('../staffing/staffing-live')).liveStaffingInputs(deps);
    case 'appointments':
      return (await import('../appointments/appointment-report-rows')).appointmentReportBytes(deps, task.query);
  }
}

/** A reply carrying bytes (EncodedReport) hands its buffer over to the server's thread instead of copying it. */
export function transferables(data: unknown): ArrayBuffer[] {
  const body = (data as EncodedReport | null)?.body;
  return body instanceof Uint8Array ? [body.buffer as ArrayBuffer] : [];
}
