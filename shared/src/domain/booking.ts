import { z } from 'zod';

/**
 * Booking codes: 10 characters of Crockford's base32 (0-9, A-Z without I, L, O, U), 50 random bits, shown as
 * two groups of five (K7Q2M-9XW4D). Typed at the kiosk or read from the QR code as text. With a few thousand
 * bookings held, one guess finds one with a chance below 1 in 10^11, and guesses are rate-limited
 * (docs/SECURITY.md).
 */
export const BOOKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BOOKING_CODE_LENGTH = 10;

/** A code as people type it: any case, spaces and dashes anywhere, O for 0, I and L for 1. */
export function normaliseBookingCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export const BookingCode = z
  .string()
  .max(40)
  .transform(normaliseBookingCode)
  .pipe(z.string().regex(new RegExp(`^[${BOOKING_CODE_ALPHABET}]{${BOOKING_CODE_LENGTH}}$`), 'a booking code has 10 letters and digits'));

/** K7Q2M9XW4D → K7Q2M-9XW4D, as printed and shown. */
export function formatBookingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export const CalendarDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');

/** A slot as people name it: a service, a local date and the slot's local start time. */
export const SlotRef = z.strictObject({ serviceId: z.string().min(1).max(40), date: CalendarDate, time: LocalTime });
export type SlotRef = z.infer<typeof SlotRef>;

/**
 * How a customer arrived for their appointment (rules/appointments/check-in.ts): early (more than 5 minutes
 * before the slot; waits for it), on time (within the 5 minutes before the slot's start, or at it), late within
 * the grace window (keeps the booked place), or so late that the visit joined the walk-in queue.
 */
export const Arrival = z.enum(['early', 'onTime', 'late', 'walkIn']);
export type Arrival = z.infer<typeof Arrival>;

export const BookingState = z.enum(['booked', 'checkedIn', 'cancelled']);
export type BookingState = z.infer<typeof BookingState>;

export const Booking = z.object({
  /** Internal id (never shown to customers). */
  id: z.string().min(16),
  /** The customer's code, normalised (no dash). */
  code: z.string(),
  serviceId: z.string(),
  date: CalendarDate,
  time: LocalTime,
  /** The slot's start and end, epoch ms. */
  slotStart: z.number(),
  slotEnd: z.number(),
  state: BookingState,
  bookedAt: z.number(),
  /** Staff user who booked (null: booked by a public page). */
  bookedBy: z.string().nullable(),
  checkedInAt: z.number().nullable(),
  arrival: Arrival.nullable(),
  /** The ticket printed at check-in. */
  ticketId: z.string().nullable(),
});
export type Booking = z.infer<typeof Booking>;

/** What happened to bookings; the booking store applies them in order, like the queue's events. */
export const BookingEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('appointment.booked'), at: z.number(), booking: Booking }),
  z.object({
    type: z.literal('appointment.moved'),
    at: z.number(),
    bookingId: z.string(),
    date: CalendarDate,
    time: LocalTime,
    slotStart: z.number(),
    slotEnd: z.number(),
  }),
  z.object({ type: z.literal('appointment.cancelled'), at: z.number(), bookingId: z.string(), byUserId: z.string().nullable() }),
  z.object({
    type: z.literal('appointment.checkedIn'),
    at: z.number(),
    bookingId: z.string(),
    arrival: Arrival,
    /** The ticket printed at the check-in (the server adds it inside the ticket's transaction). */
    ticketId: z.string().optional(),
  }),
]);
export type BookingEvent = z.infer<typeof BookingEvent>;
