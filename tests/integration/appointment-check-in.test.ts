import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId, type Booking } from '@rinda/shared';
import { appointmentConfig } from '../../shared/src/rules/appointments/test-kit';
import { startBranch, type Branch } from '../support/start-branch';

/*
 * A booked customer checks in at the kiosk by code, over real sockets and a real SQLite file: the demo branch
 * with loans bookable at c4 (ticket prefix CV), booked the evening before for 10:00 on Wednesday 2026-11-25.
 */

const TEN = Date.UTC(2026, 10, 25, 8, 0); // 10:00 in Riga
const MIN = 60_000;
let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

async function bookedBranch() {
  branch = await startBranch({ config: appointmentConfig(), clock: 'manual', startAt: TEN - 14 * 60 * MIN });
  const token = await branch.userToken('teller', 'anna');
  const res = await branch.http('/api/appointments', { method: 'POST', token, body: { serviceId: 'loans', date: '2026-11-25', time: '10:00' } });
  const { booking } = (await res.json()) as { booking: Booking };
  const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  return { branch, token, booking, kiosk };
}

function bookingRow(b: Branch, id: string) {
  return b.ctx.db.prepare('SELECT state, arrival, ticket_id AS ticketId FROM bookings WHERE id = ?').get(id) as { state: string; arrival: string | null; ticketId: string | null };
}

