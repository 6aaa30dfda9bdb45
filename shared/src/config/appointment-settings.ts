import { z } from 'zod';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');
const CalendarDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');
const prefixOf = (cidr: string) => Number(cidr.slice(cidr.lastIndexOf('/') + 1));
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A weekly window in which slots are given, in the branch's time zone. Days: 1 = Monday … 7 = Sunday (ISO). */
export const AppointmentWindow = z
  .strictObject({ days: z.array(z.number().int().min(1).max(7)).min(1), from: ClockTime, to: ClockTime })
  .refine((w) => minutesOf(w.from) < minutesOf(w.to), 'an appointment window ends after it starts, on the same day');
export type AppointmentWindow = z.infer<typeof AppointmentWindow>;

/**
 * One service that takes appointments. Its slots start at each window's `from` and follow one another every
 * `slotMin` minutes; a slot must end by the window's `to` (windows here never run past midnight).
 */
export const BookableService = z.strictObject({
  serviceId: Id,
  /**
   * One or two capital letters before the numbers of this service's appointment tickets, their own series
   * (V001, V002 …). Unique among the services' prefixes and the other appointment prefixes.
   */
  ticketPrefix: z.string().regex(/^[A-Z]{1,2}$/),
  /** Length of one slot, and so the time one appointment is expected to take. */
  slotMin: z.number().int().min(5).max(240),
  /**
   * Per cent of the counters serving this service kept for walk-ins. A slot takes
   * floor(counters serving × (100 − walkInSharePercent) / 100) appointments; 0 means nobody can book it.
   */
  walkInSharePercent: z.number().int().min(0).max(100),
  /** When appointments are given, in the branch's time zone (not the service's walk-in opening hours). */
  hours: z.array(AppointmentWindow).min(1),
});
export type BookableService = z.infer<typeof BookableService>;

/** The rules of appointment check-in, in minutes around the booked slot's start. */
export const CheckInWindows = z.strictObject({
  /** Earliest check-in before the slot; earlier arrivals are told to come back. They wait for their slot. */
  earlyMin: z.number().int().min(0).max(240),
  /** Arriving up to this long after the slot's start still keeps the booked place in the appointment queue. */
  graceMin: z.number().int().min(0).max(60),
  /**
   * Check-in from the customer's phone (the booking page) is taken only from these address ranges: the branch's
   * customer Wi-Fi, as the server sees it (its TCP peer; no proxy header is trusted). Empty: the phone cannot
   * check in, only the kiosk. Ranges narrower than /8 (IPv4) or /32 (IPv6), at most 32 of them.
   */
  phoneNetworks: z.array(z.union([z.cidrv4().refine((c) => prefixOf(c) >= 8, 'an IPv4 range of /8 or narrower'), z.cidrv6().refine((c) => prefixOf(c) >= 32, 'an IPv6 range of /32 or narrower')])).max(32).default([]),
});
export type CheckInWindows = z.infer<typeof CheckInWindows>;

/** Appointments beside walk-ins (docs/ARCHITECTURE.md, "Appointments"). No services listed: nothing bookable. */
export const AppointmentSettings = z.strictObject({
  services: z.array(BookableService).default([]),
  /** Local dates with no appointments at all (public holidays, branch closed). */
  holidays: z.array(CalendarDate).max(366).default([]),
  checkIn: CheckInWindows.default({ earlyMin: 30, graceMin: 10, phoneNetworks: [] }),
  /**
   * A reminder SMS this long before the slot, to a customer who gave a mobile number when booking (only where the
   * branch sends SMS, docs/OPERATIONS.md "SMS"). 0: no reminders.
   */
  reminderBeforeMin: z.number().int().min(0).max(2880).default(120),
  /** How far ahead a slot may be booked. */
  bookAheadDays: z.number().int().min(1).max(366).default(60),
});
export type AppointmentSettings = z.infer<typeof AppointmentSettings>;
export type AppointmentSettingsInput = z.input<typeof AppointmentSettings>;

export const DEFAULT_APPOINTMENT_SETTINGS: AppointmentSettings = AppointmentSettings.parse({});
