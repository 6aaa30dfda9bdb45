import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookingCode, formatBookingCode } from '../../domain/booking';
import { slotCapacity, slotsOn } from './slots';
import { appointmentConfig, BookingLedger, WEDNESDAY_8AM } from './test-kit';

const LOANS_0930 = { serviceId: 'loans', date: '2026-11-25', time: '09:30' };

describe('bookable slots', () => {
  it('fills the appointment hours with slots of slotMin, none on weekends or holidays', () => {
    const config = appointmentConfig();
    expect(slotsOn(config, 'loans', '2026-11-25').map((s) => s.time)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(slotsOn(config, 'loans', '2026-11-28')).toEqual([]); // Saturday
    expect(slotsOn(config, 'loans', '2026-11-27')).toEqual([]); // holiday
    expect(slotsOn(config, 'cash', '2026-11-25')).toEqual([]); // not bookable
    const [first] = slotsOn(config, 'loans', '2026-11-25');
    expect(first?.start).toBe(Date.UTC(2026, 10, 25, 7, 0)); // 09:00 Riga is 07:00 UTC in winter
    expect(first && first.end - first.start).toBe(30 * 60_000);
  });

  it('takes as many appointments per slot as the counters serving the service, less the walk-in share, rounded down', () => {
    expect(slotCapacity(appointmentConfig(), 'accounts')).toBe(2); // c1 and c3
    const halfKept = appointmentConfig((c) => {
      c.appointments!.services![1]!.walkInSharePercent = 50;
      c.appointments!.services![0]!.walkInSharePercent = 50;
    });
    expect(slotCapacity(halfKept, 'accounts')).toBe(1);
    expect(slotCapacity(halfKept, 'loans')).toBe(0); // one counter, half kept: nothing left to book
    expect(slotCapacity(appointmentConfig(), 'cash')).toBe(0);
  });

  it('refuses a configuration naming an unknown service', () => {
    expect(() => appointmentConfig((c) => (c.appointments!.services![0]!.serviceId = 'nope'))).toThrow(/appointments: unknown service nope/);
  });
});

describe('book, move, cancel', () => {
  it('books a free slot with a code and the slot instants', () => {
    const ledger = new BookingLedger(appointmentConfig());
    const b = ledger.book(LOANS_0930);
    expect(b).toMatchObject({ serviceId: 'loans', date: '2026-11-25', time: '09:30', state: 'booked', slotStart: Date.UTC(2026, 10, 25, 7, 30), bookedBy: 'u1' });
    expect(b.code).toHaveLength(10);
  });

  it('refuses the place after the last with SLOT_FULL and changes nothing', () => {
    const ledger = new BookingLedger(appointmentConfig());
    ledger.book(LOANS_0930);
    const before = ledger.bookings;
    const refused = ledger.run({ type: 'book', slot: LOANS_0930, byUserId: 'u1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SLOT_FULL' } });
    expect(ledger.bookings).toBe(before);
  });

  it.each([
    ['a slot that has begun', { serviceId: 'loans', date: '2026-11-25', time: '09:00' }, Date.UTC(2026, 10, 25, 7, 0), /already begun or passed/],
    ['a slot in the past', { serviceId: 'loans', date: '2026-11-24', time: '09:00' }, WEDNESDAY_8AM, /already begun or passed/],
    ['a holiday', { serviceId: 'loans', date: '2026-11-27', time: '09:00' }, WEDNESDAY_8AM, /holiday/],
    ['a time off the slot grid', { serviceId: 'loans', date: '2026-11-25', time: '09:15' }, WEDNESDAY_8AM, /no slot at 09:15/],
    ['a time outside the hours', { serviceId: 'loans', date: '2026-11-25', time: '12:00' }, WEDNESDAY_8AM, /no slot at 12:00/],
    ['a service without appointments', { serviceId: 'cash', date: '2026-11-25', time: '09:00' }, WEDNESDAY_8AM, /does not take appointments/],
    ['a day beyond bookAheadDays', { serviceId: 'loans', date: '2027-01-04', time: '09:00' }, WEDNESDAY_8AM, /up to 30 days ahead/],
  ])('refuses %s with SLOT_UNAVAILABLE', (_what, slot, now, message) => {
    const ledger = new BookingLedger(appointmentConfig(), now);
    const refused = ledger.run({ type: 'book', slot, byUserId: 'u1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SLOT_UNAVAILABLE', message: expect.stringMatching(message) } });
    expect(ledger.bookings.size).toBe(0);
  });

  it('moves a booking to a free slot of its service, keeping its code, and frees the old place', () => {
    const ledger = new BookingLedger(appointmentConfig());
    const b = ledger.book(LOANS_0930);
    expect(ledger.run({ type: 'move', bookingId: b.id, slot: { ...LOANS_0930, time: '10:00' } }).ok).toBe(true);
    expect(ledger.byId(b.id)).toMatchObject({ code: b.code, time: '10:00', slotStart: Date.UTC(2026, 10, 25, 8, 0) });
    expect(ledger.book(LOANS_0930).time).toBe('09:30');
  });

  it('refuses to move into a full slot, to another service, or a cancelled booking', () => {
    const ledger = new BookingLedger(appointmentConfig());
    const a = ledger.book(LOANS_0930);
    const b = ledger.book({ ...LOANS_0930, time: '10:00' });
    expect(ledger.run({ type: 'move', bookingId: b.id, slot: LOANS_0930 })).toMatchObject({ ok: false, error: { code: 'SLOT_FULL' } });
    expect(ledger.run({ type: 'move', bookingId: b.id, slot: { ...LOANS_0930, serviceId: 'accounts' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(ledger.run({ type: 'cancel', bookingId: a.id, byUserId: 'u1' }).ok).toBe(true);
    expect(ledger.run({ type: 'move', bookingId: a.id, slot: { ...LOANS_0930, time: '11:00' } })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(ledger.run({ type: 'cancel', bookingId: a.id, byUserId: 'u1' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(ledger.run({ type: 'cancel', bookingId: 'b-unknown-000000', byUserId: 'u1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('never holds more bookings in a slot than its capacity, whatever books, moves and cancels come', () => {
    const config = appointmentConfig();
    const times = ['09:00', '09:30', '10:00'];
    const slot = (service: number, time: number) => ({ serviceId: service === 0 ? 'loans' : 'accounts', date: '2026-11-26', time: times[time]! });
    const command = fc.oneof(
      fc.record({ type: fc.constant('book' as const), service: fc.nat(1), time: fc.nat(2) }),
      fc.record({ type: fc.constant('move' as const), which: fc.nat(20), service: fc.nat(1), time: fc.nat(2) }),
      fc.record({ type: fc.constant('cancel' as const), which: fc.nat(20) }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const ledger = new BookingLedger(config);
        for (const c of commands) {
          const ids = [...ledger.bookings.keys()];
          if (c.type === 'book') ledger.run({ type: 'book', slot: slot(c.service, c.time), byUserId: null });
          else if (c.type === 'move') ledger.run({ type: 'move', bookingId: ids[c.which % Math.max(1, ids.length)] ?? 'none', slot: slot(c.service, c.time) });
          else ledger.run({ type: 'cancel', bookingId: ids[c.which % Math.max(1, ids.length)] ?? 'none', byUserId: null });
          for (const b of ledger.bookings.values()) expect(ledger.placesTaken(b.serviceId, b.slotStart)).toBeLessThanOrEqual(slotCapacity(config, b.serviceId));
        }
      }),
    );
  });
});

describe('booking codes', () => {
  it('reads a code as people type it: any case, dashes and spaces, O for zero, I and L for one', () => {
    expect(BookingCode.parse(' k7q2m-9xw4d ')).toBe('K7Q2M9XW4D');
    expect(BookingCode.parse('O1ILO-ABCDE')).toBe('01110ABCDE');
    expect(formatBookingCode('K7Q2M9XW4D')).toBe('K7Q2M-9XW4D');
    expect(BookingCode.safeParse('K7Q2M9XW4').success).toBe(false);
    expect(BookingCode.safeParse('K7Q2M9XW4U').success).toBe(false); // U is not in the alphabet
  });
});
