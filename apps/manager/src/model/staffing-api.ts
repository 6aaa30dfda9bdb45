import { StaffingDay, StaffingWeek, StaffingWhatIf } from '@rinda/shared';
import { callApi, type ApiResult } from '../api/http-api';

/** The staffing routes (docs/REPORTS.md), replies parsed with the schemas the server builds them with. */
export function weekPath(from: string, format: 'json' | 'csv' = 'json'): string {
  const q = new URLSearchParams({ from });
  if (format === 'csv') q.set('format', 'csv');
  return `/api/staffing/week?${q.toString()}`;
}

export function fetchWeek(token: string, from: string): Promise<ApiResult<StaffingWeek>> {
  return callApi(weekPath(from), StaffingWeek, { token });
}

export function fetchDayCheck(token: string, day: string): Promise<ApiResult<StaffingDay>> {
  return callApi(`/api/staffing/day?${new URLSearchParams({ day }).toString()}`, StaffingDay, { token });
}

export interface WhatIfRequest {
  day: string;
  fromHour: number;
  toHour: number;
  serviceId: string;
  extra: number;
}

export function fetchWhatIf(token: string, r: WhatIfRequest): Promise<ApiResult<StaffingWhatIf>> {
  const q = new URLSearchParams({ day: r.day, fromHour: String(r.fromHour), toHour: String(r.toHour), serviceId: r.serviceId, extra: String(r.extra) });
  return callApi(`/api/staffing/what-if?${q.toString()}`, StaffingWhatIf, { token });
}
