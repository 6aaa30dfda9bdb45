import { logNormalMeanSec, type LogNormal } from './distributions';
import type { WaitHistory } from './wait-history';

/** Mean counter occupancy assumed for a branch with no history at all (the estimate's old default). */
export const DEFAULT_SERVICE_SEC = 5 * 60;
const DEFAULT_SIGMA = 0.6;
/** A turnaround assumed before any was seen. */
const DEFAULT_GAP_SEC = 15;
const DEFAULT_PAUSE: LogNormal = { mu: Math.log(10 * 60), sigma: 0.7 };

/**
 * How strongly each level leans on the one above, in samples' worth. A service leans on the branch, and a service
 * at one hour of the day on the service, as much as the levels are alike: the weight is the spread within a level
 * over the spread between its members (empirical Bayes), so a branch whose loans take five times as long as its
 * cash payments does not pull one toward the other, while an hour with three samples is mostly its service's.
 * Bounds keep a level from being ignored or from ignoring its own samples.
 */
const SERVICE_WEIGHT = { min: 1, max: 10, alone: 5 };
const HOUR_WEIGHT = { min: 2, max: 20, alone: 8 };
const BRANCH_WEIGHT = 5;
const GAP_WEIGHT = 3;
const PAUSE_WEIGHT = 3;
/** A member of a level counts in the spread between members once it has this many samples. */
const MEMBER_SAMPLES = 5;
/** Durations are fitted on log seconds; a click-through of a second would weigh like a long visit. */
const MIN_SAMPLE_SEC = 5;

/** What the predictor needs to know about durations, learned from the history. */
export interface ServiceTimes {
  /** Counter occupancy per call for a service at a local hour. */
  occupancy(serviceId: string, hour: number): LogNormal;
  /** Mean teller turnaround between two calls, seconds. */
  readonly gapSec: number;
  /** Pause length. */
  readonly pause: LogNormal;
}

/** Sums over samples: count, log seconds, their squares, and seconds (the mean a fit must keep). */
interface Moments {
  n: number;
  sum: number;
  sumSq: number;
  sumSec: number;
}

const NO_MOMENTS: Moments = { n: 0, sum: 0, sumSq: 0, sumSec: 0 };
const ringMoments = new WeakMap<readonly number[], Moments>();

function momentsOf(ring: readonly number[]): Moments {
  let m = ringMoments.get(ring);
  if (!m) {
    m = { n: 0, sum: 0, sumSq: 0, sumSec: 0 };
    for (const raw of ring) {
      const sec = Math.max(MIN_SAMPLE_SEC, raw);
      const l = Math.log(sec);
      m.n++;
      m.sum += l;
      m.sumSq += l * l;
      m.sumSec += sec;
    }
    ringMoments.set(ring, m);
  }
  return m;
}

function plus(a: Moments, b: Moments): Moments {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq, sumSec: a.sumSec + b.sumSec };
}

const logMean = (m: Moments) => m.sum / m.n;
const logVariance = (m: Moments) => (m.n > 1 ? Math.max(0, m.sumSq - m.n * logMean(m) ** 2) / (m.n - 1) : Number.NaN);

/**
 * The samples' log-normal, shrunk toward `prior` as if the prior were `weight` more samples. The spread is the
 * usual normal–inverse-gamma compromise on log seconds; the mean (what a sum of many durations depends on) is the
 * samples' own mean in seconds shrunk the same way, so a fit on log seconds cannot bias a long queue's wait.
 */
function shrunk(m: Moments, prior: LogNormal, weight: number): LogNormal {
  if (m.n === 0) return prior;
  const mean = logMean(m);
  const squares = Math.max(0, m.sumSq - m.n * mean * mean);
  const variance = (squares + weight * prior.sigma ** 2 + ((m.n * weight) / (m.n + weight)) * (mean - prior.mu) ** 2) / (m.n + weight);
  const sigma = Math.max(0.05, Math.sqrt(variance));
  const meanSec = (m.sumSec + weight * logNormalMeanSec(prior)) / (m.n + weight);
  return { mu: Math.log(meanSec) - (sigma * sigma) / 2, sigma };
}

