import { seededRandom } from '../../random/seeded-random';
import { TimeQueue } from '../../staffing/time-queue';
import type { Arrival } from '../../domain/booking';
import { arrivalAt } from './check-in';
import { isWalkInOverdue, nextCall, type WaitingAppointment, type WaitingWalkIn } from './call-mix';

/**
 * A seeded day of one service with appointments beside walk-ins, every call chosen by `nextCall`: what the
 * property tests and docs/ARCHITECTURE.md ("Appointments") measure the mix by. Walk-ins arrive as a Poisson
 * stream and are served first come first served (the priority ratio is callOrder's business, not the mix's);
 * booked customers check in around their slot by a fixed mix (ARRIVAL_MIX). Walk-ins and appointments draw from
 * separate random streams, so a run without appointments sees exactly the same walk-ins.
 */

export interface MixScenario {
  counters: number;
  /** Counters that may serve appointments while walk-ins wait (the slot capacity). */
  appointmentCounters: number;
  /** Minutes the service is open; slots fill it from the start. */
  openMin: number;
  slotMin: number;
  /** Bookings per slot (at most the slot's capacity in a real branch). */
  bookedPerSlot: number;
  walkInsPerHour: number;
  /** Mean service times (exponential for walk-ins; appointments uniform in [0.5, 1] × slotMin). */
  walkInServiceMin: number;
  maxNormalWaitMin: number;
  earlyMin: number;
  graceMin: number;
  /** false: the same day without any booking (the walk-ins' baseline). */
  withAppointments: boolean;
  seed: number;
}

/** Booked customers by how they arrive: [share, earliest offset, latest offset] in minutes around the slot's start. */
export const ARRIVAL_MIX = {
  early: 0.2, // between earlyMin and 5 minutes before
  onTime: 0.6, // in the 5 minutes before
  late: 0.12, // inside the grace window
  tooLate: 0.04, // up to 20 minutes past the grace window: joins the walk-ins
  noShow: 0.04,
} as const;

export interface MixCall {
  at: number;
  counter: number;
  kind: 'walkIn' | 'appointment';
  ticketId: string;
  /** A walk-in called while past maxNormalWaitMin. */
  overdue: boolean;
  /** Whether some walk-in waiting at the call had passed maxNormalWaitMin. */
  overdueWalkInWaiting: boolean;
  /** Whether fewer counters than appointmentCounters were serving appointments at the call. */
  appointmentRoom: boolean;
  appointment: WaitingAppointment | null;
}

export interface MixAppointment extends WaitingAppointment {
  arrival: Arrival;
  calledAt: number | null;
}

export interface MixResult {
  /** Waits of the day's walk-ins (not the too-late appointments that joined them), ms, in arrival order. */
  walkInWaits: number[];
  /** Checked-in appointments that kept their place in the appointment queue. */
  appointments: MixAppointment[];
  calls: MixCall[];
}

type Happening = { at: number } & (
  | { kind: 'walkIn'; id: string }
  | { kind: 'checkIn'; appointment: MixAppointment }
  | { kind: 'free'; counter: number; appointment: boolean }
  | { kind: 'slot' }
);

const SERVICE = 'service';

const MIN = 60_000;

