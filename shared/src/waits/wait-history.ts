/**
 * What the wait predictor learns from the branch's recent past, kept in the rules' state and bounded: a few
 * fixed-size rings of recent samples, newest last. applyEvent adds to them as events happen; the server
 * rebuilds them from the database at start with the same record* functions, in the same order.
 */

/** Counter occupancies kept per service and local hour of the call. */
export const OCCUPANCY_SAMPLES = 32;
export const PAUSE_SAMPLES = 32;
export const GAP_SAMPLES = 64;
/** Priority issues kept per service: the rate at which they arrive (they overtake normal tickets). */
export const PRIORITY_ARRIVALS = 16;
import type { BranchConfig } from '../config/branch-config';
import { businessDayOf, localClock } from '../time/business-day';

/** Sign-ins, pauses and sign-outs kept per counter: about ten working days of its routine. */
export const COUNTER_MARKS = 48;
/** A gap longer than this is a teller away, not a turnaround: not a sample. */
const MAX_GAP_SEC = 10 * 60;

export interface WaitHistory {
  /**
   * Seconds a counter was held per call (from the call to finish, no-show or transfer: walking up, service,
   * and the recalls of those who never came), per service and local hour (0–23) of the call.
   */
  occupancySec: Readonly<Record<string, Readonly<Record<number, readonly number[]>>>>;
  /** Lengths of finished pauses (paused → resumed), seconds. */
  pauseSec: readonly number[];
  /**
   * Seconds from the moment a counter could call (it released its customer, reopened, or a ticket arrived at an
   * idle counter) to its next call: the teller's turnaround.
   */
  gapSec: readonly number[];
  /** Issue times of the latest priority tickets per service. */
  priorityIssuedAt: Readonly<Record<string, readonly number[]>>;
  /** When each counter last released a customer (finish, no-show, transfer). */
  releasedAt: Readonly<Record<string, number>>;
  /** Each counter's routine: when (local time) it signed in, paused and for how long, and signed out, per day. */
  counterMarks: Readonly<Record<string, readonly CounterMark[]>>;
}

export interface CounterMark {
  /** Business day. */
  day: string;
  kind: 'signIn' | 'pause' | 'signOut';
  /** Local minutes after midnight when it happened (a pause: when it began). */
  minute: number;
  /** A pause's length; 0 otherwise. */
  sec: number;
}

export const EMPTY_WAIT_HISTORY: WaitHistory = { occupancySec: {}, pauseSec: [], gapSec: [], priorityIssuedAt: {}, releasedAt: {}, counterMarks: {} };

function pushed<T>(ring: readonly T[] | undefined, value: T, size: number): readonly T[] {
  const next = [...(ring ?? []), value];
  return next.length > size ? next.slice(next.length - size) : next;
}

/** A counter ends a customer's leg: one occupancy sample, and the counter's release time. */
export function recordRelease(
  h: WaitHistory,
  r: { counterId: string; serviceId: string; callHour: number; calledAt: number | null; at: number },
): WaitHistory {
  const releasedAt = { ...h.releasedAt, [r.counterId]: r.at };
  if (r.calledAt === null) return { ...h, releasedAt };
  const byHour = h.occupancySec[r.serviceId] ?? {};
  const ring = pushed(byHour[r.callHour], Math.max(0, (r.at - r.calledAt) / 1000), OCCUPANCY_SAMPLES);
  return { ...h, releasedAt, occupancySec: { ...h.occupancySec, [r.serviceId]: { ...byHour, [r.callHour]: ring } } };
}

/**
 * A counter calls: the turnaround since it could last have called, which is the latest of its last release,
 * the moment it (re)opened, and the ticket's arrival in its queue.
 */
export function recordCall(h: WaitHistory, c: { counterId: string; openSince: number; legStartedAt: number; at: number }): WaitHistory {
  const couldCallFrom = Math.max(h.releasedAt[c.counterId] ?? -Infinity, c.openSince, c.legStartedAt);
  const sec = (c.at - couldCallFrom) / 1000;
  if (!(sec >= 0 && sec <= MAX_GAP_SEC)) return h;
  return { ...h, gapSec: pushed(h.gapSec, sec, GAP_SAMPLES) };
}

/** The business day and local minute of an instant, as counter routines are kept. */
export function routineMoment(config: BranchConfig, at: number): { day: string; minute: number } {
  return { day: businessDayOf(at, config.branch.timeZone, config.branch.dayStart), minute: localClock(at, config.branch.timeZone).minutesOfDay };
}

/** A pause ended: its length, and its place in the counter's routine. */
export function recordPauseEnd(h: WaitHistory, p: { counterId: string; day: string; minute: number; pausedSince: number; at: number }): WaitHistory {
  const sec = Math.max(0, (p.at - p.pausedSince) / 1000);
  const marks = pushed(h.counterMarks[p.counterId], { day: p.day, kind: 'pause', minute: p.minute, sec } satisfies CounterMark, COUNTER_MARKS);
  return { ...h, pauseSec: pushed(h.pauseSec, sec, PAUSE_SAMPLES), counterMarks: { ...h.counterMarks, [p.counterId]: marks } };
}

/** A counter signed in or out. */
export function recordShift(h: WaitHistory, s: { counterId: string; day: string; minute: number; kind: 'signIn' | 'signOut' }): WaitHistory {
  const marks = pushed(h.counterMarks[s.counterId], { day: s.day, kind: s.kind, minute: s.minute, sec: 0 } satisfies CounterMark, COUNTER_MARKS);
  return { ...h, counterMarks: { ...h.counterMarks, [s.counterId]: marks } };
}

/** Only priority issues are kept: normal ones change nothing here, so the kiosk's usual ticket copies nothing. */
export function recordIssue(h: WaitHistory, i: { serviceId: string; priority: boolean; at: number }): WaitHistory {
  if (!i.priority) return h;
  return { ...h, priorityIssuedAt: { ...h.priorityIssuedAt, [i.serviceId]: pushed(h.priorityIssuedAt[i.serviceId], i.at, PRIORITY_ARRIVALS) } };
}
