import type { Database, Statement } from 'better-sqlite3';
import { clip, intersect, normalise, subtract, totalMs, type Interval } from './intervals';
import { partialFor, SATISFACTION_WAIT_BANDS, type GroupPartials, type HistogramName, type ReportPartial } from './report-partial';
import type { ReportSettings } from './report-settings';
import { addToHistogram, bucketSecondsSql } from './wait-histogram';
import { addDays, localHour } from '@rinda/shared';
import { hourSlots, type DayBounds } from './zoned-time';

/**
 * How one business day is split: 'total' has one group (''); the day and weekday groupings use it.
 * `serviceHour` ('<service>|<local hour>': legs, service times, no-shows) and `counterHour` ('<counter>|<hour>':
 * counter time) feed staffing advice; each day also holds an empty marker group '' in both, so a day rolled up
 * before they existed (no row of them at all) is told apart from a day without traffic and rolled up again.
 */
export const DIMS = ['service', 'counter', 'teller', 'hour', 'total', 'serviceHour', 'counterHour'] as const;
export type Dim = (typeof DIMS)[number];
export type DayPartials = Record<Dim, GroupPartials>;
/** Dimensions added after day roll-ups were first stored: an older day has no row of them, not even the marker. */
export const LATER_DIMS: ReadonlySet<Dim> = new Set(['serviceHour', 'counterHour']);

// Each dimension's group key, over a leg and over a visit. A visit belongs to the issuing service, the
// hour it was issued, and the counter and teller of its last leg. Staffing needs only legs, by service and hour.
const LEG_KEY: Partial<Record<Dim, string>> = {
  service: 'service_id',
  counter: "coalesce(counter_id, '')",
  teller: "coalesce(teller_id, '')",
  hour: 'CAST(started_hour AS TEXT)',
  total: "''",
  serviceHour: "service_id || '|' || started_hour",
};
const VISIT_KEY: Partial<Record<Dim, string>> = { ...LEG_KEY, service: 'service_id', hour: 'CAST(issued_hour AS TEXT)', serviceHour: undefined };
/** Waits by service and hour are not read by anything: their histograms are left out. */
const WAIT_KEY: Partial<Record<Dim, string>> = { ...LEG_KEY, serviceHour: undefined };

/** The rows of `source`, once per dimension it has a key for, tagged with the dimension and the row's group key. */
function keyed(source: string, keys: Partial<Record<Dim, string>>): string {
  return DIMS.filter((dim) => keys[dim] !== undefined)
    .map((dim) => `SELECT '${dim}' AS dim, ${keys[dim]} AS k, * FROM ${source}`)
    .join(' UNION ALL ');
}

// Each leg of the day with its wait, service time and its service's T, read once per query. `horizon` is
// the end of the business day, or now while the day is open: a leg never called has waited until it
// ended or until then.
const legsKeyedBy = (keys: Partial<Record<Dim, string>>) => `
  WITH svc AS (SELECT key AS service_id, value AS t_ms FROM json_each(@targets)),
  leg AS MATERIALIZED (
    SELECT l.service_id, l.counter_id, l.teller_id, l.started_hour, l.started_at, l.first_called_at, l.ended_at, l.outcome, l.stepped_back,
      l.first_called_at - l.started_at AS wait_ms,
      CASE WHEN l.outcome IN ('done', 'transferred') AND l.first_called_at IS NOT NULL AND l.ended_at IS NOT NULL
        THEN l.ended_at - coalesce(l.service_started_at, l.first_called_at) END AS service_ms,
      coalesce(svc.t_ms, 9e15) AS t_ms
    FROM ticket_legs l LEFT JOIN svc ON svc.service_id = l.service_id
    WHERE l.business_day = @day),
  keyed AS (${keyed('leg', keys)})`;
const LEGS = legsKeyedBy(LEG_KEY);

const LEG_FIGURES = `${LEGS}
  SELECT dim, k, count(*) AS legs, count(first_called_at) AS called, total(outcome = 'no_show') AS noShows, total(stepped_back) AS stepBacks,
    total(wait_ms) AS waitSum, count(service_ms) AS serviceN, total(service_ms) AS serviceSum,
    total(first_called_at IS NOT NULL AND wait_ms <= t_ms) AS slWithin,
    total(first_called_at IS NOT NULL OR coalesce(ended_at, @horizon) - started_at > t_ms) AS slDen
  FROM keyed GROUP BY dim, k`;

const WAIT_HIST = `${legsKeyedBy(WAIT_KEY)}
  SELECT dim, k, ${bucketSecondsSql('wait_ms')} AS b, count(*) AS n FROM keyed WHERE first_called_at IS NOT NULL GROUP BY dim, k, b`;