describe('appointment check-in at the kiosk', () => {
  it('prints an appointment ticket in its own series, checks the booking in, and the counter calls it at its slot with the booking shown', async () => {
    const { branch, booking, kiosk } = await bookedBranch();
    branch.clock.set(TEN - 10 * MIN);
    const checkedIn = await branch.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: booking.code.toLowerCase(), language: 'lv' });
    if (!checkedIn.ok) throw new Error(checkedIn.error.message);
    expect(checkedIn.data.ticket).toMatchObject({
      displayNumber: 'CV001',
      serviceId: 'loans',
      language: 'lv',
      appointment: { bookingId: booking.id, code: booking.code, slotStart: TEN, arrival: 'early' },
    });
    expect(bookingRow(branch, booking.id)).toEqual({ state: 'checkedIn', arrival: 'early', ticketId: checkedIn.data.ticket.id });

    // A walk-in for loans arrives; at 10:00 the counter calls the appointment first, and everyone sees the booking.
    const walkIn = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'loans', language: 'en' });
    expect(walkIn).toMatchObject({ ok: true, data: { ticket: { displayNumber: 'C001' } } });
    const teller = await branch.connect({ token: await branch.userToken('teller', 'janis') });
    const display = await branch.connect({ token: await branch.deviceToken('display') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c4' });
    branch.clock.set(TEN);
    const onDisplay = branch.nextEvent(display, 'ticket:called');
    const called = await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c4' });
    expect(called).toMatchObject({ ok: true, data: { ticket: { displayNumber: 'CV001', appointment: { code: booking.code } } } });
    expect((await onDisplay).call).toMatchObject({ displayNumber: 'CV001', counterNumber: 4 });
  });

  it('refuses a second check-in, a check-in too early and a wrong code, changing nothing', async () => {
    const { branch, booking, kiosk } = await bookedBranch();
    const count = () => (branch.ctx.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    branch.clock.set(TEN - 31 * MIN);
    const early = await branch.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: booking.code, language: 'en' });
    expect(early).toMatchObject({ ok: false, error: { code: 'CHECK_IN_TOO_EARLY', message: 'Check-in for the 10:00 appointment opens at 09:30.' } });
    const wrong = await branch.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: booking.code.startsWith('0') ? '1111111111' : '0000000000', language: 'en' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const malformed = await branch.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: 'abc', language: 'en' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(count()).toBe(0);
    expect(bookingRow(branch, booking.id)).toEqual({ state: 'booked', arrival: null, ticketId: null });

    branch.clock.set(TEN + 5 * MIN);
    expect((await branch.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: booking.code, language: 'en' })).ok).toBe(true);
    const again = await branch.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: booking.code, language: 'en' });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'This booking has already been checked in.' } });
    expect(count()).toBe(1);
  });

  it('keeps the appointment and its series across a restart', async () => {
    const { branch, token, booking, kiosk } = await bookedBranch();
    const res = await branch.http('/api/appointments', { method: 'POST', token, body: { serviceId: 'loans', date: '2026-11-25', time: '10:30' } });
    const second = ((await res.json()) as { booking: Booking }).booking;
    branch.clock.set(TEN);
    const first = await branch.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: booking.code, language: 'en' });
    if (!first.ok) throw new Error(first.error.message);
    await branch.restart();
    expect(branch.ctx.state().tickets.get(first.data.ticket.id)?.appointment).toMatchObject({ bookingId: booking.id, arrival: 'onTime' });
    const kioskAgain = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const next = await branch.request(kioskAgain, 'appointment:checkIn', { requestId: newRequestId(), code: second.code, language: 'en' });
    expect(next).toMatchObject({ ok: true, data: { ticket: { displayNumber: 'CV002' } } });
    const walkIn = await branch.request(kioskAgain, 'ticket:issue', { requestId: newRequestId(), serviceId: 'loans', language: 'en' });
    expect(walkIn).toMatchObject({ ok: true, data: { ticket: { displayNumber: 'C001' } } });
  });

  it('checks one booking in once when two kiosks send its code at the same moment', async () => {
    const { branch, booking, kiosk } = await bookedBranch();
    const other = await branch.connect({ token: await branch.deviceToken('kiosk') });
    branch.clock.set(TEN);
    const both = await Promise.all(
      [kiosk, other, kiosk, other].map((k) => branch.request(k, 'appointment:checkIn', { requestId: newRequestId(), code: booking.code, language: 'en' })),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    for (const r of both.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect((branch.ctx.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(1);
    expect((branch.ctx.db.prepare(`SELECT COUNT(*) AS n FROM booking_events WHERE type = 'appointment.checkedIn'`).get() as { n: number }).n).toBe(1);
  });

  it('at the day boundary closes a checked-in appointment left waiting like a walk-in, leaves a booking never checked in as booked (missed), and refuses its code the next day', async () => {
    const { branch, token, booking, kiosk } = await bookedBranch();
    const res = await branch.http('/api/appointments', { method: 'POST', token, body: { serviceId: 'loans', date: '2026-11-25', time: '10:30' } });
    const neverCame = ((await res.json()) as { booking: Booking }).booking;
    branch.clock.set(TEN);
    const checkedIn = await branch.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: booking.code, language: 'en' });
    if (!checkedIn.ok) throw new Error(checkedIn.error.message);
    const ticketId = checkedIn.data.ticket.id;

    // Thursday 05:00 in Riga, after the 04:00 day start; a start-up runs the day boundary at once.
    branch.clock.set(Date.UTC(2026, 10, 26, 3, 0));
    await branch.restart();
    const closed = () =>
      branch!.ctx.db.prepare(`SELECT json_extract(data, '$.reason') AS reason FROM ticket_events WHERE ticket_id = ? AND json_extract(data, '$.type') = 'ticket.cancelled'`).pluck().get(ticketId);
    await expect.poll(closed).toBe('dayEnded');
    // The booking was kept (the customer came); its ticket was never called. The other one is missed, not cancelled.
    expect(bookingRow(branch, booking.id)).toEqual({ state: 'checkedIn', arrival: 'onTime', ticketId });
    expect(bookingRow(branch, neverCame.id)).toEqual({ state: 'booked', arrival: null, ticketId: null });
    const manager = await branch.userToken('manager', 'mara');
    const report = (await (await branch.http('/api/appointments/report?from=2026-11-25&to=2026-11-25', { token: manager })).json()) as { rows: Record<string, unknown>[] };
    expect(report.rows[0]).toMatchObject({ serviceId: 'loans', booked: 2, kept: 1, called: 0, missed: 1, cancelled: 0 });

    const kioskAgain = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const tooLate = await branch.request(kioskAgain, 'appointment:checkIn', { requestId: newRequestId(), code: neverCame.code, language: 'en' });
    expect(tooLate).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'This booking was for 2026-11-25 at 10:30; that day is over.' } });
    expect(bookingRow(branch, neverCame.id)).toEqual({ state: 'booked', arrival: null, ticketId: null });
  });
});
