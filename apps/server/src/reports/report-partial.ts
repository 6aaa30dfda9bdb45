import { addPacked, addToHistogram, mergeHistogram, newHistogram, packHistogram, type Histogram } from './wait-histogram';

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
  /** Legs whose customer stepped back ("I need more time", issue 19). */
  stepBacks: number;
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
  /** Visits told a wait range (typical and at most), and visits told that no counter was open. */
  toldRange: number;
  toldNoCounter: number;
  /** Of the visits told a range, those whose first leg was called: their waits, signed and absolute errors. */
  promiseCalled: number;
  promiseWaitSumMs: number;
  promiseErrSumMs: number;
  promiseAbsErrSumMs: number;
  promiseHist: Histogram;
  /** Called no later than "at most"; over those called plus those never called that waited longer. */
  promiseKept: number;
  promiseDen: number;
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
  /** Satisfaction (issue 19): ratings of the visits, their sum, and how many gave each score 1–5. */
  ratings: number;
  ratingSum: number;
  rated1: number;
  rated2: number;
  rated3: number;
  rated4: number;
  rated5: number;
  /** Ratings and their sum by the visit's wait band (SATISFACTION_WAIT_BANDS, by index). */
  bandRatings0: number;
  bandRatingSum0: number;
  bandRatings1: number;
  bandRatingSum1: number;
  bandRatings2: number;
  bandRatingSum2: number;
  bandRatings3: number;
  bandRatingSum3: number;
  bandRatings4: number;
  bandRatingSum4: number;
  bandRatings5: number;
  bandRatingSum5: number;
}

/** Where each wait band of the satisfaction figures starts, in minutes of wait until the first call; the last is open. */
export const SATISFACTION_WAIT_BANDS = [0, 5, 10, 15, 20, 30] as const;

export const HISTOGRAMS = ['waitHist', 'serviceHist', 'estimateHist', 'promiseHist'] as const;
export type HistogramName = (typeof HISTOGRAMS)[number];
const MAXIMA = new Set<keyof ReportPartial>(['queueMax']);

/** Stands for a histogram a report does not read: merging skips it, so nothing is allocated or added for it. */
const NOT_KEPT: Histogram = new Float64Array(0);

/**
 * A partial with every figure at zero. `keep` names the histograms it holds (each is 18 KB, and a year
 * grouped by day merges into 365 partials): only a report's accumulators leave some out.
 */
export function emptyPartial(keep: readonly HistogramName[] = HISTOGRAMS): ReportPartial {
  const histogram = (name: HistogramName) => (keep.includes(name) ? newHistogram() : NOT_KEPT);
  return {
    visits: 0, served: 0, unserved: 0, legs: 0, legsCalled: 0, noShows: 0, stepBacks: 0,
    ratings: 0, ratingSum: 0, rated1: 0, rated2: 0, rated3: 0, rated4: 0, rated5: 0,
    bandRatings0: 0, bandRatingSum0: 0, bandRatings1: 0, bandRatingSum1: 0, bandRatings2: 0, bandRatingSum2: 0,
    bandRatings3: 0, bandRatingSum3: 0, bandRatings4: 0, bandRatingSum4: 0, bandRatings5: 0, bandRatingSum5: 0,
    waitSumMs: 0, waitHist: histogram('waitHist'), serviceN: 0, serviceSumMs: 0, serviceHist: histogram('serviceHist'),
    slWithin: 0, slDenominator: 0, estimateN: 0, estimateErrSumMs: 0, estimateHist: histogram('estimateHist'),
    toldRange: 0, toldNoCounter: 0, promiseCalled: 0, promiseWaitSumMs: 0, promiseErrSumMs: 0, promiseAbsErrSumMs: 0,
    promiseHist: histogram('promiseHist'), promiseKept: 0, promiseDen: 0,
    servedInHour: 0, queueMax: 0, queueAreaMs: 0, observedMs: 0,
    signedInMs: 0, pausedMs: 0, availableMs: 0, servingMs: 0, idleMs: 0,
  };
}

export function mergePartial(into: ReportPartial, from: ReportPartial | StoredForm): void {
  if (from instanceof Uint8Array) return mergeEncoded(into, from);
  for (const [name, value] of Object.entries(from) as [keyof ReportPartial, unknown][]) {
    if ((HISTOGRAMS as readonly string[]).includes(name)) {
      if (into[name] === NOT_KEPT || (value as Histogram | number[]).length === 0) continue;
      if (Array.isArray(value)) mergeStoredHistogram(into[name] as Histogram, value as number[]);
      else mergeHistogram(into[name] as Histogram, value as Histogram);
    }
    else if (MAXIMA.has(name)) (into[name] as number) = Math.max(into[name] as number, value as number);
    else (into[name] as number) += value as number;
  }
}

/** Partials of one day keyed by group key. */
export type GroupPartials = Map<string, ReportPartial>;
/** As reports read them: computed, or still in a stored form (merged without building a partial each). */
export type LoadedGroups = Map<string, ReportPartial | StoredForm>;

/** The group's partial, made with `keep`'s histograms when new (none: a group that can hold no leg). */
export function partialFor(groups: GroupPartials, key: string, keep?: readonly HistogramName[]): ReportPartial {
  let p = groups.get(key);
  if (!p) {
    p = emptyPartial(keep);
    groups.set(key, p);
  }
  return p;
}

