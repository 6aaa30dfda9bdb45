import type { BranchConfig, Cell, DomainEvent, GroupBy, ReportName } from '@rinda/shared';
import type { Db } from '../../db/database';
import { bucketSeconds } from '../wait-histogram';

/**
 * A deliberately plain second implementation of METRICS.md, for tests: it replays the raw events
 * (ticket_events.data, counter_events) in memory and measures time by walking every elementary
 * segment between two instants at which anything changes. It shares no code with the report SQL
 * except the documented rounding of durations for percentiles (bucketSeconds).
 */
interface Leg {
  service: string;
  start: number;
  firstCall: number | null;
  serviceStart: number | null;
  /** The customer stepped back in this leg ("I need more time"). */
  steppedBack?: boolean;
  end: number | null;
  outcome: string | null;
  counter: string | null;
  teller: string | null;
}
interface Visit {
  id: string;
  day: string;
  service: string;
  issuedAt: number;
  estimateMin: number | null;
  atMostMin: number | null;
  state: string;
  legs: Leg[];
}
interface Session {
  counter: string;
  teller: string;
  paused: boolean;
  from: number;
  to: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const fmt = (tz: string) => formats.get(tz) ?? formats.set(tz, new Intl.DateTimeFormat('en-GB', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })).get(tz)!;

