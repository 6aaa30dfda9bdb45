import type { BranchConfig, CounterConfig } from '../config/branch-config';
import type { Ticket } from '../domain/ticket';
import { callOrder } from '../rules/call-order';
import { counterStatusOf, currentBusinessDay } from '../rules/queue-state';
import type { TicketTable } from '../rules/ticket-table';
import type { WaitingQueue } from '../rules/held-tickets-index';
import type { QueueState } from '../rules/types';
import { localClock, parseClockTime } from '../time/business-day';
import { DrawTable, logNormalMeanSec, logNormalVarianceSec, normalQuantile, residualSec, type LogNormal } from './distributions';
import { serviceTimesOf, type ServiceTimes } from './service-times';
import type { WaitHistory } from './wait-history';

/**
 * Imagined futures the board plays out: enough for a steady 90th percentile, few enough to stay cheap. A branch
 * with many counters plays fewer (its waits spread less, and each future costs a look at every counter):
 * futures × counters stays within CELLS, and never below MIN_FUTURES.
 */
const FUTURES = 128;
const MIN_FUTURES = 32;
const CELLS = 4096;
const futuresFor = (counters: number) => Math.max(MIN_FUTURES, Math.min(FUTURES, 2 * Math.floor(CELLS / Math.max(1, counters) / 2)));
/**
 * Calls played out per board; tickets beyond are extrapolated (a branch rarely has this many waiting). A branch
 * with many counters plays fewer: futures × calls × counters stays within WORK (each call in each future looks at
 * the counters able to make it), so a board costs about a millisecond however large the branch.
 */
const HORIZON = 150;
const MIN_HORIZON = 30;
const WORK = 200_000;
const horizonFor = (futures: number, counters: number) => Math.max(MIN_HORIZON, Math.min(HORIZON, Math.floor(WORK / (futures * Math.max(1, counters)))));
/** A board older than this is rebuilt: the customers at the counters have moved on meanwhile. */
const BOARD_FRESH_MS = 20_000;
const DRAW_COLUMNS = 512;
const Z90 = normalQuantile(0.9);

let draws: DrawTable | null = null;
const drawTable = () => (draws ??= new DrawTable(FUTURES, DRAW_COLUMNS, 0x16a17));

/** When a customer would be called (epoch ms): typical (median over the futures) and at most (90th percentile). */
export interface CallTimes {
  p50: number;
  p90: number;
}

/**
 * What a board was built from: it answers for exactly this state, and only for a short while. The ticket table is
 * held weakly: a version kept alive keeps every later change alive with it (TicketTable), and a memo must not.
 */
interface Basis {
  config: BranchConfig;
  tickets: WeakRef<TicketTable>;
  counters: QueueState['counters'];
  history: WaitHistory;
  hour: number;
  /** The board is stale from here: BOARD_FRESH_MS after it was built, or the next local hour or business day. */
  validUntil: number;
}

/**
 * The branch's near future, played out from the rules' state: when each waiting ticket would be called, and when
 * each counter would be free again once it has called everyone now waiting for it. Built in two passes:
 *
 * 1. The order of calls. Each signed-in counter (open, or paused until its pause ends) takes its tickets in the
 *    order the call-order rules give it at the moment it calls (callOrder from its own cycle position: overdue
 *    first, the priority ratio, transfers to it, longest wait), and the counter free first calls next, with mean
 *    durations.
 * 2. The timing, in up to FUTURES futures with drawn durations: the counters' next free moments (what is left of the
 *    current customer, given how long it has lasted, or of the pause), each counter's pause to come and early stop
 *    as one of its recent days had them (routines), then each ticket in that order goes to whichever counter able
 *    to call it is free first, and holds it for a drawn occupancy plus the teller's turnaround. Medians and 90th
 *    percentiles over the futures give each ticket's call time.
 *
 * A kiosk's ticket is then a lookup (where would it stand, what is the time there), and a normal ticket joining
 * the back is added in O(futures × counters) (`withAppended`) instead of playing everything out again.
 */
export class WaitBoard {
  readonly #backTimes = new Map<string, CallTimes>();
  /** Set once a later board took over this one's arrays (withAppended). */
  #superseded = false;