const SERVICE_HIST = `${LEGS}
  SELECT dim, k, ${bucketSecondsSql('service_ms')} AS b, count(*) AS n FROM keyed WHERE service_ms IS NOT NULL GROUP BY dim, k, b`;

const VISITS = `
  WITH visit AS MATERIALIZED (
    SELECT t.id, t.state, t.estimated_wait_min, t.estimated_wait_at_most_min, t.wait_told, t.service_id, t.issued_hour, ll.counter_id, ll.teller_id
    FROM tickets t JOIN ticket_legs ll ON ll.ticket_id = t.id AND ll.leg = t.leg
    WHERE t.business_day = @day),
  keyed AS (${keyed('visit', VISIT_KEY)})`;

/**
 * Satisfaction: each rating with its visit (service, hour issued, the last leg's counter and teller) and the
 * visit's wait, in bands of SATISFACTION_WAIT_BANDS (minutes; the last is open-ended): the time its customer
 * waited to be called, over all its legs (each from its start to its first call, or to its end when it was
 * transferred before a call).
 */
const SATISFACTION = `${VISITS},
  s AS (
    SELECT keyed.dim, keyed.k, r.score,
      CASE ${SATISFACTION_WAIT_BANDS.map((from, i) => `WHEN w.wait_ms >= ${from * 60_000} THEN ${i}`).reverse().join(' ')} ELSE 0 END AS band
    FROM keyed JOIN ratings r ON r.ticket_id = keyed.id
      JOIN (SELECT ticket_id, total(coalesce(first_called_at, ended_at) - started_at) AS wait_ms FROM ticket_legs WHERE business_day = @day GROUP BY ticket_id) w
        ON w.ticket_id = keyed.id)`;
const SATISFACTION_FIGURES = `${SATISFACTION}
  SELECT dim, k, count(*) AS n, total(score) AS sum, total(score = 1) AS s1, total(score = 2) AS s2, total(score = 3) AS s3,
    total(score = 4) AS s4, total(score = 5) AS s5,
    total(band = 0) AS b0n, total(CASE WHEN band = 0 THEN score END) AS b0s,
    total(band = 1) AS b1n, total(CASE WHEN band = 1 THEN score END) AS b1s,
    total(band = 2) AS b2n, total(CASE WHEN band = 2 THEN score END) AS b2s,
    total(band = 3) AS b3n, total(CASE WHEN band = 3 THEN score END) AS b3s,
    total(band = 4) AS b4n, total(CASE WHEN band = 4 THEN score END) AS b4s,
    total(band = 5) AS b5n, total(CASE WHEN band = 5 THEN score END) AS b5s
  FROM s GROUP BY dim, k`;

// Unserved: cancelled, or still waiting or called when the business day ended (only once it has).
const VISIT_FIGURES = `${VISITS}
  SELECT dim, k, count(*) AS visits, total(state = 'done') AS served,
    total(state = 'cancelled' OR (@closed AND state IN ('waiting', 'called'))) AS unserved
  FROM keyed GROUP BY dim, k`;

// Estimate error: |printed estimate − visit wait|, over visits told a number whose every leg was called.
const ESTIMATE_ERRORS = `${VISITS},
  v AS (
    SELECT ticket_id, total(first_called_at - started_at) AS wait_ms, count(*) = count(first_called_at) AS all_called
    FROM ticket_legs WHERE business_day = @day GROUP BY ticket_id),
  e AS (
    SELECT keyed.dim, keyed.k, CAST(abs(round(keyed.estimated_wait_min * 60000) - v.wait_ms) AS INTEGER) AS err
    FROM keyed JOIN v ON v.ticket_id = keyed.id WHERE v.all_called AND keyed.wait_told)`;
const ESTIMATE_FIGURES = `${ESTIMATE_ERRORS}
  SELECT dim, k, count(*) AS n, total(err) AS errSum FROM e GROUP BY dim, k`;
const ESTIMATE_HIST = `${ESTIMATE_ERRORS}
  SELECT dim, k, ${bucketSecondsSql('err')} AS b, count(*) AS n FROM e GROUP BY dim, k, b`;

// The wait told against the wait until the first call (of the first leg: what the promise was about), over
// visits told a range; "promise kept" counts a visit never called only once it has waited longer than at most.
const PROMISES = `${VISITS},
  p AS (
    SELECT keyed.dim, keyed.k, round(keyed.estimated_wait_min * 60000) AS typical_ms, round(keyed.estimated_wait_at_most_min * 60000) AS most_ms,
      f.first_called_at IS NOT NULL AS called, f.first_called_at - f.started_at AS wait_ms, coalesce(f.ended_at, @horizon) - f.started_at AS waited_ms
    FROM keyed JOIN ticket_legs f ON f.ticket_id = keyed.id AND f.leg = 1
    WHERE keyed.wait_told AND keyed.estimated_wait_at_most_min IS NOT NULL)`;