const stamps = new Map<string, string>();
/** Local "YYYY-MM-DD HH:MM" of an instant (remembered per minute: the walk below asks often). */
function localStamp(at: number, tz: string): string {
  const key = `${tz}|${Math.floor(at / 60_000)}`;
  let stamp = stamps.get(key);
  if (stamp === undefined) {
    const p = Object.fromEntries(fmt(tz).formatToParts(at).map((x) => [x.type, x.value]));
    stamps.set(key, (stamp = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`));
  }
  return stamp;
}
const hourOf = (at: number, tz: string) => Number(localStamp(at, tz).slice(11, 13));

/** Business day start by brute force: the first whole minute whose local time reaches `date dayStart`. */
function dayStartAt(date: string, dayStart: string, tz: string): number {
  const target = `${date} ${dayStart}`;
  let t = Date.parse(`${date}T00:00:00Z`) - 16 * 3_600_000;
  while (localStamp(t, tz) < target) t += 60_000;
  return t;
}
function weekdayOf(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function replay(db: Db): { visits: Visit[]; sessions: Session[] } {
  const byId = new Map<string, Visit>();
  for (const { data } of db.prepare('SELECT data FROM ticket_events ORDER BY id').all() as { data: string }[]) {
    const e = JSON.parse(data) as DomainEvent;
    if (e.type === 'ticket.issued') {
      const t = e.ticket;
      byId.set(t.id, {
        id: t.id,
        day: t.businessDay, service: t.serviceId, issuedAt: t.issuedAt, estimateMin: t.estimatedWaitMin, atMostMin: t.estimatedWaitAtMostMin, state: 'waiting',
        legs: [{ service: t.serviceId, start: t.issuedAt, firstCall: null, serviceStart: null, end: null, outcome: null, counter: null, teller: null }],
      });
      continue;
    }
    if (!('ticketId' in e)) continue;
    const v = byId.get(e.ticketId)!;
    const leg = v.legs[v.legs.length - 1]!;
    const hold = () => {
      if ('counterId' in e && e.counterId) leg.counter = e.counterId;
      if ('tellerId' in e && e.tellerId) leg.teller = e.tellerId;
    };
    switch (e.type) {
      case 'ticket.called': leg.firstCall ??= e.at; hold(); v.state = 'called'; break;
      case 'ticket.recalled': hold(); break;
      case 'ticket.serviceStarted': leg.serviceStart = e.at; hold(); v.state = 'serving'; break;
      case 'ticket.finished': leg.end = e.at; leg.outcome = 'done'; v.state = 'done'; break;
      case 'ticket.noShow': leg.end = e.at; leg.outcome = 'no_show'; v.state = 'no_show'; break;
      case 'ticket.cancelled': leg.end = e.at; leg.outcome = 'cancelled'; v.state = 'cancelled'; break;
      case 'ticket.reactivated': leg.end = null; leg.outcome = null; v.state = 'waiting'; break;
      case 'ticket.steppedBack': leg.steppedBack = true; break;
      case 'ticket.transferred':
        leg.end = e.at; leg.outcome = 'transferred'; v.state = 'waiting';
        v.legs.push({ service: e.toServiceId, start: e.at, firstCall: null, serviceStart: null, end: null, outcome: null, counter: null, teller: null });
        break;
    }
  }
  const sessions: Session[] = [];
  const open = new Map<string, { teller: string; paused: boolean; since: number }>();
  for (const e of db.prepare('SELECT counter_id AS c, teller_id AS t, type, at FROM counter_events ORDER BY at, id').all() as { c: string; t: string; type: string; at: number }[]) {
    const cur = open.get(e.c);
    if (cur) sessions.push({ counter: e.c, teller: cur.teller, paused: cur.paused, from: cur.since, to: e.at });
    open.delete(e.c);
    if (e.type !== 'signed_out') open.set(e.c, { teller: e.t, paused: e.type === 'paused', since: e.at });
  }
  for (const [c, cur] of open) sessions.push({ counter: c, teller: cur.teller, paused: cur.paused, from: cur.since, to: Number.MAX_SAFE_INTEGER });
  return { visits: [...byId.values()], sessions };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}
const pctSec = (ms: number[], p: number) => {
  const v = nearestRank(ms, p);
  return v === null ? null : bucketSeconds(v);
};
const meanSec = (ms: number[]) => (ms.length ? round1(ms.reduce((a, b) => a + b, 0) / ms.length / 1000) : null);
const pct = (n: number, d: number) => (d ? round1((n / d) * 100) : null);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function referenceReport(db: Db, config: BranchConfig, name: ReportName, groupBy: GroupBy, from: string, to: string, now: number): Record<string, Cell>[] {
  const tz = config.branch.timeZone;
  const { visits: all, sessions } = replay(db);
  const days: { day: string; start: number; end: number }[] = [];
  for (let d = from; d <= to; d = nextDay(d)) {
    const start = dayStartAt(d, config.branch.dayStart, tz);
    if (start <= now) days.push({ day: d, start, end: dayStartAt(nextDay(d), config.branch.dayStart, tz) });
  }
  const dayInfo = new Map(days.map((d) => [d.day, d]));
  const visits = all.filter((v) => dayInfo.has(v.day));
  const horizonOf = (day: string) => Math.min(now, dayInfo.get(day)?.end ?? dayStartAt(nextDay(day), config.branch.dayStart, tz));
  const T = (service: string) => (config.services.find((s) => s.id === service)?.targetWaitMin ?? Infinity) * 60_000;
  const legKey = (v: Visit, l: Leg): string =>
    ({ service: l.service, counter: l.counter ?? '', teller: l.teller ?? '', hour: String(hourOf(l.start, tz)), weekday: String(weekdayOf(v.day)), day: v.day })[groupBy];
  const visitKey = (v: Visit): string => {
    const last = v.legs[v.legs.length - 1]!;
    return ({ service: v.service, counter: last.counter ?? '', teller: last.teller ?? '', hour: String(hourOf(v.issuedAt, tz)), weekday: String(weekdayOf(v.day)), day: v.day })[groupBy];
  };
  const serviceMs = (l: Leg) =>
    (l.outcome === 'done' || l.outcome === 'transferred') && l.firstCall !== null && l.end !== null ? l.end - (l.serviceStart ?? l.firstCall) : null;
  const target = (key: string) => (groupBy === 'service' ? config.services.find((s) => s.id === key) : undefined);

  const groups = new Set<string>();
  const legsIn = (key: string) => visits.flatMap((v) => v.legs.filter((l) => legKey(v, l) === key).map((l) => ({ v, l })));
  const visitsIn = (key: string) => visits.filter((v) => visitKey(v) === key);
  for (const v of visits) {
    groups.add(visitKey(v));
    for (const l of v.legs) groups.add(legKey(v, l));
  }

  if (name === 'wait-promises') {
    const keys = [...new Set(visits.map(visitKey))].sort(byKey);
    return keys.map((key) => {
      const vs = visitsIn(key);
      const told = vs.filter((v) => v.estimateMin !== null && v.atMostMin !== null);
      const first = (v: Visit) => v.legs[0]!;
      const called = told.filter((v) => first(v).firstCall !== null);
      const wait = (v: Visit) => first(v).firstCall! - first(v).start;
      const err = (v: Visit) => Math.round(v.estimateMin! * 60_000) - wait(v);
      const late = told.filter((v) => first(v).firstCall === null && (first(v).end ?? horizonOf(v.day)) - first(v).start > Math.round(v.atMostMin! * 60_000));
      return {
        group: key, visits: vs.length, toldRange: told.length, toldNoCounter: vs.filter((v) => v.estimateMin === null).length, called: called.length,
        waitMeanSec: meanSec(called.map(wait)), biasSec: meanSec(called.map(err)), meanAbsErrorSec: meanSec(called.map((v) => Math.abs(err(v)))),
        absErrorP90Sec: pctSec(called.map((v) => Math.abs(err(v))), 0.9),
        promiseKeptPercent: pct(called.filter((v) => wait(v) <= Math.round(v.atMostMin! * 60_000)).length, called.length + late.length),
      };
    });
  }

  if (name === 'satisfaction' || name === 'satisfaction-by-wait') {
    const scores = new Map((db.prepare('SELECT ticket_id AS id, score FROM ratings').all() as { id: string; score: number }[]).map((r) => [r.id, r.score]));
    const keys = [...new Set(visits.map(visitKey))].sort(byKey);
    const mean = (xs: number[]) => (xs.length ? round1(sum(xs) / xs.length) : null);
    return keys.flatMap((key): Record<string, Cell>[] => {
      const vs = visitsIn(key);
      const rated = vs.filter((v) => scores.has(v.id));
      const score = (v: Visit) => scores.get(v.id)!;
      if (name === 'satisfaction') {
        const served = vs.filter((v) => v.state === 'done').length;
        if (served === 0 && rated.length === 0) return [];
        const count = (s: number) => rated.filter((v) => score(v) === s).length;
        return [{
          group: key, served, ratings: rated.length, responseRatePercent: pct(rated.length, served), meanScore: mean(rated.map(score)),
          score1: count(1), score2: count(2), score3: count(3), score4: count(4), score5: count(5),
        }];
      }
      const bands = [0, 5, 10, 15, 20, 30];
      const waitMin = (v: Visit) => sum(v.legs.map((l) => (l.firstCall ?? l.end!) - l.start)) / 60_000;
      return bands.flatMap((fromMin, i) => {
        const inBand = rated.filter((v) => waitMin(v) >= fromMin && (i === bands.length - 1 || waitMin(v) < bands[i + 1]!));
        return inBand.length ? [{ group: key, fromMin, toMin: bands[i + 1] ?? null, ratings: inBand.length, meanScore: mean(inBand.map(score)) }] : [];
      });
    });
  }

  if (name === 'summary' || name === 'wait-histogram') {
    const rows = [...groups].sort(byKey).map((key) => {
      const legs = legsIn(key);
      const vs = visitsIn(key);
      const called = legs.filter(({ l }) => l.firstCall !== null);
      const waits = called.map(({ l }) => l.firstCall! - l.start);
      const services = legs.map(({ l }) => serviceMs(l)).filter((x): x is number => x !== null);
      const slDen = legs.filter(({ v, l }) => l.firstCall !== null || (l.end ?? horizonOf(v.day)) - l.start > T(l.service)).length;
      const slWithin = called.filter(({ l }) => l.firstCall! - l.start <= T(l.service)).length;
      const errors = vs
        .filter((v) => v.estimateMin !== null && v.legs.every((l) => l.firstCall !== null))
        .map((v) => Math.abs(Math.round(v.estimateMin! * 60_000) - sum(v.legs.map((l) => l.firstCall! - l.start))));
      const closed = (v: Visit) => dayInfo.get(v.day)!.end <= now;
      if (name === 'wait-histogram') {
        const bins = new Map<number, number>();
        for (const w of waits) {
          const m = Math.max(0, Math.ceil(Math.ceil(w / 1000) / 60) - 1);
          bins.set(m, (bins.get(m) ?? 0) + 1);
        }
        return [...bins].sort((a, b) => a[0] - b[0]).map(([m, n]) => ({ group: key, fromMin: m, toMin: m + 1, legs: n, targetMin: target(key)?.targetWaitMin ?? null }));
      }
      return [{
        group: key, visits: vs.length, served: vs.filter((v) => v.state === 'done').length,
        unserved: vs.filter((v) => v.state === 'cancelled' || (closed(v) && (v.state === 'waiting' || v.state === 'called'))).length,
        legs: legs.length, legsCalled: called.length, noShows: legs.filter(({ l }) => l.outcome === 'no_show').length,
        noShowRatePercent: pct(legs.filter(({ l }) => l.outcome === 'no_show').length, called.length),
        waitMeanSec: meanSec(waits), waitP50Sec: pctSec(waits, 0.5), waitP90Sec: pctSec(waits, 0.9), waitP95Sec: pctSec(waits, 0.95),
        serviceMeanSec: meanSec(services), serviceP50Sec: pctSec(services, 0.5), serviceP90Sec: pctSec(services, 0.9),
        serviceLevelPercent: pct(slWithin, slDen), targetMin: target(key)?.targetWaitMin ?? null, goalPercent: target(key)?.goalPercent ?? null,
        estimateErrorMeanSec: meanSec(errors), estimateErrorP90Sec: pctSec(errors, 0.9),
        stepBacks: legs.filter(({ l }) => l.steppedBack === true).length,
      }];
    });
    return rows.flat();
  }

  // Timeline figures: walk each elementary segment of each day up to its horizon.
  const waitingSpans = visits.flatMap((v) => v.legs.map((l) => ({ v, l, from: l.start, to: l.firstCall ?? l.end ?? horizonOf(v.day) })));
  // A counter is busy from a call to the leg's end (or its day's horizon when it never ended), whichever day the
  // ticket belongs to: every visit held, not only the range's (REPORTS.md, idleMin).
  const activeSpans = all.flatMap((v) => v.legs.filter((l) => l.counter !== null && l.firstCall !== null).map((l) => ({ v, l, from: l.firstCall!, to: l.end ?? horizonOf(v.day) })));
  type Acc = { arrivals: number; servedInHour: number; queueMax: number; area: number; observed: number; signedIn: number; paused: number; available: number; serving: number; idle: number };
  const acc = new Map<string, Acc>();
  const accOf = (k: string) => {
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { arrivals: 0, servedInHour: 0, queueMax: 0, area: 0, observed: 0, signedIn: 0, paused: 0, available: 0, serving: 0, idle: 0 }));
    return a;
  };
  const counterKey = (day: string, counter: string, teller: string) =>
    ({ counter, teller, day, weekday: String(weekdayOf(day)), service: '', hour: '' })[groupBy];

  for (const d of days) {
    const horizon = Math.min(now, d.end);
    const points = new Set<number>([d.start, horizon]);
    for (let t = d.start; t < horizon; t += 60_000) if (hourOf(t, tz) !== hourOf(t - 60_000, tz)) points.add(t);
    const dayWaiting = waitingSpans.filter((s) => s.v.day === d.day);
    const dayActive = activeSpans.filter((s) => s.from < horizon && s.to > d.start);
    for (const s of [...dayWaiting, ...dayActive, ...sessions]) for (const p of [s.from, s.to]) if (p > d.start && p < horizon) points.add(p);
    const sorted = [...points].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i]!;
      const b = sorted[i + 1]!;
      const waitingNow = dayWaiting.filter((s) => s.from <= a && a < s.to);
      if (name === 'hourly') {
        const h = accOf(String(hourOf(a, tz)));
        h.queueMax = Math.max(h.queueMax, waitingNow.length);
        h.area += waitingNow.length * (b - a);
        h.observed += b - a;
        continue;
      }
      for (const s of sessions.filter((x) => x.from <= a && a < x.to)) {
        const c = accOf(counterKey(d.day, s.counter, s.teller));
        c.signedIn += b - a;
        if (s.paused) { c.paused += b - a; continue; }
        c.available += b - a;
        const busy = dayActive.some((x) => x.l.counter === s.counter && x.from <= a && a < x.to);
        const served = config.counters.find((x) => x.id === s.counter)?.serviceIds ?? [];
        if (!busy && waitingNow.some((w) => served.includes(w.l.service))) c.idle += b - a;
      }
    }
  }
  if (name === 'hourly') {
    for (const v of visits) accOf(String(hourOf(v.issuedAt, tz))).arrivals += 1;
    for (const v of visits.filter((x) => x.state === 'done')) accOf(String(hourOf(v.legs[v.legs.length - 1]!.end!, tz))).servedInHour += 1;
    return [...acc].sort((x, y) => byKey(x[0], y[0])).map(([k, a]) => ({
      group: k, arrivals: a.arrivals, servedInHour: a.servedInHour, queueMax: a.queueMax,
      queueMean: a.observed ? Math.round((a.area / a.observed) * 100) / 100 : null,
    }));
  }
  for (const v of visits) for (const l of v.legs) {
    const ms = serviceMs(l);
    if (ms !== null) accOf(counterKey(v.day, l.counter ?? '', l.teller ?? '')).serving += ms;
  }
  const min = (ms: number) => round1(ms / 60_000);
  return [...acc].filter(([k, a]) => k !== '' && (a.signedIn > 0 || a.serving > 0)).sort((x, y) => byKey(x[0], y[0])).map(([k, a]) => ({
    group: k, signedInMin: min(a.signedIn), pausedMin: min(a.paused), availableMin: min(a.available), servingMin: min(a.serving),
    utilisationPercent: pct(a.serving, a.available), idleMin: min(a.idle),
  }));
}

function byKey(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.localeCompare(b);
}
