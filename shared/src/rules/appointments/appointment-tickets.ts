import type { PriorityPolicy } from '../../config/branch-config';
import type { Ticket, TicketAppointment } from '../../domain/ticket';
import type { WaitRange } from '../../domain/wait-range';
import { callOrder, type CallStep, type Cycle } from '../call-order';
import { newTicket, type NewTicket } from '../queue-state';
import type { QueueState } from '../types';
import { compareAppointments, isDue, nextCall, type AppointmentShare } from './call-mix';
import { slotCapacity } from './slots';

/** Early, on-time and late arrivals keep their booked place; a 'walkIn' arrival queues as a walk-in. */
export function keepsBookedPlace(a: TicketAppointment): boolean {
  return a.arrival !== 'walkIn';
}

/** A ticket printed at check-in: queued by its booked slot when it keeps its place, else by its arrival. */
export function appointmentTicket(fields: NewTicket, appointment: TicketAppointment): Ticket {
  const ticket = newTicket(fields);
  return { ...ticket, appointment, queueKey: keepsBookedPlace(appointment) ? appointment.slotStart : ticket.queueKey };
}

/** A ticket in the appointment queue: checked in keeping its place, still on its first leg (a transfer ends that). */
export function isBookedTicket(t: Ticket): t is Ticket & { appointment: TicketAppointment } {
  return t.appointment !== undefined && keepsBookedPlace(t.appointment) && t.leg === 1;
}

/** Counters serving an appointment of each service now, against the slot capacity (call-mix.ts). */
function shareOf(state: QueueState): AppointmentShare {
  const inService = new Map<string, number>();
  for (const status of Object.values(state.counters)) {
    const active = status.activeTicketId === null ? undefined : state.tickets.get(status.activeTicketId);
    if (active && isBookedTicket(active)) inService.set(active.legServiceId, (inService.get(active.legServiceId) ?? 0) + 1);
  }
  return { inService: (serviceId) => inService.get(serviceId) ?? 0, capacity: (serviceId) => slotCapacity(state.config, serviceId) };
}

/**
 * The next call among a counter's eligible tickets. Without appointment tickets, exactly callOrder's first step;
 * with them, nextCall (call-mix.ts) chooses between the head of the walk-ins' callOrder and the appointments.
 * Calling an appointment leaves the counter's priority cycle where it was.
 */
export function nextCallStep(state: QueueState, eligible: readonly Ticket[], policy: PriorityPolicy, cycle: Cycle, now: number): CallStep | undefined {
  const booked = eligible.filter(isBookedTicket);
  if (booked.length === 0) return callOrder(eligible, policy, cycle, now)[0];
  const walkIns = callOrder(
    eligible.filter((t) => !isBookedTicket(t)),
    policy,
    cycle,
    now,
  );
  const next = nextCall(
    walkIns.map((s) => ({ ticketId: s.ticket.id, waitingSince: s.ticket.legStartedAt })),
    booked.map((t) => ({ ticketId: t.id, serviceId: t.legServiceId, slotStart: t.appointment.slotStart, checkedInAt: t.issuedAt })),
    shareOf(state),
    policy.maxNormalWaitMin,
    now,
  );
  if (next?.kind === 'walkIn') return walkIns.find((s) => s.ticket.id === next.ticketId);
  const ticket = next ? booked.find((t) => t.id === next.ticketId) : undefined;
  return ticket ? { ticket, cycle } : undefined;
}

const ALWAYS_ROOM: AppointmentShare = { inService: () => 0, capacity: () => Number.POSITIVE_INFINITY };

/**
 * The order in which a counter's successive "call next" would take its tickets now, appointments among them:
 * `walkIns` in their callOrder, `booked` in any order (isBookedTicket). What the teller's list shows; it does
 * not know which counters are serving appointments (a snapshot does not say), so it leaves the share out: while
 * the share is used up, call next may take a walk-in the list shows after an appointment. Appointments whose
 * slot has not begun come last, by slot.
 */
export function mixedCallOrder(walkIns: readonly Ticket[], booked: readonly (Ticket & { appointment: TicketAppointment })[], maxNormalWaitMin: number, now: number): Ticket[] {
  const toWaiting = (t: Ticket & { appointment: TicketAppointment }) => ({ ticketId: t.id, serviceId: t.legServiceId, slotStart: t.appointment.slotStart, checkedInAt: t.issuedAt });
  const appointments = booked.map((t) => ({ ticket: t, waiting: toWaiting(t) })).sort((a, b) => compareAppointments(a.waiting, b.waiting));
  const order: Ticket[] = [];
  let w = 0;
  let a = 0;
  // Only while a due appointment waits can the order differ from "walk-ins, then appointments". callOrder puts
  // overdue walk-ins first, so whether one is left is whether the next walk-in is.
  while (a < appointments.length && isDue(appointments[a]!.waiting, now)) {
    const head = walkIns[w];
    const heads = head ? [{ ticketId: head.id, waitingSince: head.legStartedAt }] : [];
    if (nextCall(heads, [appointments[a]!.waiting], ALWAYS_ROOM, maxNormalWaitMin, now)?.kind === 'appointment') order.push(appointments[a++]!.ticket);
    else order.push(walkIns[w++]!);
  }
  return [...order, ...walkIns.slice(w), ...appointments.slice(a).map((x) => x.ticket)];
}

/**
 * People ahead of a booked ticket, as told at check-in: the appointments of its service waiting with an earlier
 * place (slot, then check-in). Walk-ins are not counted: at its slot it goes before every walk-in not yet overdue.
 */
export function appointmentsAhead(state: QueueState, ticket: Ticket & { appointment: TicketAppointment }): number {
  const mine = { ticketId: ticket.id, serviceId: ticket.legServiceId, slotStart: ticket.appointment.slotStart, checkedInAt: ticket.issuedAt };
  let ahead = 0;
  for (const t of state.tickets.values()) {
    if (t.id === ticket.id || t.state !== 'waiting' || !isBookedTicket(t) || t.legServiceId !== ticket.legServiceId || t.businessDay !== ticket.businessDay) continue;
    if (compareAppointments({ ticketId: t.id, serviceId: t.legServiceId, slotStart: t.appointment.slotStart, checkedInAt: t.issuedAt }, mine) < 0) ahead++;
  }
  return ahead;
}

/** An early arrival is not called before its slot: the wait told is at least the minutes until it begins. */
export function notBeforeSlot(wait: WaitRange, slotStart: number, now: number): WaitRange {
  const untilSlot = Math.max(0, Math.ceil((slotStart - now) / 60_000));
  return { typicalMin: Math.max(wait.typicalMin, untilSlot), atMostMin: Math.max(wait.atMostMin, untilSlot) };
}