  private constructor(
    readonly builtAt: number,
    private readonly basis: Basis,
    private readonly times: ServiceTimes,
    private readonly counters: readonly CounterConfig[],
    /** Per service, the indexes (in `counters`) of the signed-in counters that serve it. */
    private readonly serving: ReadonlyMap<string, readonly number[]>,
    /** When each counter could next call in each future, after the tickets played out. */
    private readonly timeline: Timeline,
    /** Call times by ticket id. */
    private readonly called: Map<string, CallTimes>,
    /** Per service, its own line's tickets (not sent to a counter) in the order they are called. */
    private readonly lines: Map<string, CallTimes[]>,
    /** Per service, tickets beyond the horizon that its counters would call before a new one (0 usually). */
    private readonly leftover: Map<string, number>,
    private readonly appended: number,
  ) {}

  static build(state: QueueState, now: number): WaitBoard {
    const { config } = state;
    const clock = localClock(now, config.branch.timeZone);
    const hour = clock.hour;
    const times = serviceTimesOf(state.waitHistory);
    const gapMs = times.gapSec * 1000;
    const counters = config.counters.filter((c) => counterStatusOf(state, c.id).state !== 'closed');
    const C = counters.length;
    const F = futuresFor(C);
    const serving = new Map<string, number[]>();
    counters.forEach((c, k) => {
      for (const s of c.serviceIds) serving.set(s, [...(serving.get(s) ?? []), k]);
    });
    const draws = drawTable();
    const intoMinute = clock.second * 1000 + (now % 1000);
    const nextHourAt = now - intoMinute + (60 - clock.minute) * 60_000;
    const nextDayAt = now - intoMinute + (((parseClockTime(config.branch.dayStart) - clock.minutesOfDay + 1439) % 1440) + 1) * 60_000;

    // When each counter could next call, in each future: after its customer or its pause, then its turnaround.
    const end = new Float64Array(F * C);
    counters.forEach((c, k) => {
      const status = counterStatusOf(state, c.id);
      const current = status.activeTicketId === null ? undefined : state.tickets.get(status.activeTicketId);
      for (let r = 0; r < F; r++) {
        let busySec = 0;
        if (status.state === 'paused') busySec = residualSec(times.pause, (now - status.since) / 1000, draws.uniform(r, k));
        else if (current) busySec = residualSec(times.occupancy(current.legServiceId, hour), (now - (current.calledAt ?? now)) / 1000, draws.uniform(r, k));
        end[r * C + k] = now + busySec * 1000 + gapMs;
      }
    });
    const timeline = routines(state, now, clock.minutesOfDay + intoMinute / 60_000, counters, draws, new Timeline(F, C, end, nextDayAt));

    const horizon = horizonFor(F, C);
    const sequence = playOrder(state, now, counters, timeline, horizon, (t) => logNormalMeanSec(times.occupancy(t.legServiceId, hour)) * 1000 + gapMs);
    const counterIndex = new Map(counters.map((c, k) => [c.id, k]));
    const called = new Map<string, CallTimes>();
    const lines = new Map<string, CallTimes[]>();
    sequence.forEach((t, j) => {
      const eligible = t.targetCounterId === null ? (serving.get(t.legServiceId) ?? []) : [counterIndex.get(t.targetCounterId)!];
      const ticketTimes = quantiles(timeline.play(eligible, times.occupancy(t.legServiceId, hour), gapMs, C + j, SAMPLES), F);
      called.set(t.id, ticketTimes);
      if (t.targetCounterId !== null) return;
      const line = lines.get(t.legServiceId);
      if (line) line.push(ticketTimes);
      else lines.set(t.legServiceId, [ticketTimes]);
    });
    const leftover = sequence.length < horizon ? new Map<string, number>() : leftoverBeyondHorizon(state, now, counters, serving, sequence);
    const validUntil = Math.min(now + BOARD_FRESH_MS, nextHourAt, nextDayAt);
    const basis: Basis = { config, tickets: new WeakRef(state.tickets), counters: state.counters, history: state.waitHistory, hour, validUntil };
    return new WaitBoard(now, basis, times, counters, serving, timeline, called, lines, leftover, 0);
  }

  /** This board answers for `state` at `now`: built from it, recently, in the same local hour and business day. */
  fits(state: QueueState, now: number): boolean {
    const b = this.basis;
    return (
      !this.#superseded &&
      state.tickets === b.tickets.deref() &&
      state.counters === b.counters &&
      state.config === b.config &&
      state.waitHistory === b.history &&
      now >= this.builtAt &&
      now < b.validUntil
    );
  }

