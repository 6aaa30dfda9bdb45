import type { BranchConfig, CounterConfig } from '../config/branch-config';
import type { Ticket } from '../domain/ticket';
import { callOrder } from '../rules/call-order';
import { counterStatusOf, currentBusinessDay, eligibleLines } from '../rules/queue-state';
import type { TicketTable } from '../rules/ticket-table';
import type { QueueState } from '../rules/types';
import { localHour } from '../time/business-day';
import { DrawTable, logNormalMeanSec, logNormalVarianceSec, normalQuantile, residualSec } from './distributions';
import { serviceTimesOf, type ServiceTimes } from './service-times';
import type { WaitHistory } from './wait-history';

/** Imagined futures the board plays out: enough for a steady 90th percentile, few enough to stay cheap. */
export const FUTURES = 128;
/** Calls played out per board; tickets beyond are extrapolated (a branch rarely has this many waiting). */
export const HORIZON = 150;
/** A board older than this is rebuilt: the customers at the counters have moved on meanwhile. */
export const BOARD_FRESH_MS = 20_000;
const DRAW_COLUMNS = 512;
const Z90 = normalQuantile(0.9);

let draws: DrawTable | null = null;
const drawTable = () => (draws ??= new DrawTable(FUTURES, DRAW_COLUMNS, 0x16a17));

/** When a customer would be called (epoch ms): typical (median over the futures) and at most (90th percentile). */
export interface CallTimes {
  p50: number;
  p90: number;
}

/** What a board was built from: it answers for exactly this state, and only for a short while. */
interface Basis {
  config: BranchConfig;
  tickets: TicketTable;
  counters: QueueState['counters'];
  history: WaitHistory;
  day: string;
  hour: number;
}

/**
 * The branch's near future, played out from the rules' state: when each waiting ticket would be called, and when
 * each counter would be free again once it has called everyone now waiting for it. Built in two passes:
 *
 * 1. The order of calls. Each signed-in counter (open, or paused until its pause ends) takes its tickets in the
 *    order the call-order rules give it now (callOrder from its own cycle position: overdue first, the priority
 *    ratio, transfers to it, longest wait), and the counter that is free first calls next, with mean durations.
 * 2. The timing, in FUTURES futures with drawn durations: the counters' next free moments (what is left of the
 *    current customer, given how long it has lasted, or of the pause), then each ticket in that order goes to
 *    whichever counter able to call it is free first, and holds it for a drawn occupancy plus the teller's
 *    turnaround. Medians and 90th percentiles over the futures give each ticket's call time.
 *
 * A kiosk's ticket is then a lookup (where would it stand, what is the time there), and a normal ticket joining
 * the back is added in O(FUTURES × counters) (`withAppended`) instead of playing everything out again.
 */
export class WaitBoard {
  readonly #backSamples = new Map<string, Float64Array>();

  private constructor(
    readonly builtAt: number,
    private readonly basis: Basis,
    private readonly times: ServiceTimes,
    private readonly counters: readonly CounterConfig[],
    /** Per service, the indexes (in `counters`) of the signed-in counters that serve it. */
    private readonly serving: ReadonlyMap<string, readonly number[]>,
    /** FUTURES × counters: when each counter could next call, after the tickets played out (epoch ms). */
    private readonly end: Float64Array,
    /** Call times by ticket id; shared by a board and those appended to it (entries are only ever added). */
    private readonly called: Map<string, CallTimes>,
    /** Per service, its own line's tickets (not sent to a counter) in the order they are called. */
    private readonly lines: ReadonlyMap<string, Line>,
    /** Per service, tickets beyond the horizon that its counters would call before a new one (0 usually). */
    private readonly leftover: ReadonlyMap<string, number>,
    private readonly appended: number,
  ) {}