const PROMISE_FIGURES = `${PROMISES}
  SELECT dim, k, count(*) AS told, total(called) AS n, total(CASE WHEN called THEN wait_ms END) AS waitSum,
    total(CASE WHEN called THEN typical_ms - wait_ms END) AS errSum, total(CASE WHEN called THEN abs(typical_ms - wait_ms) END) AS absSum,
    total(called AND wait_ms <= most_ms) AS kept, total(called OR waited_ms > most_ms) AS den
  FROM p GROUP BY dim, k`;
const PROMISE_HIST = `${PROMISES}
  SELECT dim, k, ${bucketSecondsSql('CAST(abs(typical_ms - wait_ms) AS INTEGER)')} AS b, count(*) AS n FROM p WHERE called GROUP BY dim, k, b`;
const NOT_TOLD = `${VISITS}
  SELECT dim, k, count(*) AS n FROM keyed WHERE NOT wait_told GROUP BY dim, k`;

const WAITING_SPANS = `
  SELECT service_id AS serviceId, started_at AS startedAt, coalesce(first_called_at, ended_at, @horizon) AS until
  FROM ticket_legs WHERE business_day = @day`;
// A counter holds a customer from the call to the leg's end, whatever day the ticket was issued: a leg called
// before the day start and ended after it (issued up to 7 business days before, as counter sessions are looked up)
// makes the counter busy today too. A leg of an earlier day that never ended counts only until that day's end.
const ACTIVE_SPANS = `
  SELECT counter_id AS counterId, first_called_at AS calledAt, coalesce(ended_at, @horizon) AS until
  FROM ticket_legs WHERE business_day = @day AND counter_id IS NOT NULL AND first_called_at IS NOT NULL
  UNION ALL
  SELECT counter_id, first_called_at, ended_at
  FROM ticket_legs WHERE business_day >= @weekBefore AND business_day < @day AND counter_id IS NOT NULL
    AND first_called_at IS NOT NULL AND ended_at > @from`;
const SERVED_ENDS = `SELECT ended_at AS endedAt FROM tickets WHERE business_day = @day AND state = 'done' AND ended_at IS NOT NULL`;
const COUNTER_EVENTS = `
  SELECT counter_id AS counterId, teller_id AS tellerId, type, at FROM (
    SELECT counter_id, teller_id, type, at, id FROM counter_events WHERE at >= @from AND at < @to
    UNION ALL
    SELECT counter_id, teller_id, type, at, max(id) AS id FROM counter_events WHERE at < @from AND at >= @from - 604800000 GROUP BY counter_id)
  ORDER BY at, id`;

export interface DayContext {
  bounds: DayBounds;
  /** min(now, end of the day): how far the day's timeline is known. */
  horizon: number;
  closed: boolean;
  settings: ReportSettings;
}

/**
 * Statements prepared once per connection: the first report over a year rolls up hundreds of days with the same
 * dozen statements, and compiling them again for each day cost more than running them on a quiet day.
 */
const prepared = new WeakMap<Database, Map<string, Statement>>();
function statement(db: Database, sql: string): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

const ANY_LEG = 'SELECT 1 FROM ticket_legs WHERE business_day = ? LIMIT 1';

function emptyDayPartials(): DayPartials {
  const out = Object.fromEntries(DIMS.map((d) => [d, new Map()])) as DayPartials;
  for (const dim of LATER_DIMS) partialFor(out[dim], '');
  return out;
}

/**
 * One dimension of a day known to hold no ticket and no counter time (before the branch's first): what
 * computeDayPartials would give, without SQL; only the hour grouping has anything, its observed hours.
 */
export function noDataGroups(ctx: DayContext, dim: Dim): GroupPartials {
  const out = emptyDayPartials();
  if (dim === 'hour') addObservedHours(ctx, out, [], []);
  return out[dim];
}

