import { dateIsoWeekday, type Cell, type GroupBy, type ReportName, type ReportTable } from '@rinda/shared';
import type { Dim } from './day-partials';
import { emptyPartial, mergePartial, SATISFACTION_WAIT_BANDS, type HistogramName, type LoadedGroups, type ReportPartial } from './report-partial';
import { forEachBucket, histogramPercentile, type Histogram } from './wait-histogram';


export interface ServiceTarget {
  targetWaitMin: number;
  goalPercent: number;
}

export function dimOf(groupBy: GroupBy): Dim {
  return groupBy === 'day' || groupBy === 'weekday' ? 'total' : groupBy;
}

/** The histograms each report's rows are derived from: merging leaves the others out. */
export const REPORT_HISTOGRAMS: Record<ReportName, readonly HistogramName[]> = {
  summary: ['waitHist', 'serviceHist', 'estimateHist'],
  hourly: [],
  counters: [],
  'wait-histogram': ['waitHist'],
  'wait-promises': ['promiseHist'],
  satisfaction: [],
  'satisfaction-by-wait': [],
};

/**
 * Merges per-day partials into one partial per group of the requested grouping, with the histograms named; into
 * `out` when given (head office merges every branch's days into one accumulator).
 */
export function mergeGroups(
  days: Map<string, LoadedGroups>,
  groupBy: GroupBy,
  histograms: readonly HistogramName[],
  out = new Map<string, ReportPartial>(),
): Map<string, ReportPartial> {
  for (const [day, groups] of days) {
    for (const [key, p] of groups) {
      const group = groupBy === 'day' ? day : groupBy === 'weekday' ? String(dateIsoWeekday(day)) : key;
      let acc = out.get(group);
      if (!acc) out.set(group, (acc = emptyPartial(histograms)));
      mergePartial(acc, p);
    }
  }
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const ratio = (num: number, den: number, scale = 1) => (den > 0 ? round1((num / den) * scale) : null);
const seconds = (ms: number, n: number) => (n > 0 ? round1(ms / n / 1000) : null);
const minutes = (ms: number) => round1(ms / 60_000);

export const REPORT_COLUMNS: Record<ReportName, string[]> = {
  summary: [
    'group', 'visits', 'served', 'unserved', 'legs', 'legsCalled', 'noShows', 'noShowRatePercent',
    'waitMeanSec', 'waitP50Sec', 'waitP90Sec', 'waitP95Sec', 'serviceMeanSec', 'serviceP50Sec', 'serviceP90Sec',
    'serviceLevelPercent', 'targetMin', 'goalPercent', 'estimateErrorMeanSec', 'estimateErrorP90Sec', 'stepBacks',
  ],
  hourly: ['group', 'arrivals', 'servedInHour', 'queueMax', 'queueMean'],
  counters: ['group', 'signedInMin', 'pausedMin', 'availableMin', 'servingMin', 'utilisationPercent', 'idleMin'],
  'wait-histogram': ['group', 'fromMin', 'toMin', 'legs', 'targetMin'],
  satisfaction: ['group', 'served', 'ratings', 'responseRatePercent', 'meanScore', 'score1', 'score2', 'score3', 'score4', 'score5'],
  'satisfaction-by-wait': ['group', 'fromMin', 'toMin', 'ratings', 'meanScore'],
  'wait-promises': [
    'group', 'visits', 'toldRange', 'toldNoCounter', 'called', 'waitMeanSec', 'biasSec', 'meanAbsErrorSec', 'absErrorP90Sec', 'promiseKeptPercent',
  ],
};

export function buildRows(name: ReportName, groupBy: GroupBy, groups: Map<string, ReportPartial>, targets: Record<string, ServiceTarget>): Record<string, Cell>[] {
  const keys = [...groups.keys()].sort(compareKeys);
  const target = (key: string) => (groupBy === 'service' ? targets[key] : undefined);
  switch (name) {
    case 'summary':
      return keys.filter((key) => groups.get(key)!.visits > 0 || groups.get(key)!.legs > 0).map((key) => {
        const p = groups.get(key)!;
        return {
          group: key, visits: p.visits, served: p.served, unserved: p.unserved, legs: p.legs, legsCalled: p.legsCalled,
          noShows: p.noShows, noShowRatePercent: ratio(p.noShows, p.legsCalled, 100),
          waitMeanSec: seconds(p.waitSumMs, p.legsCalled), waitP50Sec: histogramPercentile(p.waitHist, 0.5),
          waitP90Sec: histogramPercentile(p.waitHist, 0.9), waitP95Sec: histogramPercentile(p.waitHist, 0.95),
          serviceMeanSec: seconds(p.serviceSumMs, p.serviceN), serviceP50Sec: histogramPercentile(p.serviceHist, 0.5),
          serviceP90Sec: histogramPercentile(p.serviceHist, 0.9),
          serviceLevelPercent: ratio(p.slWithin, p.slDenominator, 100),
          targetMin: target(key)?.targetWaitMin ?? null, goalPercent: target(key)?.goalPercent ?? null,
          estimateErrorMeanSec: seconds(p.estimateErrSumMs, p.estimateN), estimateErrorP90Sec: histogramPercentile(p.estimateHist, 0.9),
          stepBacks: p.stepBacks,
        };
      });
    case 'hourly':
      return keys.map((key) => {
        const p = groups.get(key)!;
        return { group: key, arrivals: p.visits, servedInHour: p.servedInHour, queueMax: p.queueMax, queueMean: p.observedMs > 0 ? Math.round((p.queueAreaMs / p.observedMs) * 100) / 100 : null };
      });
    case 'counters':
      return keys
        .filter((key) => key !== '' && (groups.get(key)!.signedInMs > 0 || groups.get(key)!.serviceSumMs > 0))
        .map((key) => {
          const p = groups.get(key)!;
          return {
            group: key, signedInMin: minutes(p.signedInMs), pausedMin: minutes(p.pausedMs), availableMin: minutes(p.availableMs),
            servingMin: minutes(p.serviceSumMs), utilisationPercent: ratio(p.serviceSumMs, p.availableMs, 100), idleMin: minutes(p.idleMs),
          };
        });
    case 'wait-promises':
      return keys.filter((key) => groups.get(key)!.visits > 0).map((key) => {
        const p = groups.get(key)!;
        return {
          group: key, visits: p.visits, toldRange: p.toldRange, toldNoCounter: p.toldNoCounter, called: p.promiseCalled,
          waitMeanSec: seconds(p.promiseWaitSumMs, p.promiseCalled), biasSec: seconds(p.promiseErrSumMs, p.promiseCalled),
          meanAbsErrorSec: seconds(p.promiseAbsErrSumMs, p.promiseCalled), absErrorP90Sec: histogramPercentile(p.promiseHist, 0.9),
          promiseKeptPercent: ratio(p.promiseKept, p.promiseDen, 100),
        };
      });
    case 'satisfaction':
      return keys.filter((key) => groups.get(key)!.served > 0 || groups.get(key)!.ratings > 0).map((key) => {
        const p = groups.get(key)!;
        return {
          group: key, served: p.served, ratings: p.ratings, responseRatePercent: ratio(p.ratings, p.served, 100), meanScore: ratio(p.ratingSum, p.ratings),
          score1: p.rated1, score2: p.rated2, score3: p.rated3, score4: p.rated4, score5: p.rated5,
        };
      });
    case 'satisfaction-by-wait':
      return keys.flatMap((key) => waitBands(groups.get(key)!).map((band) => ({ group: key, ...band })));
    case 'wait-histogram':
      return keys.flatMap((key) => minuteBins(groups.get(key)!.waitHist).map((bin) => ({ group: key, ...bin, targetMin: target(key)?.targetWaitMin ?? null })));
  }
}

/** A group's ratings by the visit's wait band: bands with ratings only, `toMin` null for the open-ended last. */
function waitBands(p: ReportPartial): { fromMin: number; toMin: number | null; ratings: number; meanScore: number | null }[] {
  const counts = [p.bandRatings0, p.bandRatings1, p.bandRatings2, p.bandRatings3, p.bandRatings4, p.bandRatings5];
  const sums = [p.bandRatingSum0, p.bandRatingSum1, p.bandRatingSum2, p.bandRatingSum3, p.bandRatingSum4, p.bandRatingSum5];
  return SATISFACTION_WAIT_BANDS.flatMap((fromMin, i) =>
    counts[i]! > 0 ? [{ fromMin, toMin: SATISFACTION_WAIT_BANDS[i + 1] ?? null, ratings: counts[i]!, meanScore: ratio(sums[i]!, counts[i]!) }] : [],
  );
}

/**
 * Waits per whole minute: bin m holds waits over m and up to m+1 minutes (0 s falls in the first). Buckets
 * come in order, so each minute's buckets are consecutive (a report by day has 365 groups of these).
 */
function minuteBins(h: Histogram): { fromMin: number; toMin: number; legs: number }[] {
  const bins: { fromMin: number; toMin: number; legs: number }[] = [];
  forEachBucket(h, (seconds, count) => {
    const m = Math.max(0, Math.ceil(seconds / 60) - 1);
    const last = bins[bins.length - 1];
    if (last?.fromMin === m) last.legs += count;
    else bins.push({ fromMin: m, toMin: m + 1, legs: count });
  });
  return bins;
}

function compareKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.localeCompare(b);
}