/**
 * A roll-up row's data as read: format 2 (a BLOB, what is written now) or format 1 (JSON, parsed), which
 * day roll-ups written by earlier versions still hold.
 */
export type StoredForm = Uint8Array | JsonPartial;

/** Format 1: non-zero fields only, histograms as flat [bucket, count, …] arrays. */
export type JsonPartial = Record<string, number | number[]>;

function mergeStoredHistogram(into: Histogram, flat: number[]): void {
  for (let i = 0; i + 1 < flat.length; i += 2) addToHistogram(into, flat[i]!, flat[i + 1]!);
}

/**
 * Format 5 (format 3, which is format 2 plus the wait-promise figures of issue 16; 4 adds the step-backs and 5 the
 * satisfaction figures of issue 19). Float64: [3, each of the format's scalars in
 * order]; then Uint32 for each of its histograms in order: n, and n packed buckets (wait-histogram.ts). Merging
 * one is adding numbers straight into the accumulator. With format 1 (JSON), a whole-history report of 120
 * counters on 5M tickets spent most of its time in JSON.parse of 18 MB and in collecting the million small
 * arrays it made. Byte order is the machine's (little-endian wherever Rinda runs). Changing the layout needs a
 * new format; earlier formats stay readable (their missing figures are zero: days rolled up before those
 * figures existed had no tickets to count in them).
 */
export const ROLLUP_FORMAT = 5;
type Scalar = Exclude<keyof ReportPartial, HistogramName>;
const FORMAT_2_SCALARS = [
  'visits', 'served', 'unserved', 'legs', 'legsCalled', 'noShows', 'waitSumMs', 'serviceN', 'serviceSumMs',
  'slWithin', 'slDenominator', 'estimateN', 'estimateErrSumMs', 'servedInHour', 'queueMax', 'queueAreaMs',
  'observedMs', 'signedInMs', 'pausedMs', 'availableMs', 'servingMs', 'idleMs',
] as const satisfies readonly Scalar[];
const LAYOUTS: Record<number, { scalars: readonly Scalar[]; histograms: readonly HistogramName[] }> = {
  2: { scalars: FORMAT_2_SCALARS, histograms: ['waitHist', 'serviceHist', 'estimateHist'] },
  3: {
    scalars: [
      ...FORMAT_2_SCALARS, 'toldRange', 'toldNoCounter', 'promiseCalled', 'promiseWaitSumMs', 'promiseErrSumMs',
      'promiseAbsErrSumMs', 'promiseKept', 'promiseDen',
    ],
    histograms: HISTOGRAMS,
  },
};
LAYOUTS[4] = { scalars: [...LAYOUTS[3]!.scalars, 'stepBacks'], histograms: HISTOGRAMS };
LAYOUTS[5] = {
  scalars: [
    ...LAYOUTS[4].scalars, 'ratings', 'ratingSum', 'rated1', 'rated2', 'rated3', 'rated4', 'rated5',
    'bandRatings0', 'bandRatingSum0', 'bandRatings1', 'bandRatingSum1', 'bandRatings2', 'bandRatingSum2',
    'bandRatings3', 'bandRatingSum3', 'bandRatings4', 'bandRatingSum4', 'bandRatings5', 'bandRatingSum5',
  ],
  histograms: HISTOGRAMS,
};
const LAYOUT = LAYOUTS[ROLLUP_FORMAT]!;

export function encodePartial(p: ReportPartial): Buffer {
  const histograms = LAYOUT.histograms.map((name) => packHistogram(p[name]));
  const header = new Float64Array(1 + LAYOUT.scalars.length);
  header[0] = ROLLUP_FORMAT;
  LAYOUT.scalars.forEach((name, i) => (header[i + 1] = p[name]));
  const packed = new Uint32Array(histograms.reduce((n, entries) => n + 1 + entries.length, 0));
  let at = 0;
  for (const entries of histograms) {
    packed[at++] = entries.length;
    packed.set(entries, at);
    at += entries.length;
  }
  return Buffer.concat([new Uint8Array(header.buffer), new Uint8Array(packed.buffer)]);
}

function mergeEncoded(into: ReportPartial, data: Uint8Array): void {
  // Typed-array views need aligned offsets; a Buffer that is not aligned is copied first.
  const bytes = data.byteOffset % Float64Array.BYTES_PER_ELEMENT === 0 ? data : new Uint8Array(data);
  const format = new Float64Array(bytes.buffer, bytes.byteOffset, 1)[0]!;
  const layout = LAYOUTS[format];
  if (!layout) throw new Error(`Unknown roll-up format ${format}`);
  const headerBytes = (1 + layout.scalars.length) * Float64Array.BYTES_PER_ELEMENT;
  const header = new Float64Array(bytes.buffer, bytes.byteOffset, 1 + layout.scalars.length);
  for (let i = 0; i < layout.scalars.length; i++) {
    const name = layout.scalars[i]!;
    const value = header[i + 1]!;
    if (MAXIMA.has(name)) into[name] = Math.max(into[name], value);
    else into[name] += value;
  }
  const packed = new Uint32Array(bytes.buffer, bytes.byteOffset + headerBytes, (bytes.byteLength - headerBytes) / Uint32Array.BYTES_PER_ELEMENT);
  let at = 0;
  for (const name of layout.histograms) {
    const end = at + 1 + packed[at]!;
    if (into[name] !== NOT_KEPT) addPacked(into[name], packed, at + 1, end);
    at = end;
  }
}