  /** Built for the same configuration (and counters signed in) within `withinMs` of `now`, whatever the queue since. */
  recentFor(state: QueueState, now: number, withinMs: number): boolean {
    const b = this.basis;
    return state.config === b.config && now >= this.builtAt && now - this.builtAt <= withinMs && now < b.validUntil && sameSignedIn(state.counters, b.counters);
  }

  /** This board answers for `state` at `now`, whichever ticket table it holds (a board to be rebased onto it). */
  fitsApartFromTickets(state: QueueState, now: number): boolean {
    return this.fits({ ...state, tickets: this.basis.tickets.deref() ?? state.tickets }, now);
  }

  /** The same board, answering for an equal state held in other objects (a ticket table built the same way). */
  rebased(tickets: TicketTable, history: WaitHistory): WaitBoard {
    const basis = { ...this.basis, tickets: new WeakRef(tickets), history };
    return new WaitBoard(this.builtAt, basis, this.times, this.counters, this.serving, this.timeline, this.called, this.lines, this.leftover, this.appended);
  }

  /** The call times played out for a waiting ticket; undefined beyond the horizon (or for a ticket not held). */
  callTimesOf(ticketId: string): CallTimes | undefined {
    return this.called.get(ticketId);
  }

  /**
   * Call times at a position (0 = next; fractions between) in a service's own line: the ticket played out at
   * that place, or past the last one, the service's counters once free, one mean cycle per further place.
   * Null when no signed-in counter serves the service.
   */
  atPosition(serviceId: string, position: number): CallTimes | null {
    if (!this.serving.has(serviceId)) return null;
    const lo = Math.floor(Math.max(0, position));
    const share = Math.max(0, position) - lo;
    const a = this.atPlace(serviceId, lo);
    if (share === 0) return a;
    const b = this.atPlace(serviceId, lo + 1);
    return { p50: a.p50 + share * (b.p50 - a.p50), p90: a.p90 + share * (b.p90 - a.p90) };
  }

  private atPlace(serviceId: string, place: number): CallTimes {
    const line = this.lines.get(serviceId) ?? [];
    return place < line.length ? line[place]! : this.beyondLine(serviceId, place - line.length);
  }

  /**
   * The board after a normal ticket joined the back of its service's line (it is called after everyone now
   * waiting). The new board takes over this one's arrays, changed in place, and this one no longer fits any
   * state (a state it answered for gets a new board if asked again): no copy per kiosk ticket.
   */
  withAppended(ticket: Ticket, tickets: TicketTable): WaitBoard {
    this.#superseded = true;
    const basis = { ...this.basis, tickets: new WeakRef(tickets) };
    const serviceId = ticket.legServiceId;
    const next = new WaitBoard(this.builtAt, basis, this.times, this.counters, this.serving, this.timeline, this.called, this.lines, this.leftover, this.appended + 1);
    const mine = this.serving.get(serviceId);
    if (!mine) return next;
    let times: CallTimes;
    if ((this.leftover.get(serviceId) ?? 0) > 0) {
      // Past the horizon: the ticket waits behind the leftover, and adds to it for every service sharing counters.
      times = this.beyondLine(serviceId, 0);
      for (const [other, ks] of this.serving) this.leftover.set(other, (this.leftover.get(other) ?? 0) + ks.filter((k) => mine.includes(k)).length / mine.length);
    } else {
      const C = this.counters.length;
      const d = this.times.occupancy(serviceId, this.basis.hour);
      const F = this.timeline.futures;
      times = quantiles(this.timeline.play(mine, d, this.times.gapSec * 1000, C + HORIZON + this.appended, SAMPLES, NEXT_FREE), F);
      next.#backTimes.set(serviceId, quantiles(NEXT_FREE, F));
    }
    this.called.set(ticket.id, times);
    let line = this.lines.get(serviceId);
    if (!line) this.lines.set(serviceId, (line = []));
    line.push(times);
    return next;
  }

