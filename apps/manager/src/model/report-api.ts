import { ReportRoute, type GroupBy, type ReportName, type ReportTable } from '@rinda/shared';
import { callRoute, fetchRoute, type ApiResult } from '@rinda/shared/ui/http';
import { saveCsv } from '../api/save-csv';

export function fetchReport(token: string, name: ReportName, from: string, to: string, groupBy: GroupBy): Promise<ApiResult<ReportTable>> {
  return callRoute(ReportRoute, { params: { name }, query: { from, to, groupBy }, token });
}

/** The same report as a CSV file, saved by the browser. */
export async function downloadReportCsv(token: string, table: ReportTable): Promise<ApiResult<string>> {
  const { report: name, from, to, groupBy } = table;
  const response = await fetchRoute(ReportRoute, { params: { name }, query: { from, to, groupBy, format: 'csv' }, token }, 'text/csv');
  return saveCsv(response, `${name}-${groupBy}-${from}-${to}.csv`);
}