export type ReportFormat = 'json' | 'csv';

/** A report as the HTTP reply carries it, encoded where it was computed (the worker, not the live path's thread). */
export interface EncodedReport {
  contentType: string;
  body: Uint8Array;
}

/** Readable names of a report's groups (service, counter and teller ids), given next to the ids in CSV. */
export type GroupNames = ReadonlyMap<string, string>;

export function encodeReport(table: ReportTable, format: ReportFormat, names: GroupNames | null = null): EncodedReport {
  // TextEncoder gives the bytes an ArrayBuffer of their own, which the worker hands over without a copy.
  const encoder = new TextEncoder();
  return format === 'csv'
    ? { contentType: 'text/csv; charset=utf-8', body: encoder.encode(toCsv(table, names)) }
    : { contentType: 'application/json; charset=utf-8', body: encoder.encode(JSON.stringify(table)) };
}

/**
 * Text a spreadsheet reads as a formula when it begins a cell (OWASP "CSV injection"): =, +, -, @, tab, CR.
 * A user id or a name can begin so; such a cell gets a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Only text is guarded: numbers come from the server's own arithmetic (a negative estimate
 * error is "-12.5", a number to the spreadsheet, never a formula), and guarding them would turn them into text.
 */
export function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The table as CSV; with names, a `groupName` column follows `group` (the id), as the screen shows names. */
export function toCsv(table: ReportTable, names: GroupNames | null = null): string {
  const columns = names ? table.columns.flatMap((c) => (c === 'group' ? ['group', 'groupName'] : [c])) : table.columns;
  const value = (row: Record<string, Cell>, c: string): Cell => (c === 'groupName' ? (names?.get(String(row.group)) ?? null) : (row[c] ?? null));
  return csvText(columns, table.rows, value);
}

/** A header row of the columns, then one line per row, every cell through csvCell; CRLF line ends. */
function csvText<R>(columns: readonly string[], rows: readonly R[], value: (row: R, column: string) => Cell): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(value(r, c))).join(','))].join('\r\n') + '\r\n';
}

// TextEncoder gives the bytes an ArrayBuffer of their own, which the worker hands over without a copy.
export function encodeJson(value: unknown): EncodedReport {
  return { contentType: 'application/json; charset=utf-8', body: new TextEncoder().encode(JSON.stringify(value)) };
}

/** Rows of any figures (staffing advice) as CSV, with the same cell rules as reports. */
export function encodeCsv(columns: readonly string[], rows: readonly Record<string, Cell | undefined>[]): EncodedReport {
  return { contentType: 'text/csv; charset=utf-8', body: new TextEncoder().encode(csvText(columns, rows, (r, c) => r[c] ?? null)) };
}
