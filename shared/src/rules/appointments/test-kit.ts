import type { BranchConfig, BranchConfigInput } from '../../config/branch-config';
import type { Booking, BookingEvent, SlotRef } from '../../domain/booking';
import type { Result } from '../../result';
import { testConfig } from '../test-kit';
import { applyBookingEvent, decideBooking, type BookingBook, type BookingCommand } from './booking-commands';

/**
 * The demo branch (Europe/Riga) with appointments for loans (counter c4 only, no walk-in share: 1 per slot) and
 * accounts (c1 and c3, none kept for walk-ins: 2 per 30-minute slot), Monday to Friday 09:00–12:00, 2026-11-27 a
 * holiday; check-in 30 minutes early to 10 minutes late.
 */
export function appointmentConfig(change: (c: BranchConfigInput) => void = () => {}): BranchConfig {
  return testConfig((c) => {
    c.appointments = {
      services: [
        { serviceId: 'loans', ticketPrefix: 'CV', slotMin: 30, walkInSharePercent: 0, hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' }] },
        { serviceId: 'accounts', ticketPrefix: 'BV', slotMin: 30, walkInSharePercent: 0, hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' }] },
      ],
      holidays: ['2026-11-27'],
      checkIn: { earlyMin: 30, graceMin: 10 },
      bookAheadDays: 30,
    };
    change(c);
  });
}

/** Wednesday 2026-11-25, 08:00 in Riga (UTC+2). */
export const WEDNESDAY_8AM = Date.UTC(2026, 10, 25, 6, 0);

/** Bookings in memory, run through decideBooking + applyBookingEvent as the store does in SQL. */
export class BookingLedger implements BookingBook {
  bookings = new Map<string, Booking>();
  now: number;
  private ids = 0;

  constructor(
    readonly config: BranchConfig,
    now = WEDNESDAY_8AM,
  ) {
    this.now = now;
  }

  byId(id: string): Booking | undefined {
    return this.bookings.get(id);
  }

  placesTaken(serviceId: string, slotStart: number): number {
    let n = 0;
    for (const b of this.bookings.values()) if (b.serviceId === serviceId && b.slotStart === slotStart && b.state !== 'cancelled') n++;
    return n;
  }

  run(cmd: BookingCommand): Result<BookingEvent[]> {
    const n = ++this.ids;
    const result = decideBooking(this.config, this, cmd, {
      now: this.now,
      newId: () => `b${String(n).padStart(15, '0')}`,
      newCode: () => `K${String(n).padStart(9, '0')}`,
    });
    if (result.ok) for (const e of result.data) this.bookings = applyBookingEvent(this.bookings, e);
    return result;
  }

  book(slot: SlotRef): Booking {
    const result = this.run({ type: 'book', slot, byUserId: 'u1' });
    if (!result.ok) throw new Error(`book refused: ${result.error.code} ${result.error.message}`);
    const [event] = result.data;
    if (event?.type !== 'appointment.booked') throw new Error('no booking');
    return event.booking;
  }
}