  static build(state: QueueState, now: number): WaitBoard {
    const { config } = state;
    const hour = localHour(now, config.branch.timeZone);
    const times = serviceTimesOf(state.waitHistory);
    const gapMs = times.gapSec * 1000;
    const counters = config.counters.filter((c) => counterStatusOf(state, c.id).state !== 'closed');
    const C = counters.length;
    const serving = new Map<string, number[]>();
    counters.forEach((c, k) => {
      for (const s of c.serviceIds) serving.set(s, [...(serving.get(s) ?? []), k]);
    });
    const draws = drawTable();

    // When each counter could next call, in each future.
    const end = new Float64Array(FUTURES * C);
    counters.forEach((c, k) => {
      const status = counterStatusOf(state, c.id);
      const current = status.activeTicketId === null ? undefined : state.tickets.get(status.activeTicketId);
      for (let r = 0; r < FUTURES; r++) {
        let busySec = 0;
        if (status.state === 'paused') busySec = residualSec(times.pause, (now - status.since) / 1000, draws.uniform(r, k));
        else if (current) busySec = residualSec(times.occupancy(current.legServiceId, hour), (now - (current.calledAt ?? now)) / 1000, draws.uniform(r, k));
        end[r * C + k] = now + busySec * 1000 + gapMs;
      }
    });

    const sequence = playOrder(state, now, counters, end, (t) => logNormalMeanSec(times.occupancy(t.legServiceId, hour)) * 1000 + gapMs);
    const counterIndex = new Map(counters.map((c, k) => [c.id, k]));
    const called = new Map<string, CallTimes>();
    const lines = new Map<string, Line>();
    const samples = new Float64Array(FUTURES);
    sequence.forEach((t, j) => {
      const eligible = t.targetCounterId === null ? (serving.get(t.legServiceId) ?? []) : [counterIndex.get(t.targetCounterId)!];
      const d = times.occupancy(t.legServiceId, hour);
      for (let r = 0; r < FUTURES; r++) {
        const k = firstFree(end, r * C, eligible);
        const at = end[r * C + k]!;
        samples[r] = at;
        end[r * C + k] = at + Math.exp(d.mu + d.sigma * draws.normal(r, C + j)) * 1000 + gapMs;
      }
      const times_ = quantiles(samples);
      called.set(t.id, times_);
      if (t.targetCounterId === null) lines.set(t.legServiceId, appendTo(lines.get(t.legServiceId), times_));
    });
    const leftover = sequence.length < HORIZON ? new Map<string, number>() : leftoverBeyondHorizon(state, now, counters, serving, sequence);
    const basis: Basis = { config, tickets: state.tickets, counters: state.counters, history: state.waitHistory, day: currentBusinessDay(config, now), hour };
    return new WaitBoard(now, basis, times, counters, serving, end, called, lines, leftover, 0);
  }

  /** This board answers for `state` at `now`: built from it, recently, in the same hour and business day. */
  fits(state: QueueState, now: number): boolean {
    const b = this.basis;
    if (state.tickets !== b.tickets || state.counters !== b.counters || state.config !== b.config || state.waitHistory !== b.history) return false;
    if (now < this.builtAt || now - this.builtAt > BOARD_FRESH_MS) return false;
    return localHour(now, b.config.branch.timeZone) === b.hour && currentBusinessDay(b.config, now) === b.day;
  }

  /** Some signed-in counter serves this service (or is this counter). */
  serves(serviceId: string): boolean {
    return this.serving.has(serviceId);
  }

  isSignedIn(counterId: string): boolean {
    return this.counters.some((c) => c.id === counterId);
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
    const line = this.lines.get(serviceId) ?? NO_LINE;
    const at = (i: number): CallTimes => (i < line.length ? line.shared[i]! : this.beyondLine(serviceId, i - line.length));
    const lo = Math.floor(Math.max(0, position));
    const share = Math.max(0, position) - lo;
    const a = at(lo);
    if (share === 0) return a;
    const b = at(lo + 1);
    return { p50: a.p50 + share * (b.p50 - a.p50), p90: a.p90 + share * (b.p90 - a.p90) };
  }

  /** The board after a normal ticket joined the back of its service's line (it is called after everyone now waiting). */
  withAppended(ticket: Ticket, tickets: TicketTable): WaitBoard {
    const basis = { ...this.basis, tickets };
    const serviceId = ticket.legServiceId;
    const mine = this.serving.get(serviceId);
    const next = (end: Float64Array, leftover: ReadonlyMap<string, number>, times: CallTimes | null) => {
      const lines = new Map(this.lines);
      if (times) {
        this.called.set(ticket.id, times);
        lines.set(serviceId, appendTo(this.lines.get(serviceId), times));
      }
      return new WaitBoard(this.builtAt, basis, this.times, this.counters, this.serving, end, this.called, lines, leftover, this.appended + 1);
    };
    if (!mine) return next(this.end, this.leftover, null);
    if ((this.leftover.get(serviceId) ?? 0) > 0) {
      // Past the horizon: the ticket waits behind the leftover, and adds to it for every service sharing counters.
      const times = this.beyondLine(serviceId, 0);
      const leftover = new Map(this.leftover);
      for (const [other, ks] of this.serving) leftover.set(other, (leftover.get(other) ?? 0) + ks.filter((k) => mine.includes(k)).length / mine.length);
      return next(this.end, leftover, times);
    }
    const C = this.counters.length;
    const end = this.end.slice();
    const d = this.times.occupancy(serviceId, this.basis.hour);
    const draws = drawTable();
    const column = C + HORIZON + this.appended;
    const samples = new Float64Array(FUTURES);
    for (let r = 0; r < FUTURES; r++) {
      const k = firstFree(end, r * C, mine);
      const at = end[r * C + k]!;
      samples[r] = at;
      end[r * C + k] = at + Math.exp(d.mu + d.sigma * draws.normal(r, column)) * 1000 + this.times.gapSec * 1000;
    }
    return next(end, this.leftover, quantiles(samples));
  }

