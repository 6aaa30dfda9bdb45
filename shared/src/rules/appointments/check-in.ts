import type { BranchConfig } from '../../config/branch-config';
import type { Arrival, Booking, BookingEvent } from '../../domain/booking';
import { fail, ok, type Result } from '../../result';
import { businessDayOf } from '../../time/business-day';
import { localTimeOf } from './slots';

/** Checking in within this many minutes before the slot counts as on time (the punctuality margin too). */
export const ON_TIME_MIN = 5;

export interface CheckIn {
  event: Extract<BookingEvent, { type: 'appointment.checkedIn' }>;
  arrival: Arrival;
  /**
   * Where the visit goes: the appointment queue, ordered by the booked slot's start and callable from it (an early
   * arrival waits for the slot; a late one inside the grace window keeps its place), or the walk-in queue from now.
   */
  queue: { kind: 'appointment'; slotStart: number } | { kind: 'walkIn' };
}

/**
 * Check-in of a booking at `now` (kiosk or phone): refused before the check-in window opens, on another business
 * day, or for a booking cancelled or already checked in.
 */
export function decideCheckIn(config: BranchConfig, booking: Booking, now: number): Result<CheckIn> {
  if (booking.state === 'cancelled') return fail('INVALID_STATE', 'This booking was cancelled.');
  if (booking.state === 'checkedIn') return fail('INVALID_STATE', 'This booking has already been checked in.');
  const { timeZone, dayStart } = config.branch;
  if (businessDayOf(now, timeZone, dayStart) !== businessDayOf(booking.slotStart, timeZone, dayStart))
    return now < booking.slotStart
      ? fail('CHECK_IN_TOO_EARLY', `This booking is for ${booking.date} at ${booking.time}.`)
      : fail('INVALID_STATE', `This booking was for ${booking.date} at ${booking.time}; that day is over.`);
  const { earlyMin, graceMin } = config.appointments.checkIn;
  const opens = booking.slotStart - earlyMin * 60_000;
  if (now < opens) {
    return fail('CHECK_IN_TOO_EARLY', `Check-in for the ${booking.time} appointment opens at ${localTimeOf(opens, timeZone)}.`);
  }
  const arrival = arrivalAt(booking.slotStart, now, graceMin);
  const event = { type: 'appointment.checkedIn' as const, at: now, bookingId: booking.id, arrival };
  return ok({ event, arrival, queue: arrival === 'walkIn' ? { kind: 'walkIn' } : { kind: 'appointment', slotStart: booking.slotStart } });
}

/** How a check-in at `now` stands to the slot (see Arrival). */
export function arrivalAt(slotStart: number, now: number, graceMin: number): Arrival {
  if (now < slotStart - ON_TIME_MIN * 60_000) return 'early';
  if (now <= slotStart) return 'onTime';
  if (now <= slotStart + graceMin * 60_000) return 'late';
  return 'walkIn';
}
