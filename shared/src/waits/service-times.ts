import { logNormalMeanSec, type LogNormal } from './distributions';
import type { WaitHistory } from './wait-history';

/** Mean counter occupancy assumed for a branch with no history at all (the estimate's old default). */
export const DEFAULT_SERVICE_SEC = 5 * 60;
const DEFAULT_SIGMA = 0.6;
/** A turnaround assumed before any was seen. */
const DEFAULT_GAP_SEC = 15;
const DEFAULT_PAUSE: LogNormal = { mu: Math.log(10 * 60), sigma: 0.7 };

/**
 * How strongly each level leans on the one above, in samples' worth: the branch on the default, a service on
 * the branch, a service at one hour of the day on the service. A service-hour with 32 samples is mostly its
 * own; with 3 it is mostly the service's.
 */
const BRANCH_WEIGHT = 5;
const SERVICE_WEIGHT = 10;
const HOUR_WEIGHT = 8;
const GAP_WEIGHT = 3;
const PAUSE_WEIGHT = 3;
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

interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

const NO_MOMENTS: Moments = { n: 0, sum: 0, sumSq: 0 };
const ringMoments = new WeakMap<readonly number[], Moments>();

function momentsOf(ring: readonly number[], floorSec: number): Moments {
  let m = ringMoments.get(ring);
  if (!m) {
    m = { n: 0, sum: 0, sumSq: 0 };
    for (const sec of ring) {
      const l = Math.log(Math.max(floorSec, sec));
      m.n++;
      m.sum += l;
      m.sumSq += l * l;
    }
    ringMoments.set(ring, m);
  }
  return m;
}

function plus(a: Moments, b: Moments): Moments {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

/**
 * The samples' log-normal, shrunk toward `prior` as if the prior were `weight` more samples: the usual
 * normal–inverse-gamma compromise, whose spread also counts how far the samples' mean is from the prior's.
 */
function shrunk(m: Moments, prior: LogNormal, weight: number): LogNormal {
  if (m.n === 0) return prior;
  const mean = m.sum / m.n;
  const squares = Math.max(0, m.sumSq - m.n * mean * mean);
  const mu = (m.n * mean + weight * prior.mu) / (m.n + weight);
  const variance = (squares + weight * prior.sigma * prior.sigma + ((m.n * weight) / (m.n + weight)) * (mean - prior.mu) ** 2) / (m.n + weight);
  return { mu, sigma: Math.max(0.05, Math.sqrt(variance)) };
}

const DEFAULT_OCCUPANCY: LogNormal = { mu: Math.log(DEFAULT_SERVICE_SEC) - (DEFAULT_SIGMA * DEFAULT_SIGMA) / 2, sigma: DEFAULT_SIGMA };

const learned = new WeakMap<WaitHistory, ServiceTimes>();

/** The durations learned from a history (computed once per history version, each ring's moments once). */
export function serviceTimesOf(history: WaitHistory): ServiceTimes {
  const known = learned.get(history);
  if (known) return known;
  const perService = new Map<string, { all: LogNormal; hours: Map<number, LogNormal> }>();
  let branchMoments = NO_MOMENTS;
  const serviceMoments = new Map<string, Moments>();
  for (const [serviceId, byHour] of Object.entries(history.occupancySec)) {
    let m = NO_MOMENTS;
    for (const ring of Object.values(byHour)) m = plus(m, momentsOf(ring, MIN_SAMPLE_SEC));
    serviceMoments.set(serviceId, m);
    branchMoments = plus(branchMoments, m);
  }
  const branch = shrunk(branchMoments, DEFAULT_OCCUPANCY, BRANCH_WEIGHT);
  const service = (serviceId: string) => {
    let s = perService.get(serviceId);
    if (!s) perService.set(serviceId, (s = { all: shrunk(serviceMoments.get(serviceId) ?? NO_MOMENTS, branch, SERVICE_WEIGHT), hours: new Map() }));
    return s;
  };
  const gaps = history.gapSec;
  const times: ServiceTimes = {
    occupancy(serviceId, hour) {
      const s = service(serviceId);
      let d = s.hours.get(hour);
      if (!d) {
        const ring = history.occupancySec[serviceId]?.[hour];
        s.hours.set(hour, (d = ring ? shrunk(momentsOf(ring, MIN_SAMPLE_SEC), s.all, HOUR_WEIGHT) : s.all));
      }
      return d;
    },
    gapSec: (gaps.reduce((a, b) => a + b, 0) + GAP_WEIGHT * DEFAULT_GAP_SEC) / (gaps.length + GAP_WEIGHT),
    pause: shrunk(momentsOf(history.pauseSec, MIN_SAMPLE_SEC), DEFAULT_PAUSE, PAUSE_WEIGHT),
  };
  learned.set(history, times);
  return times;
}

/** Mean occupancy of a service at an hour, seconds (with the turnaround: one cycle of a counter). */
export function meanCycleSec(times: ServiceTimes, serviceId: string, hour: number): number {
  return logNormalMeanSec(times.occupancy(serviceId, hour)) + times.gapSec;
}
