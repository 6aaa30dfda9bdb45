import { z } from 'zod';
import { callApi, type ApiResult } from '../api/http-api';

export const Cell = z.union([z.string(), z.number(), z.null()]);
export const ReportTable = z.object({
  report: z.string(),
  from: z.string(),
  to: z.string(),
  groupBy: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), Cell)),
});
export type ReportTable = z.infer<typeof ReportTable>;
export type ReportName = 'summary' | 'hourly' | 'counters' | 'wait-histogram';
export type GroupBy = 'service' | 'counter' | 'teller' | 'hour' | 'weekday' | 'day';
export const GROUP_BYS: GroupBy[] = ['service', 'counter', 'teller', 'hour', 'weekday', 'day'];

export function reportPath(name: ReportName, from: string, to: string, groupBy: GroupBy, format: 'json' | 'csv' = 'json'): string {
  const q = new URLSearchParams({ from, to, groupBy });
  if (format === 'csv') q.set('format', 'csv');
  return `/api/reports/${name}?${q.toString()}`;
}

export function fetchReport(token: string, name: ReportName, from: string, to: string, groupBy: GroupBy): Promise<ApiResult<ReportTable>> {
  return callApi(reportPath(name, from, to, groupBy), ReportTable, { token });
}