/**
 * How many samples' worth a level's prior is: the spread of single samples within its members over the spread of
 * the members' own means (less what their sampling noise explains), within `bounds`.
 */
function priorWeight(members: readonly Moments[], bounds: { min: number; max: number; alone: number }): number {
  const known = members.filter((m) => m.n >= MEMBER_SAMPLES);
  if (known.length < 2) return bounds.alone;
  const within = known.reduce((a, m) => a + (Number.isNaN(logVariance(m)) ? 0 : logVariance(m)), 0) / known.length;
  const means = known.map(logMean);
  const grand = means.reduce((a, b) => a + b, 0) / means.length;
  const between = means.reduce((a, x) => a + (x - grand) ** 2, 0) / (means.length - 1);
  const noise = known.reduce((a, m) => a + within / m.n, 0) / known.length;
  const signal = Math.max(1e-3, between - noise);
  return Math.min(bounds.max, Math.max(bounds.min, within / signal));
}

const DEFAULT_OCCUPANCY: LogNormal = { mu: Math.log(DEFAULT_SERVICE_SEC) - (DEFAULT_SIGMA * DEFAULT_SIGMA) / 2, sigma: DEFAULT_SIGMA };

const learned = new WeakMap<WaitHistory, ServiceTimes>();

/** The durations learned from a history (computed once per history version, each ring's moments once). */
export function serviceTimesOf(history: WaitHistory): ServiceTimes {
  const known = learned.get(history);
  if (known) return known;
  const hourMoments = new Map<string, Map<number, Moments>>();
  const serviceMoments = new Map<string, Moments>();
  let branchMoments = NO_MOMENTS;
  for (const [serviceId, byHour] of Object.entries(history.occupancySec)) {
    const hours = new Map<number, Moments>();
    let m = NO_MOMENTS;
    for (const [hour, ring] of Object.entries(byHour)) {
      const h = momentsOf(ring);
      hours.set(Number(hour), h);
      m = plus(m, h);
    }
    hourMoments.set(serviceId, hours);
    serviceMoments.set(serviceId, m);
    branchMoments = plus(branchMoments, m);
  }
  const branch = shrunk(branchMoments, DEFAULT_OCCUPANCY, BRANCH_WEIGHT);
  const serviceWeight = priorWeight([...serviceMoments.values()], SERVICE_WEIGHT);
  const perService = new Map<string, { all: LogNormal; hourWeight: number; hours: Map<number, LogNormal> }>();
  const service = (serviceId: string) => {
    let s = perService.get(serviceId);
    if (!s) {
      const hours = [...(hourMoments.get(serviceId)?.values() ?? [])];
      const all = shrunk(serviceMoments.get(serviceId) ?? NO_MOMENTS, branch, serviceWeight);
      perService.set(serviceId, (s = { all, hourWeight: priorWeight(hours, HOUR_WEIGHT), hours: new Map() }));
    }
    return s;
  };
  const gaps = history.gapSec;
  const times: ServiceTimes = {
    occupancy(serviceId, hour) {
      const s = service(serviceId);
      let d = s.hours.get(hour);
      if (!d) {
        const m = hourMoments.get(serviceId)?.get(hour);
        s.hours.set(hour, (d = m ? shrunk(m, s.all, s.hourWeight) : s.all));
      }
      return d;
    },
    gapSec: (gaps.reduce((a, b) => a + b, 0) + GAP_WEIGHT * DEFAULT_GAP_SEC) / (gaps.length + GAP_WEIGHT),
    pause: shrunk(momentsOf(history.pauseSec), DEFAULT_PAUSE, PAUSE_WEIGHT),
  };
  learned.set(history, times);
  return times;
}