  /**
   * `extra` places past the last ticket of the service's line: its counters' first free moment over the futures,
   * then, for the leftover beyond the horizon and each further place, one mean cycle shared by its counters, the
   * spread growing with the square root of the places (a sum of independent durations).
   */
  private beyondLine(serviceId: string, extra: number): CallTimes {
    const counters = this.serving.get(serviceId)!;
    let free = this.#backTimes.get(serviceId);
    if (!free) {
      const C = this.counters.length;
      const { end, futures } = this.timeline;
      for (let r = 0; r < futures; r++) SAMPLES[r] = end[r * C + firstFree(end, r * C, counters)]!;
      this.#backTimes.set(serviceId, (free = quantiles(SAMPLES, futures)));
    }
    const places = extra + (this.leftover.get(serviceId) ?? 0);
    if (places <= 0) return free;
    const d = this.times.occupancy(serviceId, this.basis.hour);
    const n = counters.length;
    const meanMs = ((logNormalMeanSec(d) + this.times.gapSec) * 1000) / n;
    const sdMs = (Math.sqrt(logNormalVarianceSec(d)) * 1000) / n;
    const p50 = free.p50 + places * meanMs;
    return { p50, p90: p50 + Math.hypot(free.p90 - free.p50, Z90 * Math.sqrt(places) * sdMs) };
  }
}

/** Scratch space for one sample per future (used and done with before any other board work starts). */
const SAMPLES = new Float64Array(FUTURES);
const NEXT_FREE = new Float64Array(FUTURES);

/**
 * When each counter can next call, in each future (futures × counters, epoch ms), and what its routine still
 * holds for today in that future: a pause it will take once free after `pauseAt`, and when it stops calling.
 * Changed in place as tickets are played out.
 */
class Timeline {
  readonly pauseAt: Float64Array;
  readonly pauseMs: Float64Array;
  readonly stopAt: Float64Array;

  constructor(
    readonly futures: number,
    readonly counters: number,
    readonly end: Float64Array,
    /** Where a counter that stopped for the day is next free: the next business day. */
    private readonly dayEnd: number,
  ) {
    this.pauseAt = new Float64Array(futures * counters).fill(Infinity);
    this.pauseMs = new Float64Array(futures * counters);
    this.stopAt = new Float64Array(futures * counters).fill(Infinity);
  }

  /** A counter free at or after its pause time pauses first; one past its stop time is gone for the day. */
  settle(i: number): void {
    let at = this.end[i]!;
    if (at < this.stopAt[i]! && at >= this.pauseAt[i]!) {
      at += this.pauseMs[i]!;
      this.pauseAt[i] = Infinity;
    }
    this.end[i] = at >= this.stopAt[i]! ? Math.max(at, this.dayEnd) : at;
  }

  /** The mean over the futures of when a counter can next call. */
  meanEnd(k: number): number {
    let sum = 0;
    for (let r = 0; r < this.futures; r++) sum += this.end[r * this.counters + k]!;
    return sum / this.futures;
  }

  /**
   * One ticket in every future: the first free of the counters able to call it calls it, and holds it for a
   * drawn occupancy (column `column` of the draw table) plus the turnaround. Fills `samples` with the call
   * times, and `nextFree`, when given, with when the first of those counters is free again.
   */
  play(eligible: readonly number[], d: LogNormal, gapMs: number, column: number, samples: Float64Array, nextFree?: Float64Array): Float64Array {
    const { end, counters: C } = this;
    const normals = drawTable().normals;
    const col = column % DRAW_COLUMNS;
    for (let r = 0; r < this.futures; r++) {
      const row = r * C;
      const k = firstFree(end, row, eligible);
      const at = end[row + k]!;
      samples[r] = at;
      end[row + k] = at + Math.exp(d.mu + d.sigma * normals[r * DRAW_COLUMNS + col]!) * 1000 + gapMs;
      this.settle(row + k);
      if (nextFree) nextFree[r] = end[row + firstFree(end, row, eligible)]!;
    }
    return samples;
  }
}

/**
 * What each signed-in counter's routine still holds today, in each future: the future follows one of the
 * counter's recent working days, drawn at random. Its next pause is that day's pause of the same rank as the
 * one the counter would take next today (taken ones are counted), unless that day took it over half an hour
 * before this time of day; it stops when that day it signed out, if that was before its services close (a
 * counter still open at closing serves whoever is left, so its sign-out then says nothing about today).
 */
