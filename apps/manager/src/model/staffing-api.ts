import { StaffingDayRoute, StaffingWeekRoute, StaffingWhatIfRoute, type StaffingDay, type StaffingWeek, type StaffingWhatIf, type StaffingWhatIfQuery } from '@rinda/shared';
import { callRoute, fetchRoute, type ApiResult } from '@rinda/shared/ui/http';
import { saveCsv } from '../api/save-csv';

/** The staffing routes (shared/src/http/staffing.ts), called through the one typed client. */
export function fetchWeek(token: string, from: string): Promise<ApiResult<StaffingWeek>> {
  return callRoute(StaffingWeekRoute, { query: { from }, token });
}

/** The week as a CSV file, saved by the browser. */
export async function downloadWeekCsv(token: string, from: string): Promise<ApiResult<string>> {
  return saveCsv(await fetchRoute(StaffingWeekRoute, { query: { from, format: 'csv' }, token }, 'text/csv'), `staffing-week-${from}.csv`);
}

export function fetchDayCheck(token: string, day: string): Promise<ApiResult<StaffingDay>> {
  return callRoute(StaffingDayRoute, { query: { day }, token });
}

export type WhatIfRequest = Omit<StaffingWhatIfQuery, 'format'>;

export function fetchWhatIf(token: string, query: WhatIfRequest): Promise<ApiResult<StaffingWhatIf>> {
  return callRoute(StaffingWhatIfRoute, { query, token });
}
