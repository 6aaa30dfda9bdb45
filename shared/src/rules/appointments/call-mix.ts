/**
 * THE CALL ORDER BETWEEN APPOINTMENTS AND WALK-INS (the one place it is decided).
 *
 * A counter that calls next chooses between the head of its walk-in order (callOrder in ../call-order.ts, with
 * its own overdue, priority and ratio rules) and the appointments checked in for the services it serves:
 *  1. Walk-ins first when one of them is overdue (has waited ≥ maxNormalWaitMin): no appointment is ever called
 *     ahead of a walk-in past the limit, so appointments never make a walk-in wait past it at a counter that calls.
 *  2. Otherwise the appointment that is due (its slot has begun; early arrivals wait for their slot) with the
 *     earliest booked slot; between equal slots, the earlier check-in, then the ticket id (a total order).
 *  3. Otherwise the walk-in head; an appointment not yet due is not called early.
 * Walk-ins keep their share of the counters through the bookings: a slot takes only the counters not kept for
 * walk-ins (slotCapacity in slots.ts).
 */

export interface WaitingWalkIn {
  ticketId: string;
  /** Start of the wait (the current leg's start). */
  waitingSince: number;
}

export interface WaitingAppointment {
  ticketId: string;
  serviceId: string;
  /** The booked slot's start: the order among appointments and the earliest call. */
  slotStart: number;
  checkedInAt: number;
}

/** How many counters serve appointments of a service now, and how many may while walk-ins wait (slotCapacity). */
export interface AppointmentShare {
  inService(serviceId: string): number;
  capacity(serviceId: string): number;
}

export type NextCall = { kind: 'walkIn'; ticketId: string } | { kind: 'appointment'; ticketId: string } | null;

/** `walkIns` in the counter's walk-in call order; `appointments` in any order. */
export function nextCall(
  walkIns: readonly WaitingWalkIn[],
  appointments: readonly WaitingAppointment[],
  share: AppointmentShare,
  maxNormalWaitMin: number,
  now: number,
): NextCall {
  const overdue = walkIns.find((w) => isWalkInOverdue(w, maxNormalWaitMin, now));
  if (overdue) return { kind: 'walkIn', ticketId: overdue.ticketId };
  const withRoom = walkIns.length === 0 ? appointments : appointments.filter((a) => share.inService(a.serviceId) < share.capacity(a.serviceId));
  const due = firstDueAppointment(withRoom, now);
  if (due) return { kind: 'appointment', ticketId: due.ticketId };
  const head = walkIns[0];
  return head ? { kind: 'walkIn', ticketId: head.ticketId } : null;
}

export function isWalkInOverdue(w: WaitingWalkIn, maxNormalWaitMin: number, now: number): boolean {
  return now - w.waitingSince >= maxNormalWaitMin * 60_000;
}

export function isDue(a: WaitingAppointment, now: number): boolean {
  return a.slotStart <= now;
}

export function compareAppointments(a: WaitingAppointment, b: WaitingAppointment): number {
  if (a.slotStart !== b.slotStart) return a.slotStart - b.slotStart;
  if (a.checkedInAt !== b.checkedInAt) return a.checkedInAt - b.checkedInAt;
  return a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0;
}

function firstDueAppointment(appointments: readonly WaitingAppointment[], now: number): WaitingAppointment | undefined {
  let best: WaitingAppointment | undefined;
  for (const a of appointments) if (isDue(a, now) && (!best || compareAppointments(a, best) < 0)) best = a;
  return best;
}