function routines(state: QueueState, now: number, minuteNow: number, counters: readonly CounterConfig[], draws: DrawTable, timeline: Timeline): Timeline {
  const C = counters.length;
  const today = currentBusinessDay(state.config, now);
  const at = (minute: number) => now + (minute - minuteNow) * 60_000;
  counters.forEach((c, k) => {
    const marks = state.waitHistory.counterMarks[c.id] ?? [];
    const days = [...new Set(marks.filter((m) => m.kind === 'signIn' && m.day !== today).map((m) => m.day))];
    if (days.length === 0) return;
    const paused = counterStatusOf(state, c.id).state === 'paused' ? 1 : 0;
    const rank = marks.filter((m) => m.day === today && m.kind === 'pause').length + paused;
    const closing = closingMinute(state, c, now);
    const plans = days.map((day) => {
      const pause = marks.filter((m) => m.day === day && m.kind === 'pause')[rank];
      const out = marks.find((m) => m.day === day && m.kind === 'signOut');
      return {
        pauseAt: pause && pause.minute >= minuteNow - 30 ? Math.max(now, at(pause.minute)) : Infinity,
        pauseMs: (pause?.sec ?? 0) * 1000,
        stopAt: out && closing !== null && out.minute < closing && out.minute > minuteNow ? at(out.minute) : Infinity,
      };
    });
    for (let r = 0; r < timeline.futures; r++) {
      const plan = plans[Math.floor(draws.uniform(r, DRAW_COLUMNS - 1 - (k % 64)) * plans.length)]!;
      timeline.pauseAt[r * C + k] = plan.pauseAt;
      timeline.pauseMs[r * C + k] = plan.pauseMs;
      timeline.stopAt[r * C + k] = plan.stopAt;
    }
  });
  for (let i = 0; i < timeline.end.length; i++) timeline.settle(i);
  return timeline;
}

/** The latest local minute today at which a service of the counter stops taking tickets; null if one never does. */
function closingMinute(state: QueueState, counter: CounterConfig, now: number): number | null {
  const weekday = localClock(now, state.config.branch.timeZone).isoWeekday;
  let latest = -1;
  for (const serviceId of counter.serviceIds) {
    const hours = state.config.services.find((s) => s.id === serviceId)?.openingHours;
    if (hours === undefined) continue;
    if (hours === null) return null;
    for (const w of hours) {
      const from = parseClockTime(w.from);
      const to = parseClockTime(w.to);
      if (w.days.includes(weekday)) latest = Math.max(latest, to > from ? to : 24 * 60);
    }
  }
  return latest < 0 ? null : latest;
}

/** The same counters signed in (open or paused) in two counter records: the board's counters are these. */
function sameSignedIn(a: QueueState['counters'], b: QueueState['counters']): boolean {
  const signedIn = (c: QueueState['counters']) => Object.values(c).filter((s) => s.state !== 'closed').map((s) => s.counterId).sort().join(',');
  return a === b || signedIn(a) === signedIn(b);
}

/** The index among `counters` of the one free first in the future starting at `row` (ties: the first listed). */
function firstFree(end: Float64Array, row: number, counters: readonly number[]): number {
  let best = counters[0]!;
  for (let i = 1; i < counters.length; i++) {
    const k = counters[i]!;
    if (end[row + k]! < end[row + best]!) best = k;
  }
  return best;
}

/** Nearest-rank median and 90th percentile of the first `n` samples, one per future (reorders them). */
function quantiles(samples: Float64Array, n: number): CallTimes {
  const p50 = Math.ceil(0.5 * n) - 1;
  const p90 = Math.ceil(0.9 * n) - 1;
  select(samples, p50, 0, n - 1);
  select(samples, p90, p50 + 1, n - 1);
  return { p50: samples[p50]!, p90: samples[p90]! };
}

/** Hoare's quickselect: puts the k-th smallest of a[lo..hi] at k, smaller ones before it, larger after. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i] = a[j]!;
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Pass 1: the tickets in the order the counters would call them (at most `horizon`). The counter free first (mean
 * durations) calls next, choosing by the rules' own callOrder at that moment: among the fronts of its queues, so
 * a ticket that will have waited past maxNormalWaitMin by then goes first, and its priority cycle moves on.
 */
