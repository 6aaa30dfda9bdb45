import type { Request, Response } from 'express';
import {
  AppointmentReportRoute,
  AppointmentSlotsRoute,
  AppointmentsRoute,
  BookingByCodeRoute,
  BookRoute,
  CancelBookingRoute,
  decideBooking,
  fail,
  MoveBookingRoute,
  ok,
  PublicBookableRoute,
  PublicBookRoute,
  PublicSlotsRoute,
  PutAppointmentSettingsRoute,
  slotCapacity,
  slotsOn,
  type Booking,
  type BookingCommand,
  type Result,
} from '@rinda/shared';
import { recordAudit } from '../admin/audit-log';
import { managerId } from '../admin/manager-of';
import type { FeatureModule } from '../feature-module';
import { serveRoute } from '../http/typed-route';
import { reportRunnerOf, sendComputed } from '../reports/reports-feature';
import { clientAddressKey } from '../security/client-address';
import { AttemptThrottle, retryMessage } from '../security/throttle';
import { remindersOf } from './booking-reminders';
import { appointmentsOf, findByCode } from './check-in';

/**
 * Public bookings per address: 5, then a doubling wait from 1 minute up to an hour (the 5th booking starts it; an
 * address quiet for an hour starts over); counted on every booking made, so one address cannot fill a day's
 * slots (docs/SECURITY.md).
 */
export const PUBLIC_BOOKING_THROTTLE = { freeAttempts: 4, baseDelayMs: 60_000, maxDelayMs: 60 * 60_000, forgetAfterMs: 60 * 60_000 };

/**
 * Appointments for tellers and managers (routes in shared/src/http/appointments.ts): slots, a day's bookings,
 * book, move, cancel and a booking by code. Each change is decided by the pure rules (shared/src/rules/appointments)
 * and written in one transaction with the reads it made; a refusal writes nothing.
 */
