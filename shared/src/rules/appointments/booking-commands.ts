import type { BranchConfig } from '../../config/branch-config';
import type { Booking, BookingEvent, SlotRef } from '../../domain/booking';
import { fail, ok, type Result } from '../../result';
import { bookableSlot, slotCapacity, type Slot } from './slots';

/**
 * What the booking rules read of the bookings held: the store answers from SQLite inside the transaction that
 * will write the events, so two clients booking the last place cannot both see it free.
 */
export interface BookingBook {
  byId(id: string): Booking | undefined;
  /** Bookings of the service's slot starting at `slotStart` that hold a place (booked or checked in). */
  placesTaken(serviceId: string, slotStart: number): number;
}

export interface BookingContext {
  now: number;
  /** Unguessable internal id. */
  newId: () => string;
  /** A new random booking code (BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH), normalised. */
  newCode: () => string;
}

export type BookingCommand =
  | { type: 'book'; slot: SlotRef; byUserId: string | null }
  | { type: 'move'; bookingId: string; slot: SlotRef }
  | { type: 'cancel'; bookingId: string; byUserId: string | null };

type Events = Result<BookingEvent[]>;

/** The booking rules: a command as events, or a refusal that changes nothing. */
export function decideBooking(config: BranchConfig, book: BookingBook, cmd: BookingCommand, ctx: BookingContext): Events {
  switch (cmd.type) {
    case 'book':
      return decideBook(config, book, cmd.slot, cmd.byUserId, ctx);
    case 'move':
      return decideMove(config, book, cmd.bookingId, cmd.slot, ctx);
    case 'cancel':
      return decideCancel(book, cmd.bookingId, cmd.byUserId, ctx);
  }
}

function decideBook(config: BranchConfig, book: BookingBook, ref: SlotRef, byUserId: string | null, ctx: BookingContext): Events {
  const slot = slotWithRoom(config, book, ref, ctx.now);
  if (!slot.ok) return slot;
  const s = slot.data;
  const booking: Booking = {
    id: ctx.newId(),
    code: ctx.newCode(),
    serviceId: s.serviceId,
    date: s.date,
    time: s.time,
    slotStart: s.start,
    slotEnd: s.end,
    state: 'booked',
    bookedAt: ctx.now,
    bookedBy: byUserId,
    checkedInAt: null,
    arrival: null,
    ticketId: null,
  };
  return ok([{ type: 'appointment.booked', at: ctx.now, booking }]);
}

/** Only a booking not yet checked in moves, to another slot of the same service; it keeps its code. */
function decideMove(config: BranchConfig, book: BookingBook, bookingId: string, ref: SlotRef, ctx: BookingContext): Events {
  const booking = pendingBooking(book, bookingId, 'move');
  if (!booking.ok) return booking;
  const b = booking.data;
  if (ref.serviceId !== b.serviceId) return fail('BAD_REQUEST', 'A booking moves within its service; cancel it and book the other service.');
  if (ref.date === b.date && ref.time === b.time) return fail('BAD_REQUEST', `The booking is already at ${b.time} on ${b.date}.`);
  const slot = slotWithRoom(config, book, ref, ctx.now);
  if (!slot.ok) return slot;
  const s = slot.data;
  return ok([{ type: 'appointment.moved', at: ctx.now, bookingId: b.id, date: s.date, time: s.time, slotStart: s.start, slotEnd: s.end }]);
}

function decideCancel(book: BookingBook, bookingId: string, byUserId: string | null, ctx: BookingContext): Events {
  const booking = pendingBooking(book, bookingId, 'cancel');
  if (!booking.ok) return booking;
  return ok([{ type: 'appointment.cancelled', at: ctx.now, bookingId: booking.data.id, byUserId }]);
}

function pendingBooking(book: BookingBook, bookingId: string, action: string): Result<Booking> {
  const b = book.byId(bookingId);
  if (!b) return fail('NOT_FOUND', 'There is no such booking.');
  if (b.state === 'cancelled') return fail('INVALID_STATE', `Cannot ${action} the booking: it was cancelled.`);
  if (b.state === 'checkedIn') return fail('INVALID_STATE', `Cannot ${action} the booking: the customer has checked in.`);
  return ok(b);
}

function slotWithRoom(config: BranchConfig, book: BookingBook, ref: SlotRef, now: number): Result<Slot> {
  const slot = bookableSlot(config, ref, now);
  if (!slot.ok) return slot;
  const capacity = slotCapacity(config, ref.serviceId);
  if (book.placesTaken(ref.serviceId, slot.data.start) >= capacity)
    return fail('SLOT_FULL', `The slot at ${ref.time} on ${ref.date} is full (${capacity} appointment${capacity === 1 ? '' : 's'}).`);
  return slot;
}

/** Applies a booking event to a booking (the store does the same in SQL; tests and the simulation use this). */
export function applyBookingEvent(bookings: ReadonlyMap<string, Booking>, event: BookingEvent): Map<string, Booking> {
  const next = new Map(bookings);
  if (event.type === 'appointment.booked') {
    next.set(event.booking.id, event.booking);
    return next;
  }
  const b = next.get(event.bookingId);
  if (!b) return next;
  switch (event.type) {
    case 'appointment.moved':
      next.set(b.id, { ...b, date: event.date, time: event.time, slotStart: event.slotStart, slotEnd: event.slotEnd });
      break;
    case 'appointment.cancelled':
      next.set(b.id, { ...b, state: 'cancelled' });
      break;
    case 'appointment.checkedIn':
      next.set(b.id, { ...b, state: 'checkedIn', checkedInAt: event.at, arrival: event.arrival, ticketId: event.ticketId ?? b.ticketId });
      break;
  }
  return next;
}
