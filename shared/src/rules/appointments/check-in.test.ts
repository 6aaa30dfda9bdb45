import { describe, expect, it } from 'vitest';
import { decideCheckIn } from './check-in';
import { appointmentConfig, BookingLedger } from './test-kit';

const SLOT = Date.UTC(2026, 10, 25, 8, 0); // 10:00 Riga
const MIN = 60_000;

function booked() {
  const ledger = new BookingLedger(appointmentConfig());
  return { ledger, booking: ledger.book({ serviceId: 'loans', date: '2026-11-25', time: '10:00' }) };
}

describe('check-in windows', () => {
  it.each([
    [-30, 'early', 'appointment'],
    [-6, 'early', 'appointment'],
    [-5, 'onTime', 'appointment'],
    [0, 'onTime', 'appointment'],
    [10, 'late', 'appointment'],
    [11, 'walkIn', 'walkIn'],
    [120, 'walkIn', 'walkIn'],
  ])('at %i minutes from the slot: %s, into the %s queue', (offset, arrival, queue) => {
    const { booking } = booked();
    const checkIn = decideCheckIn(appointmentConfig(), booking, SLOT + offset * MIN);
    expect(checkIn).toMatchObject({ ok: true, data: { arrival, queue: { kind: queue }, event: { type: 'appointment.checkedIn', bookingId: booking.id, arrival } } });
    if (checkIn.ok && checkIn.data.queue.kind === 'appointment') expect(checkIn.data.queue.slotStart).toBe(SLOT); // keeps its booked place
  });

  it('refuses a check-in before the window opens, saying when it opens (local time)', () => {
    const { booking } = booked();
    expect(decideCheckIn(appointmentConfig(), booking, SLOT - 31 * MIN)).toMatchObject({
      ok: false,
      error: { code: 'CHECK_IN_TOO_EARLY', message: 'Check-in for the 10:00 appointment opens at 09:30.' },
    });
  });

  it('refuses on another business day, and a booking cancelled or already checked in', () => {
    const { ledger, booking } = booked();
    const config = appointmentConfig();
    expect(decideCheckIn(config, booking, SLOT - 24 * 60 * MIN)).toMatchObject({ ok: false, error: { code: 'CHECK_IN_TOO_EARLY' } });
    expect(decideCheckIn(config, booking, SLOT + 24 * 60 * MIN)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/day is over/) } });
    expect(decideCheckIn(config, { ...booking, state: 'checkedIn' }, SLOT)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    ledger.run({ type: 'cancel', bookingId: booking.id, byUserId: null });
    expect(decideCheckIn(config, ledger.byId(booking.id)!, SLOT)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'This booking was cancelled.' } });
  });

  it('follows the configured windows', () => {
    const { booking } = booked();
    const strict = appointmentConfig((c) => (c.appointments!.checkIn = { earlyMin: 10, graceMin: 0 }));
    expect(decideCheckIn(strict, booking, SLOT - 11 * MIN)).toMatchObject({ ok: false, error: { code: 'CHECK_IN_TOO_EARLY' } });
    expect(decideCheckIn(strict, booking, SLOT + 1 * MIN)).toMatchObject({ ok: true, data: { arrival: 'walkIn' } });
  });
});