export function appointmentsFeature(): FeatureModule {
  return {
    name: 'appointments',
    http(router, ctx) {
      const { store } = appointmentsOf(ctx);
      const publicBookings = new AttemptThrottle(PUBLIC_BOOKING_THROTTLE, ctx.clock);
      const userOf = (res: Response) => {
        const p = ctx.auth.principalOf(res);
        return p.kind === 'user' ? p.userId : null;
      };
      const callerOf = (req: Request, res: Response) => ({ who: userOf(res) ?? '?', from: clientAddressKey(req) });

      /** Decides and writes one booking command; the booking as it is after it. */
      const change = (cmd: BookingCommand, userId: string | null): Result<Booking> =>
        store.transact(() => {
          const decided = decideBooking(ctx.config(), store, cmd, { now: ctx.clock(), newId: ctx.newId, newCode: () => store.newCode() });
          if (!decided.ok) return decided;
          store.write(decided.data, userId);
          const [event] = decided.data;
          const id = event?.type === 'appointment.booked' ? event.booking.id : event?.bookingId;
          const booking = id === undefined ? undefined : store.byId(id);
          if (!booking) return fail('INTERNAL', 'The booking could not be read back');
          ctx.logger.info({ event: event?.type, bookingId: booking.id, serviceId: booking.serviceId, slotStart: booking.slotStart }, 'booking changed');
          return ok(booking);
        });

      serveRoute(router, ctx.auth, PutAppointmentSettingsRoute, ({ body }, _req, res) => {
        const before = ctx.config().appointments;
        const result = ctx.setConfig({ ...ctx.config(), appointments: body });
        if (!result.ok) return result;
        recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action: 'appointments.update', target: null, before, after: body });
        ctx.logger.info({ event: 'config_changed', action: 'appointments.update' }, 'configuration changed');
        return ok({ config: result.data });
      });

      // Computed in the report worker, like the other reports; encoded there as JSON or CSV.
      serveRoute(router, ctx.auth, AppointmentReportRoute, ({ query }, _req, res) =>
        sendComputed(
          res,
          ctx,
          () => reportRunnerOf(ctx).run({ kind: 'appointments', query }),
          query.format === 'csv' ? `appointments-${query.from}-${query.to}.csv` : null,
          'appointments report',
        ),
      );

      serveRoute(router, ctx.auth, PublicBookableRoute, () => {
        const config = ctx.config();
        const services = config.appointments.services.flatMap((b) => {
          const service = config.services.find((s) => s.id === b.serviceId);
          return service?.active && slotCapacity(config, b.serviceId) > 0 ? [{ serviceId: service.id, names: service.names }] : [];
        });
        return ok({
          branchName: config.branch.name,
          languages: config.branch.kioskLanguages,
          bookAheadDays: config.appointments.bookAheadDays,
          checkInEarlyMin: config.appointments.checkIn.earlyMin,
          phoneCheckIn: config.appointments.checkIn.phoneNetworks.length > 0,
          reminders: remindersOf(ctx)?.offered ?? false,
          services,
        });
      });

      serveRoute(router, ctx.auth, PublicSlotsRoute, ({ query }) => {
        const config = ctx.config();
        const capacity = slotCapacity(config, query.serviceId);
        const slots = slotsOn(config, query.serviceId, query.date);
        const first = slots[0];
        const last = slots[slots.length - 1];
        const taken = first && last ? store.placesTakenBetween(query.serviceId, first.start, last.start + 1) : new Map<number, number>();
        const now = ctx.clock();
        return ok({ slots: slots.map((s) => ({ time: s.time, free: s.start > now && (taken.get(s.start) ?? 0) < capacity })) });
      });

      serveRoute(router, ctx.auth, PublicBookRoute, ({ body }, req) => {
        const from = clientAddressKey(req);
        const wait = publicBookings.waitMs(from);
        if (wait > 0) return fail('RATE_LIMITED', retryMessage('bookings from this address', wait), wait);
        const { phone, language, ...slot } = body;
        const reminders = remindersOf(ctx);
        if (phone !== undefined && !reminders?.offered) return fail('FORBIDDEN', 'This branch sends no reminders; book without a number.');
        // The number is written with the booking or not at all.
        const booked = store.transact(() => {
          const made = change({ type: 'book', slot, byUserId: null }, null);
          if (made.ok && phone !== undefined) reminders?.save(made.data.id, phone, language);
          return made;
        });
        if (!booked.ok) return booked;
        publicBookings.failed(from);
        const b = booked.data;
        return ok({ code: b.code, serviceId: b.serviceId, date: b.date, time: b.time });
      });

      serveRoute(router, ctx.auth, AppointmentSlotsRoute, ({ query }) => {
        const config = ctx.config();
        if (!config.services.some((s) => s.id === query.serviceId)) return fail('NOT_FOUND', `There is no service "${query.serviceId}".`);
        const slots = slotsOn(config, query.serviceId, query.date);
        const first = slots[0];
        const last = slots[slots.length - 1];
        const taken = first && last ? store.placesTakenBetween(query.serviceId, first.start, last.start + 1) : new Map<number, number>();
        return ok({
          serviceId: query.serviceId,
          date: query.date,
          capacity: slotCapacity(config, query.serviceId),
          slots: slots.map((s) => ({ time: s.time, start: s.start, end: s.end, taken: taken.get(s.start) ?? 0 })),
        });
      });

      serveRoute(router, ctx.auth, AppointmentsRoute, ({ query }) => ok({ bookings: store.onDate(query.date) }));

      serveRoute(router, ctx.auth, BookRoute, ({ body }, _req, res) => {
        const booked = change({ type: 'book', slot: body, byUserId: userOf(res) }, userOf(res));
        return booked.ok ? ok({ booking: booked.data }) : booked;
      });

      serveRoute(router, ctx.auth, MoveBookingRoute, ({ params, body }, _req, res) => {
        const current = store.byId(params.id);
        if (!current) return fail('NOT_FOUND', 'There is no such booking.');
        const moved = change({ type: 'move', bookingId: params.id, slot: { serviceId: current.serviceId, date: body.date, time: body.time } }, userOf(res));
        return moved.ok ? ok({ booking: moved.data }) : moved;
      });

      serveRoute(router, ctx.auth, CancelBookingRoute, ({ params }, _req, res) => {
        const cancelled = change({ type: 'cancel', bookingId: params.id, byUserId: userOf(res) }, userOf(res));
        // A number left for a reminder is not needed any more: erased now, not at the next check.
        if (cancelled.ok) remindersOf(ctx)?.sweep();
        return cancelled.ok ? ok({ booking: cancelled.data }) : cancelled;
      });

      serveRoute(
        router,
        ctx.auth,
        BookingByCodeRoute,
        ({ params }, req, res) => {
          const { who, from } = callerOf(req, res);
          const found = findByCode(ctx, params.code, who, from);
          return found.ok ? ok({ booking: found.data }) : found;
        },
        { badParams: { code: 'NOT_FOUND', message: 'No booking has this code (a code has 10 letters and digits).' } },
      );
    },
  };
}