export function simulateMix(s: MixScenario): MixResult {
  const walkRandom = seededRandom(s.seed);
  const apptRandom = seededRandom(s.seed ^ 0x5bd1e995);
  const queue = new TimeQueue<Happening>();
  const endOfDay = s.openMin * MIN;

  // Walk-ins: Poisson arrivals while open.
  const walkInArrivals = new Map<string, number>();
  for (let t = exponential(walkRandom, 60 / s.walkInsPerHour) * MIN, i = 0; t < endOfDay; t += exponential(walkRandom, 60 / s.walkInsPerHour) * MIN, i++) {
    const id = `w${i}`;
    walkInArrivals.set(id, t);
    queue.push({ at: t, kind: 'walkIn', id });
  }
  const walkInService = new Map([...walkInArrivals.keys()].map((id) => [id, exponential(walkRandom, s.walkInServiceMin) * MIN]));

  // Appointments: each slot's bookings check in by ARRIVAL_MIX.
  const apptService = new Map<string, number>();
  if (s.withAppointments) {
    let n = 0;
    for (let slotStart = 0; slotStart + s.slotMin * MIN <= endOfDay; slotStart += s.slotMin * MIN) {
      queue.push({ at: slotStart, kind: 'slot' });
      for (let k = 0; k < s.bookedPerSlot; k++) {
        const id = `a${n++}`;
        apptService.set(id, (0.5 + 0.5 * apptRandom()) * s.slotMin * MIN);
        const offset = checkInOffsetMin(apptRandom(), apptRandom(), s);
        if (offset === null) continue;
        const checkedInAt = Math.max(0, slotStart + offset * MIN);
        const appointment: MixAppointment = { ticketId: id, serviceId: SERVICE, slotStart, checkedInAt, arrival: arrivalAt(slotStart, checkedInAt, s.graceMin), calledAt: null };
        queue.push({ at: checkedInAt, kind: 'checkIn', appointment });
      }
    }
  }

  const walkIns: WaitingWalkIn[] = [];
  const appointments: MixAppointment[] = [];
  const kept: MixAppointment[] = [];
  const idle = new Set<number>(Array.from({ length: s.counters }, (_, i) => i));
  const calls: MixCall[] = [];
  const walkInWaits = new Map<string, number>();
  let appointmentsInService = 0;
  const share = { inService: () => appointmentsInService, capacity: () => s.appointmentCounters };

  const callAt = (counter: number, now: number): boolean => {
    const next = nextCall(walkIns, appointments, share, s.maxNormalWaitMin, now);
    if (!next) return false;
    const overdueWalkInWaiting = walkIns.some((w) => isWalkInOverdue(w, s.maxNormalWaitMin, now));
    const appointmentRoom = appointmentsInService < s.appointmentCounters;
    let service: number;
    if (next.kind === 'walkIn') {
      const i = walkIns.findIndex((w) => w.ticketId === next.ticketId);
      const [w] = walkIns.splice(i, 1);
      if (!w) return false;
      calls.push({ at: now, counter, kind: 'walkIn', ticketId: w.ticketId, overdue: isWalkInOverdue(w, s.maxNormalWaitMin, now), overdueWalkInWaiting, appointmentRoom, appointment: null });
      if (walkInArrivals.has(w.ticketId)) walkInWaits.set(w.ticketId, now - w.waitingSince);
      service = walkInService.get(w.ticketId) ?? apptService.get(w.ticketId) ?? 0;
    } else {
      const i = appointments.findIndex((a) => a.ticketId === next.ticketId);
      const [a] = appointments.splice(i, 1);
      if (!a) return false;
      a.calledAt = now;
      calls.push({ at: now, counter, kind: 'appointment', ticketId: a.ticketId, overdue: false, overdueWalkInWaiting, appointmentRoom, appointment: a });
      service = apptService.get(a.ticketId) ?? 0;
      appointmentsInService++;
    }
    idle.delete(counter);
    queue.push({ at: now + service, kind: 'free', counter, appointment: next.kind === 'appointment' });
    return true;
  };
  const callIdle = (now: number) => {
    for (const counter of [...idle].sort((a, b) => a - b)) if (!callAt(counter, now)) break;
  };

  for (let h = queue.pop(); h; h = queue.pop()) {
    if (h.kind === 'walkIn') walkIns.push({ ticketId: h.id, waitingSince: h.at });
    else if (h.kind === 'checkIn') {
      if (h.appointment.arrival === 'walkIn') walkIns.push({ ticketId: h.appointment.ticketId, waitingSince: h.at });
      else {
        appointments.push(h.appointment);
        kept.push(h.appointment);
      }
    } else if (h.kind === 'free') {
      idle.add(h.counter);
      if (h.appointment) appointmentsInService--;
    }
    callIdle(h.at);
  }
  return { walkInWaits: [...walkInArrivals.keys()].map((id) => walkInWaits.get(id) ?? Number.POSITIVE_INFINITY), appointments: kept, calls };
}

/** Minutes from the slot's start at which a booked customer checks in, or null for one who never comes. */
function checkInOffsetMin(pick: number, within: number, s: MixScenario): number | null {
  let p = pick;
  if ((p -= ARRIVAL_MIX.early) < 0) return -s.earlyMin + within * (s.earlyMin - 5);
  if ((p -= ARRIVAL_MIX.onTime) < 0) return -5 + within * 5;
  if ((p -= ARRIVAL_MIX.late) < 0) return within * s.graceMin;
  if ((p -= ARRIVAL_MIX.tooLate) < 0) return s.graceMin + 0.01 + within * 20;
  return null;
}

function exponential(random: () => number, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
