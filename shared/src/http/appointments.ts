import { z } from 'zod';
import { AppointmentSettings } from '../config/appointment-settings';
import { BranchConfig } from '../config/branch-config';
import { CustomerLanguage, LocalisedText } from '../languages';
import { Booking, BookingCode, CalendarDate, LocalTime, SlotRef } from '../domain/booking';
import { PhoneNumber } from './contact';
import { defineRoute } from './route';
import { RequestId } from '../protocol/commands';
import { IssuedTicket } from '../protocol/views';
import { IsoDate, MAX_REPORT_RANGE_DAYS } from './reports';

/**
 * Appointments, for tellers and managers (docs/ARCHITECTURE.md "Appointments", docs/PROTOCOL.md): a day's slots
 * with the places taken, a day's bookings, book, move, cancel, and a booking found by its code (throttled like
 * a password: a wrong code counts as a guess, docs/SECURITY.md).
 */

const staff = ['teller', 'manager'] as const;
const BookingIdParams = z.object({ id: z.string().min(1).max(64) });

export const SlotView = z.object({
  time: LocalTime,
  start: z.number(),
  end: z.number(),
  /** Bookings holding a place (booked or checked in). */
  taken: z.number().int().min(0),
});
export type SlotView = z.infer<typeof SlotView>;

/** GET /api/appointments/slots?serviceId&date: every slot of the service that day; none on a holiday. */
export const AppointmentSlotsRoute = defineRoute({
  method: 'GET',
  path: '/api/appointments/slots',
  roles: staff,
  query: z.strictObject({ serviceId: z.string().min(1).max(40), date: CalendarDate }),
  reply: z.object({ serviceId: z.string(), date: CalendarDate, capacity: z.number().int().min(0), slots: z.array(SlotView) }),
});

/** GET /api/appointments?date: the day's bookings (cancelled ones too), by slot. */
export const AppointmentsRoute = defineRoute({
  method: 'GET',
  path: '/api/appointments',
  roles: staff,
  query: z.strictObject({ date: CalendarDate }),
  reply: z.object({ bookings: z.array(Booking) }),
});

export const BookRoute = defineRoute({
  method: 'POST',
  path: '/api/appointments',
  roles: staff,
  body: SlotRef,
  reply: z.object({ booking: Booking }),
  status: 201,
});

/** Moves a booking not yet checked in to another slot of its service; it keeps its code. */
export const MoveBookingRoute = defineRoute({
  method: 'POST',
  path: '/api/appointments/:id/move',
  roles: staff,
  params: BookingIdParams,
  body: z.strictObject({ date: CalendarDate, time: LocalTime }),
  reply: z.object({ booking: Booking }),
});

export const CancelBookingRoute = defineRoute({
  method: 'POST',
  path: '/api/appointments/:id/cancel',
  roles: staff,
  params: BookingIdParams,
  reply: z.object({ booking: Booking }),
});

/** A booking by the code the customer holds (any case, with or without the dash). */
export const BookingByCodeRoute = defineRoute({
  method: 'GET',
  path: '/api/appointments/code/:code',
  roles: staff,
  params: z.object({ code: BookingCode }),
  reply: z.object({ booking: Booking }),
});

/**
 * PUT /api/admin/appointments (manager): replaces the appointment settings (bookable services with their slot
 * length, walk-in share and hours, holidays, check-in windows); validated with the whole configuration, applied
 * live and audited like the other configuration routes. Bookings already made stay, even past a smaller capacity.
 */
export const PutAppointmentSettingsRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/appointments',
  roles: ['manager'],
  body: AppointmentSettings,
  reply: z.object({ config: BranchConfig }),
});

export const AppointmentReportQuery = z
  .strictObject({ from: IsoDate, to: IsoDate, format: z.enum(['json', 'csv']).default('json') })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_REPORT_RANGE_DAYS, { message: `at most ${MAX_REPORT_RANGE_DAYS} days`, path: ['to'] });
