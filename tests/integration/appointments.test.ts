import { afterEach, describe, expect, it } from 'vitest';
import type { Booking } from '@rinda/shared';
import { appointmentConfig, WEDNESDAY_8AM } from '../../shared/src/rules/appointments/test-kit';
import { startBranch, type Branch } from '../support/start-branch';

/*
 * Booking, moving and cancelling appointments over HTTP against a real server and SQLite file; the demo branch
 * with loans bookable at c4 (1 place a slot) and accounts at c1 and c3 (2 places), Wednesday 2026-11-25 08:00.
 */

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

async function bookingBranch() {
  branch = await startBranch({ config: appointmentConfig(), clock: 'manual', startAt: WEDNESDAY_8AM });
  const token = await branch.userToken('teller', 'anna');
  return { branch, token };
}

type Reply = { booking: Booking } & { error?: { code: string; message: string } };
async function post(b: Branch, path: string, token: string, body?: unknown): Promise<{ status: number; reply: Reply }> {
  const res = await b.http(path, { method: 'POST', token, body });
  return { status: res.status, reply: (await res.json()) as Reply };
}

function bookingRows(b: Branch): { bookings: number; events: number } {
  const count = (table: string) => (b.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { bookings: count('bookings'), events: count('booking_events') };
}

describe('appointments over HTTP', () => {
  it('books a slot, lists it with its place taken, moves it and cancels it, logging each change', async () => {
    const { branch, token } = await bookingBranch();
    const booked = await post(branch, '/api/appointments', token, { serviceId: 'accounts', date: '2026-11-25', time: '09:30' });
    expect(booked.status).toBe(201);
    const b = booked.reply.booking;
    expect(b).toMatchObject({ serviceId: 'accounts', date: '2026-11-25', time: '09:30', state: 'booked', slotStart: Date.UTC(2026, 10, 25, 7, 30) });
    expect(b.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);

    const slots = (await (await branch.http('/api/appointments/slots?serviceId=accounts&date=2026-11-25', { token })).json()) as { capacity: number; slots: { time: string; taken: number }[] };
    expect(slots.capacity).toBe(2);
    expect(slots.slots.find((s) => s.time === '09:30')?.taken).toBe(1);

    const moved = await post(branch, `/api/appointments/${b.id}/move`, token, { date: '2026-11-26', time: '11:00' });
    expect(moved.reply.booking).toMatchObject({ id: b.id, code: b.code, date: '2026-11-26', time: '11:00' });
    const cancelled = await post(branch, `/api/appointments/${b.id}/cancel`, token);
    expect(cancelled.reply.booking.state).toBe('cancelled');

    const day = (await (await branch.http('/api/appointments?date=2026-11-26', { token })).json()) as { bookings: Booking[] };
    expect(day.bookings.map((x) => x.state)).toEqual(['cancelled']);
    const log = branch.ctx.db.prepare('SELECT type FROM booking_events WHERE booking_id = ? ORDER BY id').all(b.id) as { type: string }[];
    expect(log.map((r) => r.type)).toEqual(['appointment.booked', 'appointment.moved', 'appointment.cancelled']);
  });

  it('refuses a slot in the past, a holiday and bad input with clear errors and writes nothing', async () => {
    const { branch, token } = await bookingBranch();
    const past = await post(branch, '/api/appointments', token, { serviceId: 'loans', date: '2026-11-24', time: '09:00' });
    expect(past).toMatchObject({ status: 422, reply: { error: { code: 'SLOT_UNAVAILABLE', message: expect.stringMatching(/already begun or passed/) } } });
    const holiday = await post(branch, '/api/appointments', token, { serviceId: 'loans', date: '2026-11-27', time: '09:00' });
    expect(holiday.reply.error?.code).toBe('SLOT_UNAVAILABLE');
    const bad = await post(branch, '/api/appointments', token, { serviceId: 'loans', date: '25.11.2026', time: '9:00', extra: 1 });
    expect(bad).toMatchObject({ status: 400, reply: { error: { code: 'BAD_REQUEST' } } });
    const unknown = await post(branch, '/api/appointments/no-such-booking/cancel', token);
    expect(unknown).toMatchObject({ status: 404, reply: { error: { code: 'NOT_FOUND' } } });
    expect(bookingRows(branch)).toEqual({ bookings: 0, events: 0 });
  });

  it('books one slot from many clients at once and gets exactly its capacity; the rest are refused SLOT_FULL', async () => {
    const { branch } = await bookingBranch();
    const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => branch.userToken('teller', `teller${i}`)));
    const slot = { serviceId: 'accounts', date: '2026-11-25', time: '10:00' };
    const results = await Promise.all(tokens.map((token) => post(branch, '/api/appointments', token, slot)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r).toMatchObject({ status: 409, reply: { error: { code: 'SLOT_FULL' } } });
    expect(bookingRows(branch)).toEqual({ bookings: 2, events: 2 });
  });

  it('finds a booking by its code as typed, and rate-limits wrong codes', async () => {
    const { branch, token } = await bookingBranch();
    const { reply } = await post(branch, '/api/appointments', token, { serviceId: 'loans', date: '2026-11-25', time: '10:00' });
    const typed = `${reply.booking.code.slice(0, 5).toLowerCase()}-${reply.booking.code.slice(5)}`;
    const found = await branch.http(`/api/appointments/code/${typed}`, { token });
    expect(((await found.json()) as Reply).booking.id).toBe(reply.booking.id);

    const wrong = reply.booking.code.startsWith('0') ? '1111111111' : '0000000000';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await branch.http(`/api/appointments/code/${wrong}`, { token })).status);
    // 10 free wrong codes; the 11th is answered and starts a wait, which the 12th meets.
    expect(statuses).toEqual([...Array(11).fill(404), 429]);
    // Throttled, even the right code waits: a guesser learns nothing more.
    const blocked = await branch.http(`/api/appointments/code/${reply.booking.code}`, { token });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets no kiosk, display or stranger book', async () => {
    const { branch } = await bookingBranch();
    const kiosk = await branch.deviceToken('kiosk');
    const slot = { serviceId: 'loans', date: '2026-11-25', time: '10:00' };
    expect((await branch.http('/api/appointments', { method: 'POST', token: kiosk, body: slot })).status).toBe(403);
    expect((await branch.http('/api/appointments', { method: 'POST', body: slot })).status).toBe(401);
    expect(bookingRows(branch)).toEqual({ bookings: 0, events: 0 });
  });

  it('lets a manager change the walk-in share live (audited), refuses a teller and an unknown service, changing nothing', async () => {
    const { branch, token: teller } = await bookingBranch();
    const manager = await branch.userToken('manager', 'maija');
    const settings = structuredClone(branch.ctx.config().appointments);
    settings.services[1]!.walkInSharePercent = 50; // accounts: 2 counters, half kept for walk-ins
    const put = (token: string, body: unknown) => branch.http('/api/admin/appointments', { method: 'PUT', token, body });

    expect((await put(teller, settings)).status).toBe(403);
    const unknown = await put(manager, { ...settings, services: [{ ...settings.services[0]!, serviceId: 'nope' }] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Reply).error?.message).toMatch(/unknown service nope/);
    expect(branch.ctx.config().appointments.services[1]!.walkInSharePercent).toBe(0);

    expect((await put(manager, settings)).status).toBe(200);
    const slots = (await (await branch.http('/api/appointments/slots?serviceId=accounts&date=2026-11-25', { token: teller })).json()) as { capacity: number };
    expect(slots.capacity).toBe(1);
    const audit = branch.ctx.db.prepare(`SELECT action FROM audit_log`).all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['appointments.update']);
  });

  it('lets anyone book a free slot on the public page, telling only whether slots are free, 5 per address before a wait', async () => {
    const { branch } = await bookingBranch();
    const services = (await (await branch.http('/api/public/appointments/services')).json()) as { services: { serviceId: string }[]; checkInEarlyMin: number };
    expect(services.services.map((s) => s.serviceId)).toEqual(['loans', 'accounts']);
    expect(services.checkInEarlyMin).toBe(30);
    const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
    const replies = [];
    for (const time of times) replies.push(await branch.http('/api/public/appointments', { method: 'POST', body: { serviceId: 'loans', date: '2026-11-26', time } }));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 429]);
    const first = (await replies[0]!.json()) as { code: string; time: string };
    expect(first).toMatchObject({ time: '09:00', code: expect.stringMatching(/^[0-9A-Z]{10}$/) });
    const slots = (await (await branch.http('/api/public/appointments/slots?serviceId=loans&date=2026-11-26')).json()) as { slots: { time: string; free: boolean }[] };
    expect(slots.slots.map((s) => s.free)).toEqual([false, false, false, false, false, true]);
    expect(bookingRows(branch)).toEqual({ bookings: 5, events: 5 });
    expect((branch.ctx.db.prepare('SELECT COUNT(*) AS n FROM bookings WHERE booked_by IS NULL').get() as { n: number }).n).toBe(5);
  });
});