/** Every additive figure of one business day, per group of each dimension. */
export function computeDayPartials(db: Database, ctx: DayContext): DayPartials {
  const out = emptyDayPartials();
  const params = { day: ctx.bounds.day, horizon: ctx.horizon, closed: ctx.closed ? 1 : 0, targets: JSON.stringify(ctx.settings.targetsMs) };
  // A day without a ticket (a closed day, a quiet one) has only counter time and observed hours.
  if (statement(db, ANY_LEG).get(params.day) === undefined) {
    addTimelineFigures(db, ctx, out, params);
    return out;
  }
  const rows = <T extends { dim: Dim; k: string }>(sql: string, names: (keyof typeof params)[]) =>
    statement(db, sql).all(Object.fromEntries(names.map((n) => [n, params[n]]))) as T[];
  const group = (r: { dim: Dim; k: string }) => partialFor(out[r.dim], r.k);

  type VisitRow = { dim: Dim; k: string; visits: number; served: number; unserved: number };
  for (const r of rows<VisitRow>(VISIT_FIGURES, ['day', 'closed'])) Object.assign(group(r), { visits: r.visits, served: r.served, unserved: r.unserved });
  type LegRow = { dim: Dim; k: string; legs: number; called: number; noShows: number; stepBacks: number; waitSum: number; serviceN: number; serviceSum: number; slWithin: number; slDen: number };
  for (const r of rows<LegRow>(LEG_FIGURES, ['day', 'horizon', 'targets'])) {
    Object.assign(group(r), {
      legs: r.legs, legsCalled: r.called, noShows: r.noShows, stepBacks: r.stepBacks, waitSumMs: r.waitSum, serviceN: r.serviceN,
      serviceSumMs: r.serviceSum, slWithin: r.slWithin, slDenominator: r.slDen,
    });
  }
  type HistRow = { dim: Dim; k: string; b: number; n: number };
  for (const r of rows<HistRow>(WAIT_HIST, ['day', 'targets'])) addToHistogram(group(r).waitHist, r.b, r.n);
  for (const r of rows<HistRow>(SERVICE_HIST, ['day', 'targets'])) addToHistogram(group(r).serviceHist, r.b, r.n);
  for (const r of rows<{ dim: Dim; k: string; n: number; errSum: number }>(ESTIMATE_FIGURES, ['day'])) Object.assign(group(r), { estimateN: r.n, estimateErrSumMs: r.errSum });
  for (const r of rows<HistRow>(ESTIMATE_HIST, ['day'])) addToHistogram(group(r).estimateHist, r.b, r.n);
  type PromiseRow = { dim: Dim; k: string; told: number; n: number; waitSum: number; errSum: number; absSum: number; kept: number; den: number };
  for (const r of rows<PromiseRow>(PROMISE_FIGURES, ['day', 'horizon'])) {
    Object.assign(group(r), {
      toldRange: r.told, promiseCalled: r.n, promiseWaitSumMs: r.waitSum, promiseErrSumMs: r.errSum, promiseAbsErrSumMs: r.absSum, promiseKept: r.kept, promiseDen: r.den,
    });
  }
  for (const r of rows<HistRow>(PROMISE_HIST, ['day', 'horizon'])) addToHistogram(group(r).promiseHist, r.b, r.n);
  for (const r of rows<{ dim: Dim; k: string; n: number }>(NOT_TOLD, ['day'])) group(r).toldNoCounter = r.n;
  type SatisfactionRow = { dim: Dim; k: string; n: number; sum: number } & Record<`s${1 | 2 | 3 | 4 | 5}` | `b${0 | 1 | 2 | 3 | 4 | 5}${'n' | 's'}`, number>;
  for (const r of rows<SatisfactionRow>(SATISFACTION_FIGURES, ['day'])) {
    Object.assign(group(r), {
      ratings: r.n, ratingSum: r.sum, rated1: r.s1, rated2: r.s2, rated3: r.s3, rated4: r.s4, rated5: r.s5,
      bandRatings0: r.b0n, bandRatingSum0: r.b0s, bandRatings1: r.b1n, bandRatingSum1: r.b1s, bandRatings2: r.b2n, bandRatingSum2: r.b2s,
      bandRatings3: r.b3n, bandRatingSum3: r.b3s, bandRatings4: r.b4n, bandRatingSum4: r.b4s, bandRatings5: r.b5n, bandRatingSum5: r.b5s,
    });
  }
  addTimelineFigures(db, ctx, out, params);
  return out;
}