export type AppointmentReportQuery = z.infer<typeof AppointmentReportQuery>;

const Figure = z.number().nullable();
export const AppointmentReportRowView = z.object({
  serviceId: z.string(),
  booked: z.number(),
  cancelled: z.number(),
  kept: z.number(),
  early: z.number(),
  onTime: z.number(),
  late: z.number(),
  tooLate: z.number(),
  missed: z.number(),
  called: z.number(),
  punctual: z.number(),
  punctualityPercent: Figure,
  walkInsOnAppointmentDays: z.number(),
  walkInWaitMeanSecWith: Figure,
  walkInWaitP90SecWith: Figure,
  walkInsOtherDays: z.number(),
  walkInWaitMeanSecWithout: Figure,
  walkInWaitP90SecWithout: Figure,
});

/**
 * GET /api/appointments/report?from&to[&format=csv] (manager): per service and in total, what became of the
 * bookings of the business days from..to, punctuality, and walk-in waits on days with and without appointments
 * (docs/REPORTS.md, "Appointments"). Computed in the report worker.
 */
export const AppointmentReportRoute = defineRoute({
  method: 'GET',
  path: '/api/appointments/report',
  roles: ['manager'],
  query: AppointmentReportQuery,
  reply: z.object({ from: z.string(), to: z.string(), rows: z.array(AppointmentReportRowView) }),
});

/**
 * The public booking page (/kiosk/book.html): anyone on the branch's network or behind its public address.
 * Only whether each slot is free; a booking is limited per address (docs/SECURITY.md, "Booking codes").
 */
export const PublicBookableRoute = defineRoute({
  method: 'GET',
  path: '/api/public/appointments/services',
  roles: 'public',
  reply: z.object({
    branchName: z.string(),
    languages: z.array(CustomerLanguage),
    bookAheadDays: z.number().int(),
    /** How early before the slot a customer may check in (the page tells them). */
    checkInEarlyMin: z.number().int(),
    /** Whether a phone on the branch's Wi-Fi may check in here (appointments.checkIn.phoneNetworks is set). */
    phoneCheckIn: z.boolean(),
    /** Whether a mobile number may be left for a reminder SMS (the branch sends SMS and sets a reminder time). */
    reminders: z.boolean(),
    services: z.array(z.object({ serviceId: z.string(), names: LocalisedText })),
  }),
});

export const PublicSlotsRoute = defineRoute({
  method: 'GET',
  path: '/api/public/appointments/slots',
  roles: 'public',
  query: z.strictObject({ serviceId: z.string().min(1).max(40), date: CalendarDate }),
  reply: z.object({ slots: z.array(z.object({ time: LocalTime, free: z.boolean() })) }),
});

export const PublicBookRoute = defineRoute({
  method: 'POST',
  path: '/api/public/appointments',
  roles: 'public',
  /**
   * The slot, and optionally a mobile number for one reminder SMS in `language` (only where `reminders` is
   * offered): stored encrypted, never in the booking's events, erased once the booking no longer needs it.
   */
  body: SlotRef.extend({ phone: PhoneNumber.optional(), language: CustomerLanguage.default('en') }),
  reply: z.object({ code: z.string(), serviceId: z.string(), date: CalendarDate, time: LocalTime }),
  status: 201,
});

/**
 * POST /api/public/appointments/check-in: the customer's phone checks its booking in, from the branch's Wi-Fi
 * only (docs/SECURITY.md, "Booking codes"). The same check-in as the kiosk's, without paper: the reply carries the
 * ticket and its status page's address, where the phone follows its turn.
 */
export const PhoneCheckInRoute = defineRoute({
  method: 'POST',
  path: '/api/public/appointments/check-in',
  roles: 'public',
  body: z.strictObject({ requestId: RequestId, code: BookingCode, language: CustomerLanguage }),
  reply: IssuedTicket,
});
