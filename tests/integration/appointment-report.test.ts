import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId, type Booking } from '@rinda/shared';
import { appointmentConfig } from '../../shared/src/rules/appointments/test-kit';
import { startBranch, type Branch } from '../support/start-branch';

/*
 * The appointments report over HTTP (computed in the report worker) after a morning at counter 4 (loans):
 * one booking checked in early and called at its slot, one never kept, one cancelled, and walk-ins.
 */

const TEN = Date.UTC(2026, 10, 25, 8, 0); // 10:00 in Riga, Wednesday 2026-11-25
const MIN = 60_000;
let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

describe('appointments report', () => {
  it('counts kept, early, missed and cancelled bookings, punctuality and walk-in waits, as JSON and CSV', async () => {
    branch = await startBranch({ config: appointmentConfig(), clock: 'manual', startAt: TEN - 60 * MIN });
    const b = branch;
    const teller = await b.userToken('teller', 'anna');
    const manager = await b.userToken('manager', 'maija');
    const book = async (time: string) =>
      ((await (await b.http('/api/appointments', { method: 'POST', token: teller, body: { serviceId: 'loans', date: '2026-11-25', time } })).json()) as { booking: Booking }).booking;
    const kept = await book('10:00');
    await book('10:30');
    const cancelled = await book('11:00');
    await b.http(`/api/appointments/${cancelled.id}/cancel`, { method: 'POST', token: teller });

    const kiosk = await b.connect({ token: await b.deviceToken('kiosk') });
    const counter = await b.connect({ token: teller });
    await b.request(counter, 'counter:signIn', { requestId: newRequestId(), counterId: 'c4' });
    b.clock.set(TEN - 20 * MIN);
    expect((await b.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: kept.code, language: 'en' })).ok).toBe(true);
    await b.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'loans', language: 'en' });
    b.clock.set(TEN - 16 * MIN);
    const walkIn = await b.request(counter, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c4' }); // waited 4 min
    expect(walkIn).toMatchObject({ ok: true, data: { ticket: { displayNumber: 'C001' } } });
    await b.request(counter, 'ticket:finish', { requestId: newRequestId(), counterId: 'c4' });
    b.clock.set(TEN + 2 * MIN);
    const appointment = await b.request(counter, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c4' });
    expect(appointment).toMatchObject({ ok: true, data: { ticket: { displayNumber: 'CV001' } } });
    await b.request(counter, 'ticket:finish', { requestId: newRequestId(), counterId: 'c4' });
    b.clock.set(TEN + 3 * 60 * MIN); // 13:00: the 10:30 booking was never kept

    const res = await b.http('/api/appointments/report?from=2026-11-25&to=2026-11-25', { token: manager });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { rows: Record<string, unknown>[] };
    const loans = {
      serviceId: 'loans',
      booked: 2,
      cancelled: 1,
      kept: 1,
      early: 1,
      onTime: 0,
      late: 0,
      tooLate: 0,
      missed: 1,
      called: 1,
      punctual: 1,
      punctualityPercent: 100,
      walkInsOnAppointmentDays: 1,
      walkInWaitMeanSecWith: 240,
      walkInWaitP90SecWith: 240,
      walkInsOtherDays: 0,
      walkInWaitMeanSecWithout: null,
      walkInWaitP90SecWithout: null,
    };
    expect(report.rows).toEqual([loans, { ...loans, serviceId: 'all' }]);

    const csv = await b.http('/api/appointments/report?from=2026-11-25&to=2026-11-25&format=csv', { token: manager });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const [header, first] = (await csv.text()).trim().split(/\r?\n/);
    expect(header?.split(',').slice(0, 4)).toEqual(['serviceId', 'booked', 'cancelled', 'kept']);
    expect(first?.startsWith('loans,2,1,1,1,0,0,0,1,1,1,100,1,240,240,0,,')).toBe(true);
    expect((await b.http('/api/appointments/report?from=2026-11-25&to=2026-11-25', { token: teller })).status).toBe(403);
    expect((await b.http('/api/appointments/report?from=2026-11-26&to=2026-11-25', { token: manager })).status).toBe(400);
  });
});