  /**
   * `extra` places past the last ticket of the service's line: its counters' first free moment over the futures,
   * then, for the leftover beyond the horizon and each further place, one mean cycle shared by its counters, the
   * spread growing with the square root of the places (a sum of independent durations).
   */
  private beyondLine(serviceId: string, extra: number): CallTimes {
    const counters = this.serving.get(serviceId)!;
    let samples = this.#backSamples.get(serviceId);
    if (!samples) {
      const C = this.counters.length;
      samples = new Float64Array(FUTURES);
      for (let r = 0; r < FUTURES; r++) samples[r] = this.end[r * C + firstFree(this.end, r * C, counters)]!;
      samples = Float64Array.from(samples).sort();
      this.#backSamples.set(serviceId, samples);
    }
    const free = fromSorted(samples);
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

/**
 * A service's line of call times. The array is shared by a board and the boards appended to it, each reading its
 * own first `length` entries: appending is O(1) however long the line (a copy only when an older board appends).
 */
interface Line {
  shared: CallTimes[];
  length: number;
}
const NO_LINE: Line = { shared: [], length: 0 };

function appendTo(line: Line | undefined, times: CallTimes): Line {
  const shared = !line ? [] : line.shared.length === line.length ? line.shared : line.shared.slice(0, line.length);
  shared.push(times);
  return { shared, length: shared.length };
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

function fromSorted(sorted: Float64Array): CallTimes {
  const rank = (p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
  return { p50: rank(0.5), p90: rank(0.9) };
}

function quantiles(samples: Float64Array): CallTimes {
  return fromSorted(Float64Array.from(samples).sort());
}

/**
 * Pass 1: the tickets in the order the counters would call them (at most HORIZON), each counter taking the next of
 * its own call order that nobody took before it, the one free first (mean durations) calling next.
 */
function playOrder(state: QueueState, now: number, counters: readonly CounterConfig[], end: Float64Array, meanHoldMs: (t: Ticket) => number): Ticket[] {
  const C = counters.length;
  const free = counters.map((_, k) => {
    let sum = 0;
    for (let r = 0; r < FUTURES; r++) sum += end[r * C + k]!;
    return sum / FUTURES;
  });
  const orders = counters.map((c) => callOrderPrefix(state, c, now));
  const pointer = counters.map(() => 0);
  const taken = new Set<string>();
  const sequence: Ticket[] = [];
  while (sequence.length < HORIZON) {
    let best = -1;
    for (let k = 0; k < C; k++) {
      const order = orders[k]!;
      let p = pointer[k]!;
      while (p < order.length && taken.has(order[p]!.id)) p++;
      pointer[k] = p;
      if (p < order.length && (best < 0 || free[k]! < free[best]!)) best = k;
    }
    if (best < 0) break;
    const ticket = orders[best]![pointer[best]!]!;
    taken.add(ticket.id);
    sequence.push(ticket);
    free[best]! += meanHoldMs(ticket);
  }
  return sequence;
}

/**
 * The first HORIZON tickets of a counter's call order now, by the rules' own callOrder over just enough of its
 * queues: every overdue ticket, and of each class the first HORIZON not overdue (the order takes each class from
 * its front, so these decide its first HORIZON calls).
 */
function callOrderPrefix(state: QueueState, counter: CounterConfig, now: number): Ticket[] {
  const policy = state.config.priorityPolicy;
  const candidates = new Map<string, Ticket>();
  for (const line of eligibleLines(state, now, { counterId: counter.id, serviceIds: counter.serviceIds })) {
    const overdue = line.overdue(policy, now);
    for (const t of overdue) candidates.set(t.id, t);
    for (const priority of [true, false]) for (const t of line.first(priority, HORIZON + overdue.length)) candidates.set(t.id, t);
  }
  const status = counterStatusOf(state, counter.id);
  const cycle = { priority: status.priorityCallsInCycle, normal: status.normalCallsInCycle };
  return callOrder([...candidates.values()], policy, cycle, now)
    .slice(0, HORIZON)
    .map((s) => s.ticket);
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