/** Figures that need a timeline (queue length, served per clock hour, counter time, idle). */
function addTimelineFigures(db: Database, ctx: DayContext, out: DayPartials, params: { day: string; horizon: number }): void {
  const { startsAt } = ctx.bounds;
  const { horizon, settings } = ctx;
  const waiting = statement(db, WAITING_SPANS).all({ day: params.day, horizon }) as WaitingSpan[];
  addObservedHours(ctx, out, waiting);
  for (const { endedAt } of statement(db, SERVED_ENDS).all({ day: params.day }) as { endedAt: number }[]) {
    partialFor(out.hour, String(localHour(endedAt, settings.timeZone))).servedInHour += 1;
  }

  const counterTime = counterTimeline(db, startsAt, horizon);
  const active = statement(db, ACTIVE_SPANS).all({ day: params.day, horizon, from: startsAt, weekBefore: addDays(params.day, -7) }) as {
    counterId: string;
    calledAt: number;
    until: number;
  }[];
  for (const seg of counterTime) {
    const targets = [partialFor(out.counter, seg.counterId), partialFor(out.teller, seg.tellerId), partialFor(out.total, '')];
    const len = seg.to - seg.from;
    for (const p of targets) addCounterTime(p, seg.paused, len);
    for (const slot of hourSlots(seg.from, seg.to, settings.timeZone))
      addCounterTime(partialFor(out.counterHour, `${seg.counterId}|${slot.hour}`), seg.paused, slot.to - slot.from);
    if (seg.paused) continue;
    const served = new Set(settings.counterServices[seg.counterId] ?? []);
    const someoneWaiting = normalise(waiting.filter((w) => served.has(w.serviceId)).map((w): Interval => [w.startedAt, w.until]));
    const busy = active.filter((a) => a.counterId === seg.counterId).map((a): Interval => [a.calledAt, a.until]);
    const idle = totalMs(intersect(subtract([[seg.from, seg.to]], busy), someoneWaiting));
    for (const p of targets) p.idleMs += idle;
  }
}

type WaitingSpan = { serviceId: string; startedAt: number; until: number };

/**
 * Every local clock hour of the day up to its horizon is observed time, with the queue length in it. `keep`: the
 * histograms a new hour group gets (none on a day without legs: a year of empty days would allocate gigabytes).
 */
function addObservedHours(ctx: DayContext, out: DayPartials, waiting: WaitingSpan[], keep?: readonly HistogramName[]): void {
  const { startsAt } = ctx.bounds;
  for (const slot of hourSlots(startsAt, Math.max(startsAt, ctx.horizon), ctx.settings.timeZone)) {
    const p = partialFor(out.hour, String(slot.hour), keep);
    const q = queueInSlot(waiting, slot.from, slot.to);
    p.queueMax = Math.max(p.queueMax, q.max);
    p.queueAreaMs += q.areaMs;
    p.observedMs += slot.to - slot.from;
  }
}

function addCounterTime(p: ReportPartial, paused: boolean, ms: number): void {
  p.signedInMs += ms;
  if (paused) p.pausedMs += ms;
  else p.availableMs += ms;
}

/** Maximum and ms-weighted sum of the number of waiting legs within [from, to). */
export function queueInSlot(spans: { startedAt: number; until: number }[], from: number, to: number): { max: number; areaMs: number } {
  const changes: [number, number][] = [];
  let level = 0;
  for (const s of spans) {
    const a = Math.max(s.startedAt, from);
    const b = Math.min(s.until, to);
    if (b <= a) continue;
    if (a === from) level += 1;
    else changes.push([a, +1]);
    if (b < to) changes.push([b, -1]);
  }
  // Ends before starts at the same instant: a leg called as another arrives is not counted twice.
  changes.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let max = level;
  let areaMs = 0;
  let t = from;
  for (const [at, delta] of changes) {
    areaMs += level * (at - t);
    t = at;
    level += delta;
    max = Math.max(max, level);
  }
  areaMs += level * (to - t);
  return { max, areaMs };
}

interface CounterSegment {
  counterId: string;
  tellerId: string;
  paused: boolean;
  from: number;
  to: number;
}

/** Signed-in segments (open or paused) of each counter within [from, to), from counter_events. */
function counterTimeline(db: Database, from: number, to: number): CounterSegment[] {
  const events = statement(db, COUNTER_EVENTS).all({ from, to }) as { counterId: string; tellerId: string; type: string; at: number }[];
  const open = new Map<string, { tellerId: string; paused: boolean; since: number }>();
  const segments: CounterSegment[] = [];
  const close = (counterId: string, at: number) => {
    const cur = open.get(counterId);
    if (!cur) return;
    const [seg] = clip([[cur.since, at]], from, to);
    if (seg) segments.push({ counterId, tellerId: cur.tellerId, paused: cur.paused, from: seg[0], to: seg[1] });
    open.delete(counterId);
  };
  for (const e of events) {
    close(e.counterId, e.at);
    if (e.type === 'signed_out') continue;
    open.set(e.counterId, { tellerId: e.tellerId, paused: e.type === 'paused', since: e.at });
  }
  for (const counterId of [...open.keys()]) close(counterId, to);
  return segments;
}
