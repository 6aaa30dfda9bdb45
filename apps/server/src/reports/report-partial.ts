import { addToHistogram, histogramEntries, mergeHistogram, newHistogram, type Histogram } from './wait-histogram';

/**
 * Additive figures of one group on one business day. Reports merge these over days (from roll-ups
 * of closed days, or computed live for the open day) and only then derive rates, means and percentiles:
 * never an average of averages.
 */
export interface ReportPartial {
  visits: number;
  served: number;
  unserved: number;
  legs: number;
  legsCalled: number;
  noShows: number;
  waitSumMs: number;
  waitHist: Histogram;
  serviceN: number;
  serviceSumMs: number;
  serviceHist: Histogram;
  slWithin: number;
  slDenominator: number;
  estimateN: number;
  estimateErrSumMs: number;
  estimateHist: Histogram;
  /** Visits served (last leg done) finishing in this clock hour: only on hour groups. */
  servedInHour: number;
  /** Queue length: the maximum, and waiting-legs × ms over the observed ms (time-weighted mean). */
  queueMax: number;
  queueAreaMs: number;
  observedMs: number;
  signedInMs: number;
  pausedMs: number;
  availableMs: number;
  servingMs: number;
  idleMs: number;
}

const HISTOGRAMS = ['waitHist', 'serviceHist', 'estimateHist'] as const;
const MAXIMA = new Set<keyof ReportPartial>(['queueMax']);

export function emptyPartial(): ReportPartial {
  return {
    visits: 0, served: 0, unserved: 0, legs: 0, legsCalled: 0, noShows: 0,
    waitSumMs: 0, waitHist: newHistogram(), serviceN: 0, serviceSumMs: 0, serviceHist: newHistogram(),
    slWithin: 0, slDenominator: 0, estimateN: 0, estimateErrSumMs: 0, estimateHist: newHistogram(),
    servedInHour: 0, queueMax: 0, queueAreaMs: 0, observedMs: 0,
    signedInMs: 0, pausedMs: 0, availableMs: 0, servingMs: 0, idleMs: 0,
  };
}

export function mergePartial(into: ReportPartial, from: Partial<ReportPartial> | StoredPartial): void {
  for (const [name, value] of Object.entries(from) as [keyof ReportPartial, unknown][]) {
    if ((HISTOGRAMS as readonly string[]).includes(name)) {
      if (Array.isArray(value)) mergeStoredHistogram(into[name] as Histogram, value as number[]);
      else mergeHistogram(into[name] as Histogram, value as Histogram);
    }
    else if (MAXIMA.has(name)) (into[name] as number) = Math.max(into[name] as number, value as number);
    else (into[name] as number) += value as number;
  }
}

/** Partials of one day keyed by group key. */
export type GroupPartials = Map<string, ReportPartial>;
/** As reports read them: computed, or still in the stored form (merged without building a partial each). */
export type LoadedGroups = Map<string, ReportPartial | StoredPartial>;

export function partialFor(groups: GroupPartials, key: string): ReportPartial {
  let p = groups.get(key);
  if (!p) {
    p = emptyPartial();
    groups.set(key, p);
  }
  return p;
}

/** As a roll-up row stores it: non-zero fields only, histograms as flat [bucket, count, …] arrays. */
export type StoredPartial = Record<string, number | number[]>;

export function compactPartial(p: ReportPartial): StoredPartial {
  const out: StoredPartial = {};
  for (const [name, value] of Object.entries(p)) {
    if (typeof value === 'number') {
      if (value !== 0) out[name] = value;
    } else {
      const flat = histogramEntries(value as Histogram).flat();
      if (flat.length > 0) out[name] = flat;
    }
  }
  return out;
}

function mergeStoredHistogram(into: Histogram, flat: number[]): void {
  for (let i = 0; i + 1 < flat.length; i += 2) addToHistogram(into, flat[i]!, flat[i + 1]!);
}
