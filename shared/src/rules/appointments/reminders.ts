import type { BranchConfig } from '../../config/branch-config';
import type { Booking } from '../../domain/booking';
import { businessDayOf } from '../../time/business-day';

/**
 * Appointment reminders (docs/ARCHITECTURE.md, "Appointments"): one SMS, `reminderBeforeMin` before the slot, to
 * a customer who left a mobile number when booking. The number is kept only while the booking may still need it.
 */

/** When the reminder is due; null when the branch sends none or the booking was made after that moment (it is fresh in mind). */
export function reminderDueAt(config: BranchConfig, booking: Pick<Booking, 'slotStart' | 'bookedAt'>): number | null {
  const before = config.appointments.reminderBeforeMin;
  if (before === 0) return null;
  const due = booking.slotStart - before * 60_000;
  return booking.bookedAt < due ? due : null;
}

/**
 * Whether to send the reminder now: still booked (not checked in, not cancelled), not sent yet, due, and the slot
 * not begun (a reminder after it helps nobody). A booking moved later is reminded at its new time; a booking
 * moved too close to now is not.
 */
export function reminderToSend(config: BranchConfig, booking: Booking, alreadySent: boolean, now: number): boolean {
  if (booking.state !== 'booked' || alreadySent) return false;
  const due = reminderDueAt(config, booking);
  return due !== null && now >= due && now < booking.slotStart;
}

/**
 * Whether the booking's contact is no longer needed, so it is erased: checked in (the visit has begun; the
 * status page offers its own alerts), cancelled, or never kept once its slot's business day is over.
 */
export function contactNoLongerNeeded(config: BranchConfig, booking: Booking | undefined, now: number): boolean {
  if (!booking || booking.state !== 'booked') return true;
  const { timeZone, dayStart } = config.branch;
  return businessDayOf(now, timeZone, dayStart) > businessDayOf(booking.slotStart, timeZone, dayStart);
}
