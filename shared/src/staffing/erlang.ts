/**
 * Erlang B, Erlang C (M/M/N) and Erlang A (M/M/N+M, customers who give up) for staffing advice.
 * Pure and numerically stable: no factorials or powers that overflow. Erlang B comes from its recursion
 * B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)); Erlang C from B; Erlang A from the birth–death chain scaled
 * so that the state "all N counters busy, nobody waiting" weighs 1, with the states below it summed through
 * B and the queue states as a product that shrinks as soon as abandonment outruns arrivals.
 * Times are in seconds, rates per second.
 */

/** The traffic a service offers: arrivals per second × mean service seconds (erlangs). */
export function offeredLoad(arrivalsPerSec: number, meanServiceSec: number): number {
  return arrivalsPerSec * meanServiceSec;
}

/** Erlang B: the share of arrivals that find all `servers` busy in a loss system offered `load` erlangs. */
export function erlangB(servers: number, load: number): number {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError('servers must be a whole number ≥ 0');
  if (!(load >= 0)) throw new RangeError('load must be ≥ 0');
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (load * b) / (n + load * b);
  return b;
}

/** Erlang C: the probability that an arrival waits (all servers busy). 1 when the load reaches the servers. */
export function erlangC(servers: number, load: number): number {
  if (servers <= 0 || load >= servers) return load > 0 || servers <= 0 ? 1 : 0;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

export interface QueueModel {
  arrivalsPerSec: number;
  meanServiceSec: number;
  servers: number;
  /** Seconds: the service level counts arrivals reached within this wait (the service's T). */
  targetSec: number;
}

/** Erlang C service level: P(wait ≤ T) = 1 − C·e^(−(N−A)·T/AHT). 0 when the servers cannot keep up. */
export function erlangCServiceLevel(m: QueueModel): number {
  const load = offeredLoad(m.arrivalsPerSec, m.meanServiceSec);
  if (load === 0) return 1;
  if (m.servers <= load) return 0;
  return 1 - erlangC(m.servers, load) * Math.exp((-(m.servers - load) * m.targetSec) / m.meanServiceSec);
}

/** Erlang C mean wait (average speed of answer), seconds; Infinity when the servers cannot keep up. */
export function erlangCMeanWaitSec(m: Omit<QueueModel, 'targetSec'>): number {
  const load = offeredLoad(m.arrivalsPerSec, m.meanServiceSec);
  if (load === 0) return 0;
  if (m.servers <= load) return Infinity;
  return (erlangC(m.servers, load) * m.meanServiceSec) / (m.servers - load);
}

export interface ImpatientQueueModel extends QueueModel {
  /** Rate at which a waiting customer gives up (1 / mean patience), per second; 0 is Erlang C. */
  abandonPerSec: number;
}

export interface ErlangAFigures {
  /** P(an arrival waits at all). */
  waitProbability: number;
  /** P(an arrival is reached within T): its offered wait (the wait it would have if it stayed) is ≤ T. */
  serviceLevel: number;
  /** P(an arrival gives up before being reached). */
  abandonProbability: number;
  /** Mean wait of all arrivals (those who give up wait until they do), seconds. */
  meanWaitSec: number;
}

/** Queue states are added until a term falls below this share of the sum (and keeps shrinking). */
const TAIL_EPSILON = 1e-13;
/** A bound on queue states however slowly the terms shrink (very patient customers, heavy overload). */
const MAX_QUEUE_STATES = 200_000;

/**
 * Erlang A (Palm's M/M/N+M): Poisson arrivals, exponential service, N servers, exponential patience.
 * With j customers waiting ahead of it, an arrival moves up at rate Nμ + iθ as those i ahead are served or
 * give up, so its offered wait is a sum of exponentials with rates Nμ, Nμ+θ, …, Nμ+jθ, and e^(−θV) has the
 * Beta(Nμ/θ, j+1) distribution: P(V > T | j) = Σ_{i≤j} C(α+i−1, i)·u^α·(1−u)^i with u = e^(−θT), α = Nμ/θ,
 * a partial sum that grows by one term per queue state (Mandelbaum & Zeltyn, "The Palm/Erlang-A queue,
 * with applications to call centers", 2005). Abandonment is θ·E[queue]/λ; the mean wait follows from
 * P(abandon) = θ·E[wait] (Little's law on the waiting room).
 */
export function erlangA(m: ImpatientQueueModel): ErlangAFigures {
  const { arrivalsPerSec: lambda, servers: n, targetSec } = m;
  const theta = m.abandonPerSec;
  const load = offeredLoad(lambda, m.meanServiceSec);
  if (load === 0) return { waitProbability: 0, serviceLevel: 1, abandonProbability: 0, meanWaitSec: 0 };
  if (theta <= 0) {
    const waits = erlangC(n, load);
    return { waitProbability: waits, serviceLevel: erlangCServiceLevel(m), abandonProbability: 0, meanWaitSec: erlangCMeanWaitSec(m) };
  }
  const serveRate = n / m.meanServiceSec;
  // Below the queue: Σ_{k<N} π_k / π_N = (1 − B) / B, with π_N = 1. No server at all: no such states.
  const b = n === 0 ? 1 : erlangB(n, load);
  const below = b === 0 ? Infinity : (1 - b) / b;
  if (below === Infinity) return { waitProbability: 0, serviceLevel: 1, abandonProbability: 0, meanWaitSec: 0 };

  const u = Math.exp(-theta * targetSec);
  const alpha = serveRate / theta;
  let weight = 1; // π_{N+j} / π_N
  let beta = Math.pow(u, alpha); // the i-th term of P(V > T | j), starting at i = 0
  let pLate = beta; // P(V > T | j)
  let queueMass = 0;
  let lateMass = 0;
  let queueLength = 0; // Σ j·π_{N+j}
  for (let j = 0; j < MAX_QUEUE_STATES; j++) {
    if (j > 0) {
      weight *= lambda / (serveRate + j * theta);
      beta *= ((alpha + j - 1) / j) * (1 - u);
      pLate += beta;
    }
    queueMass += weight;
    lateMass += weight * Math.min(1, pLate);
    queueLength += j * weight;
    if (lambda < serveRate + j * theta && weight < TAIL_EPSILON * queueMass) break;
  }
  const total = below + queueMass;
  const abandonProbability = (theta * queueLength) / total / lambda;
  return {
    waitProbability: queueMass / total,
    serviceLevel: 1 - lateMass / total,
    abandonProbability,
    meanWaitSec: abandonProbability / theta,
  };
}

/** How many servers a goal takes: the fewest from `from` up to `max` whose service level reaches it, or null. */
export function serversForGoal(serviceLevelWith: (servers: number) => number, goal: number, from: number, max: number): number | null {
  for (let servers = Math.max(0, from); servers <= max; servers++) if (serviceLevelWith(servers) >= goal) return servers;
  return null;
}

/** Below this abandonment rate (mean patience over a day) customers count as patient: Erlang C. */
const MIN_ABANDON_PER_SEC = 1e-5;

/**
 * Erlang A's service level with a number of servers that may be fractional (a counter shared between services
 * counts for its share of each): linear between the whole numbers around it.
 */
export function serviceLevelWithServers(m: Omit<ImpatientQueueModel, 'servers'>, servers: number): number {
  const at = (n: number) => (m.abandonPerSec < MIN_ABANDON_PER_SEC ? erlangCServiceLevel({ ...m, servers: n }) : erlangA({ ...m, servers: n }).serviceLevel);
  const low = Math.floor(Math.max(0, servers));
  const share = Math.max(0, servers) - low;
  const base = at(low);
  return share === 0 ? base : base + share * (at(low + 1) - base);
}
