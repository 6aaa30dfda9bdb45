import { describe, expect, it } from 'vitest';
import { appointmentReport, type BookingFact, type WalkInFact } from './appointment-report';

const MIN = 60_000;
const SLOT = Date.UTC(2026, 10, 25, 8, 0);
const booking = (b: Partial<BookingFact>): BookingFact => ({ serviceId: 'loans', date: '2026-11-25', state: 'booked', arrival: null, slotStart: SLOT, slotEnd: SLOT + 30 * MIN, calledAt: null, ...b });

describe('appointments report', () => {
  it('counts a booking as missed only once its slot has ended without a check-in', () => {
    const during = appointmentReport([booking({})], [], SLOT + 10 * MIN)[0];
    const after = appointmentReport([booking({})], [], SLOT + 30 * MIN)[0];
    expect(during).toMatchObject({ booked: 1, missed: 0 });
    expect(after).toMatchObject({ booked: 1, missed: 1 });
  });

  it('keeps a too-late arrival out of the kept ones and out of punctuality; punctual is within ±5 minutes of the slot', () => {
    const rows = appointmentReport(
      [
        booking({ state: 'checkedIn', arrival: 'early', calledAt: SLOT + 5 * MIN }),
        booking({ state: 'checkedIn', arrival: 'late', calledAt: SLOT + 6 * MIN }),
        booking({ state: 'checkedIn', arrival: 'walkIn', calledAt: SLOT + 40 * MIN }),
        booking({ state: 'cancelled' }),
      ],
      [],
      SLOT + 60 * MIN,
    );
    expect(rows[0]).toMatchObject({ booked: 3, cancelled: 1, kept: 2, early: 1, late: 1, tooLate: 1, missed: 0, called: 2, punctual: 1, punctualityPercent: 50 });
  });

  it('splits walk-in waits by days on which an appointment of their service was called', () => {
    const walkIns: WalkInFact[] = [
      { serviceId: 'loans', businessDay: '2026-11-25', waitMs: 60_000 },
      { serviceId: 'loans', businessDay: '2026-11-25', waitMs: 180_000 },
      { serviceId: 'loans', businessDay: '2026-11-24', waitMs: 30_000 },
      { serviceId: 'loans', businessDay: '2026-11-24', waitMs: null },
    ];
    const [loans, all] = appointmentReport([booking({ state: 'checkedIn', arrival: 'onTime', calledAt: SLOT })], walkIns, SLOT + 60 * MIN);
    expect(loans).toMatchObject({ walkInsOnAppointmentDays: 2, walkInWaitMeanSecWith: 120, walkInWaitP90SecWith: 180, walkInsOtherDays: 2, walkInWaitMeanSecWithout: 30, walkInWaitP90SecWithout: 30 });
    expect(all).toMatchObject({ serviceId: 'all', walkInsOnAppointmentDays: 2, walkInsOtherDays: 2 });
  });
});