function playOrder(
  state: QueueState,
  now: number,
  counters: readonly CounterConfig[],
  timeline: Timeline,
  horizon: number,
  meanHoldMs: (t: Ticket) => number,
): Ticket[] {
  const policy = state.config.priorityPolicy;
  const today = currentBusinessDay(state.config, now);
  const index = state.tickets.index();
  const cursors = new Map<string, Cursor | null>();
  const cursor = (key: string, queue: WaitingQueue): Cursor | null => {
    if (!cursors.has(key)) {
      const line = index.lineOf(today, queue);
      cursors.set(key, line ? { priority: line.inQueueOrder(true), normal: line.inQueueOrder(false), byStart: line.inLegStartOrder(), p: 0, n: 0, s: 0 } : null);
    }
    return cursors.get(key)!;
  };
  const queuesOf = counters.map((c) =>
    [...c.serviceIds.map((serviceId) => cursor(`s:${serviceId}`, { serviceId })), cursor(`c:${c.id}`, { counterId: c.id })].filter((q) => q !== null),
  );
  const cycles = counters.map((c) => {
    const status = counterStatusOf(state, c.id);
    return { priority: status.priorityCallsInCycle, normal: status.normalCallsInCycle };
  });
  const taken = new Set<string>();
  const front = (list: readonly Ticket[], at: number) => {
    while (at < list.length && taken.has(list[at]!.id)) at++;
    return at;
  };
  // The counters by when they are free, earliest first; one with nobody left to call leaves for good.
  const free = new FreeOrder(counters.map((_, k) => timeline.meanEnd(k)));
  const sequence: Ticket[] = [];
  while (sequence.length < horizon && free.size > 0) {
    const [k, at] = free.pop();
    const candidates = new Set<Ticket>();
    for (const q of queuesOf[k]!) {
      q.p = front(q.priority, q.p);
      q.n = front(q.normal, q.n);
      q.s = front(q.byStart, q.s);
      for (const t of [q.priority[q.p], q.normal[q.n], q.byStart[q.s]]) if (t) candidates.add(t);
    }
    const [step] = callOrder([...candidates], policy, cycles[k]!, at);
    if (!step) continue;
    cycles[k] = step.cycle;
    taken.add(step.ticket.id);
    sequence.push(step.ticket);
    free.push(k, at + meanHoldMs(step.ticket));
  }
  return sequence;
}

/** A binary heap of counters by the time they are free (ties: the lower index, as the scan of counters would). */
class FreeOrder {
  private readonly heap: { k: number; at: number }[] = [];

  constructor(at: readonly number[]) {
    at.forEach((t, k) => this.push(k, t));
  }

  get size(): number {
    return this.heap.length;
  }

  push(k: number, at: number): void {
    const heap = this.heap;
    heap.push({ k, at });
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): [number, number] {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let m = i;
        if (l < heap.length && earlier(heap[l]!, heap[m]!)) m = l;
        if (l + 1 < heap.length && earlier(heap[l + 1]!, heap[m]!)) m = l + 1;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return [top.k, top.at];
  }
}

const earlier = (a: { k: number; at: number }, b: { k: number; at: number }) => a.at < b.at || (a.at === b.at && a.k < b.k);

/** Where a queue's walk has got to: its sorted arrays and the first entry of each not yet called. */
interface Cursor {
  priority: readonly Ticket[];
  normal: readonly Ticket[];
  byStart: readonly Ticket[];
  p: number;
  n: number;
  s: number;
}

/**
 * When more wait than the horizon: per service, how many tickets not played out its counters would call before a
 * new ticket of it. A queue's tickets are counted by the share of the counters able to call them that serve the
 * service (a counter's own transfers wholly; another service's line by the counters it shares).
 */
function leftoverBeyondHorizon(
  state: QueueState,
  now: number,
  counters: readonly CounterConfig[],
  serving: ReadonlyMap<string, readonly number[]>,
  sequence: readonly Ticket[],
): Map<string, number> {
  const index = state.tickets.index();
  const today = currentBusinessDay(state.config, now);
  const played = new Map<string, number>();
  for (const t of sequence) {
    const key = t.targetCounterId === null ? `s:${t.legServiceId}` : `c:${t.targetCounterId}`;
    played.set(key, (played.get(key) ?? 0) + 1);
  }
  const queues: { left: number; able: readonly number[] }[] = [];
  for (const [serviceId, able] of serving) {
    const line = index.lineOf(today, { serviceId });
    if (line) queues.push({ left: line.size - (played.get(`s:${serviceId}`) ?? 0), able });
  }
  counters.forEach((c, k) => {
    const line = index.lineOf(today, { counterId: c.id });
    if (line) queues.push({ left: line.size - (played.get(`c:${c.id}`) ?? 0), able: [k] });
  });
  const leftover = new Map<string, number>();
  for (const [serviceId, mine] of serving) {
    let left = 0;
    for (const q of queues) if (q.left > 0) left += (q.left * q.able.filter((k) => mine.includes(k)).length) / q.able.length;
    leftover.set(serviceId, left);
  }
  return leftover;
}
