import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactNoLongerNeeded, reminderDueAt, reminderToSend } from './reminders';
import { appointmentConfig, BookingLedger, WEDNESDAY_8AM } from './test-kit';

const SLOT = Date.UTC(2026, 10, 25, 8, 0); // Wednesday 10:00 Riga
const MIN = 60_000;
const config = appointmentConfig((c) => {
  c.appointments!.reminderBeforeMin = 60;
});

function booking(now = WEDNESDAY_8AM, time = '10:00') {
  const ledger = new BookingLedger(config, now);
  return { ledger, booking: ledger.book({ serviceId: 'loans', date: '2026-11-25', time }) };
}

describe('appointment reminders', () => {
  it('are due reminderBeforeMin before the slot, and sent once, between then and the slot', () => {
    const { booking: b } = booking();
    expect(reminderDueAt(config, b)).toBe(SLOT - 60 * MIN);
    expect(reminderToSend(config, b, false, SLOT - 61 * MIN)).toBe(false);
    expect(reminderToSend(config, b, false, SLOT - 60 * MIN)).toBe(true);
    expect(reminderToSend(config, b, true, SLOT - 30 * MIN)).toBe(false);
    expect(reminderToSend(config, b, false, SLOT)).toBe(false);
  });

  it('are not sent for a booking made after its reminder was due, nor when the branch sets none', () => {
    const { booking: late } = booking(SLOT - 45 * MIN, '10:00');
    expect(reminderDueAt(config, late)).toBeNull();
    const { booking: b } = booking();
    const none = appointmentConfig((c) => {
      c.appointments!.reminderBeforeMin = 0;
    });
    expect(reminderDueAt(none, b)).toBeNull();
    expect(reminderToSend(none, b, false, SLOT - 30 * MIN)).toBe(false);
  });

  it('are never sent for a booking checked in or cancelled, at any moment', () => {
    const { ledger, booking: b } = booking();
    ledger.run({ type: 'cancel', bookingId: b.id, byUserId: null });
    const cancelled = ledger.byId(b.id)!;
    const checkedIn = { ...b, state: 'checkedIn' as const, checkedInAt: SLOT - 10 * MIN, arrival: 'early' as const };
    fc.assert(
      fc.property(fc.integer({ min: WEDNESDAY_8AM - 24 * 60 * MIN, max: SLOT + 24 * 60 * MIN }), (now) => {
        expect(reminderToSend(config, cancelled, false, now)).toBe(false);
        expect(reminderToSend(config, checkedIn, false, now)).toBe(false);
      }),
    );
  });

  it('are sent, whatever the moment, only inside [due, slot start) for a booking still booked', () => {
    const { booking: b } = booking();
    fc.assert(
      fc.property(fc.integer({ min: WEDNESDAY_8AM, max: SLOT + 24 * 60 * MIN }), fc.boolean(), (now, sent) => {
        const send = reminderToSend(config, b, sent, now);
        expect(send).toBe(!sent && now >= SLOT - 60 * MIN && now < SLOT);
      }),
    );
  });
});

describe("a booking's contact", () => {
  it('is kept while the booking may still be kept, and erased once it is checked in, cancelled, unknown or its day is over', () => {
    const { ledger, booking: b } = booking();
    expect(contactNoLongerNeeded(config, b, SLOT + 3 * 60 * MIN)).toBe(false); // 13:00 the same day: still may come
    expect(contactNoLongerNeeded(config, b, Date.UTC(2026, 10, 26, 2, 1))).toBe(true); // 04:01 next day: the day start
    expect(contactNoLongerNeeded(config, { ...b, state: 'checkedIn' }, SLOT)).toBe(true);
    ledger.run({ type: 'cancel', bookingId: b.id, byUserId: null });
    expect(contactNoLongerNeeded(config, ledger.byId(b.id), SLOT - 60 * MIN)).toBe(true);
    expect(contactNoLongerNeeded(config, undefined, SLOT)).toBe(true);
  });
});
