import { decideCheckIn, fail, ok, type Booking, type BookingEvent, type Result, type TicketAppointment } from '@rinda/shared';
import type { AppContext } from '../app-context';
import type { Principal } from '../auth/principal';
import { Refusal } from '../commands/refusal';
import { PerAddressThrottle, retryMessage } from '../security/throttle';
import { BookingStore } from './booking-store';

/**
 * Wrong booking codes: 10 free per (caller, address) and 30 per address, then a doubling wait from 2 s up to
 * 10 minutes (docs/SECURITY.md). With 50-bit codes this makes guessing one hopeless; a right code clears the
 * caller's own count. Kiosks and staff alike.
 */
export const BOOKING_CODE_THROTTLE = { freeAttempts: 10, baseDelayMs: 2000, maxDelayMs: 10 * 60_000, forgetAfterMs: 10 * 60_000 };
export const BOOKING_CODE_ADDRESS_THROTTLE = { ...BOOKING_CODE_THROTTLE, freeAttempts: 30 };

/** One app's bookings and guess counters (tests run several apps in one process). */
export interface Appointments {
  store: BookingStore;
  guesses: PerAddressThrottle;
}
const perApp = new WeakMap<AppContext, Appointments>();

export function appointmentsOf(ctx: AppContext): Appointments {
  let a = perApp.get(ctx);
  if (!a) {
    a = { store: new BookingStore(ctx.db), guesses: new PerAddressThrottle({ address: BOOKING_CODE_ADDRESS_THROTTLE, userAtAddress: BOOKING_CODE_THROTTLE }, ctx.clock) };
    perApp.set(ctx, a);
  }
  return a;
}

/** A booking by its code, counting a wrong code as a guess of `who` at `from` (RATE_LIMITED once past the free ones). */
export function findByCode(ctx: AppContext, code: string, who: string, from: string): Result<Booking> {
  const { store, guesses } = appointmentsOf(ctx);
  const wait = guesses.waitMs(who, from);
  if (wait > 0) return fail('RATE_LIMITED', retryMessage('wrong booking codes', wait), wait);
  const booking = store.byCode(code);
  if (!booking) {
    guesses.failed(who, from);
    return fail('NOT_FOUND', 'No booking has this code.');
  }
  guesses.succeeded(who, from);
  return ok(booking);
}

/** What a kiosk's check-in hands on to its commit. */
export interface PreparedCheckIn {
  booking: Booking;
  appointment: TicketAppointment;
  event: Extract<BookingEvent, { type: 'appointment.checkedIn' }>;
}

/** Before the ticket: the booking by code (throttled per device) and whether it may check in now (rules/appointments/check-in.ts). */
export function prepareCheckIn(ctx: AppContext, principal: Principal, code: string): Result<PreparedCheckIn> {
  const who = principal.kind === 'device' ? `device:${principal.deviceId}` : principal.kind === 'user' ? principal.userId : 'public';
  const found = findByCode(ctx, code, who, who);
  if (!found.ok) return found;
  const booking = found.data;
  const decided = decideCheckIn(ctx.config(), booking, ctx.clock());
  if (!decided.ok) return decided;
  const { event, arrival } = decided.data;
  return ok({ booking, event, appointment: { bookingId: booking.id, code: booking.code, slotStart: booking.slotStart, arrival } });
}

/**
 * Inside the ticket's transaction: the booking is checked in with its ticket. A booking checked in or cancelled
 * since the precheck (two kiosks, one code) refuses the whole command, ticket included.
 */
export function recordCheckIn(ctx: AppContext, prepared: PreparedCheckIn, ticketId: string): void {
  const { store } = appointmentsOf(ctx);
  const current = store.byId(prepared.booking.id);
  if (current?.state !== 'booked') throw new Refusal('INVALID_STATE', 'This booking has already been checked in or was cancelled.');
  store.write([{ ...prepared.event, ticketId }], null);
}
