import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId, type Booking, type IssuedTicket } from '@rinda/shared';
import { remindersOf } from '../../apps/server/src/appointments/booking-reminders';
import { appointmentConfig } from '../../shared/src/rules/appointments/test-kit';
import { startFakeSmsGateway, type FakeSmsGateway } from '../support/fake-sms-gateway';
import { startBranch, type Branch } from '../support/start-branch';

/*
 * The customer's phone and appointments, over real HTTP, a real SQLite file and the fake SMS operator: check-in
 * from the branch's Wi-Fi (here 127.0.0.0/8, where the test's requests come from), and the reminder SMS with its
 * number erased once the booking no longer needs it. Wednesday 2026-11-25, loans bookable at 10:00 and 10:30.
 */

const TEN = Date.UTC(2026, 10, 25, 8, 0); // 10:00 in Riga
const MIN = 60_000;
const PHONE = '+37120000123';
const inBranchWifi = (networks: string[], reminderBeforeMin = 60) =>
  appointmentConfig((c) => {
    c.appointments!.checkIn = { earlyMin: 30, graceMin: 10, phoneNetworks: networks };
    c.appointments!.reminderBeforeMin = reminderBeforeMin;
  });

let branch: Branch | null = null;
let gateway: FakeSmsGateway | null = null;
afterEach(async () => {
  await branch?.stop();
  await gateway?.close();
  branch = null;
  gateway = null;
});

async function start(networks: string[], withSms = false) {
  gateway = withSms ? await startFakeSmsGateway() : null;
  const b = await startBranch({
    config: inBranchWifi(networks),
    clock: 'manual',
    startAt: TEN - 14 * 60 * MIN,
    sms: gateway ? { url: gateway.url, secret: gateway.secret, retryBaseMs: 5 } : null,
  });
  branch = b;
  return b;
}
const staffBook = async (b: Branch, time: string) => {
  const res = await b.http('/api/appointments', { method: 'POST', token: await b.userToken('teller'), body: { serviceId: 'loans', date: '2026-11-25', time } });
  return ((await res.json()) as { booking: Booking }).booking;
};
const phoneCheckIn = (b: Branch, code: string, requestId = newRequestId()) =>
  b.http('/api/public/appointments/check-in', { method: 'POST', body: { requestId, code, language: 'lv' } });
const count = (b: Branch, table: string) => (b.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('appointment check-in from the phone', () => {
  it("checks in from the branch's Wi-Fi: the same ticket as at the kiosk, no paper, the status page's address to follow it", async () => {
    const b = await start(['127.0.0.0/8']);
    const booking = await staffBook(b, '10:00');
    const services = (await (await b.http('/api/public/appointments/services')).json()) as { phoneCheckIn: boolean; reminders: boolean };
    expect(services).toMatchObject({ phoneCheckIn: true, reminders: false });

    b.clock.set(TEN - 10 * MIN);
    const requestId = newRequestId();
    const res = await phoneCheckIn(b, booking.code.toLowerCase(), requestId);
    expect(res.status).toBe(200);
    const issued = (await res.json()) as IssuedTicket;
    expect(issued.ticket).toMatchObject({ displayNumber: 'CV001', language: 'lv', channel: 'kiosk', appointment: { bookingId: booking.id, arrival: 'early' } });
    expect(issued.statusUrl).toMatch(new RegExp(`/t/${issued.ticket.id}$`));
    expect(b.ctx.db.prepare('SELECT state, ticket_id AS ticketId FROM bookings WHERE id = ?').get(booking.id)).toEqual({ state: 'checkedIn', ticketId: issued.ticket.id });
    expect(count(b, 'print_jobs')).toBe(0);

    // A retry of the same request (a dropped reply) gets the same ticket; another request is told it is checked in.
    expect(((await (await phoneCheckIn(b, booking.code, requestId)).json()) as IssuedTicket).ticket.id).toBe(issued.ticket.id);
    const again = await phoneCheckIn(b, booking.code);
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(count(b, 'tickets')).toBe(1);
  });

  it("refuses a phone outside the branch's Wi-Fi before looking at the code, and a wrong code, changing nothing", async () => {
    const outside = await start(['10.20.0.0/16']);
    const booking = await staffBook(outside, '10:00');
    outside.clock.set(TEN);
    const refused = await phoneCheckIn(outside, booking.code);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/Wi-Fi/) } });
    expect(count(outside, 'tickets')).toBe(0);
    expect(outside.ctx.db.prepare('SELECT state FROM bookings WHERE id = ?').pluck().get(booking.id)).toBe('booked');
    await outside.stop();

    const inside = await start(['127.0.0.0/8']);
    inside.clock.set(TEN);
    const wrong = await phoneCheckIn(inside, '0000000000');
    expect(wrong.status).toBe(404);
    expect((await phoneCheckIn(inside, 'not-a-code')).status).toBe(400);
    expect(count(inside, 'tickets')).toBe(0);
  });
});

describe('appointment reminders by SMS', () => {
  const book = (b: Branch, time: string, phone?: string) =>
    b.http('/api/public/appointments', { method: 'POST', body: { serviceId: 'loans', date: '2026-11-25', time, language: 'lv', ...(phone ? { phone } : {}) } });
  const bookingOf = (b: Branch, code: string) => b.ctx.db.prepare('SELECT id FROM bookings WHERE code = ?').pluck().get(code) as string;
  const cipherOf = (b: Branch, bookingId: string) => b.ctx.db.prepare('SELECT phone_cipher FROM booking_contacts WHERE booking_id = ?').pluck().get(bookingId) as Buffer | undefined;

  it('refuses a number where the branch sends no SMS, booking nothing', async () => {
    const b = await start(['127.0.0.0/8']);
    const res = await book(b, '10:00', PHONE);
    expect(res.status).toBe(403);
    expect(count(b, 'bookings')).toBe(0);
    expect(count(b, 'booking_contacts')).toBe(0);
  });

  it('texts one reminder in the booking language before the slot, logged without the number, and never ships the number to head office', async () => {
    const b = await start(['127.0.0.0/8'], true);
    expect(await (await b.http('/api/public/appointments/services')).json()).toMatchObject({ reminders: true });
    expect((await book(b, '10:00', '20000123')).status).toBe(400);
    const res = await book(b, '10:00', PHONE);
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    const bookingId = bookingOf(b, code);
    const cipher = cipherOf(b, bookingId);
    expect(cipher?.includes(Buffer.from(PHONE))).toBe(false);
    const outbox = b.ctx.db.prepare('SELECT body FROM central_outbox').pluck().all() as string[];
    expect(outbox.some((body) => body.includes(PHONE.slice(4)))).toBe(false);

    const reminders = remindersOf(b.ctx)!;
    b.clock.set(TEN - 61 * MIN);
    expect(reminders.sweep()).toEqual({ erased: 0, sent: 0 });
    b.clock.set(TEN - 60 * MIN);
    expect(reminders.sweep()).toEqual({ erased: 0, sent: 1 });
    await expect.poll(() => gateway!.received.length).toBe(1);
    expect(gateway!.received[0]).toMatchObject({ to: PHONE, text: expect.stringContaining('Atgādinājums') });
    expect(gateway!.received[0]!.text).toContain(`${code.slice(0, 5)}-${code.slice(5)}`);
    expect(gateway!.received[0]!.text).toContain(`/kiosk/book.html#code=${code}`);
    await expect
      .poll(() => b.ctx.db.prepare('SELECT booking_id AS bookingId, ticket_id AS ticketId, kind, status FROM sms_deliveries').all())
      .toEqual([{ bookingId, ticketId: null, kind: 'reminder', status: 'sent' }]);
    b.clock.set(TEN - 30 * MIN);
    expect(reminders.sweep()).toEqual({ erased: 0, sent: 0 });
    expect(gateway!.received).toHaveLength(1);
  });

  it('erases the number once the booking no longer needs it: at a check-in at once, at a cancel, at the end of the day; gone from the database file and its WAL', async () => {
    const b = await start(['127.0.0.0/8'], true);
    const codes: string[] = [];
    for (const time of ['10:00', '10:30', '11:00']) codes.push(((await (await book(b, time, PHONE)).json()) as { code: string }).code);
    const [kept, cancelled, missed] = codes.map((c) => bookingOf(b, c)) as [string, string, string];
    const ciphers = [kept, cancelled, missed].map((id) => cipherOf(b, id)!);
    const files = () => ['rinda.sqlite', 'rinda.sqlite-wal'].map((f) => readFileSync(join(b.dataDir, f)));
    // While the bookings last, the ciphertexts are in the files (the WAL at least), never the number.
    expect(files().some((f) => f.includes(ciphers[0]!))).toBe(true);
    expect(files().some((f) => f.includes(Buffer.from(PHONE)))).toBe(false);

    b.clock.set(TEN - 10 * MIN);
    expect((await phoneCheckIn(b, codes[0]!)).status).toBe(200);
    expect(cipherOf(b, kept)).toBeUndefined();
    const cancel = await b.http(`/api/appointments/${cancelled}/cancel`, { method: 'POST', token: await b.userToken('teller', 'anna') });
    expect(cancel.status).toBe(200);
    expect(cipherOf(b, cancelled)).toBeUndefined();
    expect(cipherOf(b, missed)).toBeDefined();

    // Thursday 04:01 in Riga: the 11:00 booking was never kept; its day is over.
    b.clock.set(Date.UTC(2026, 10, 26, 2, 1));
    expect(remindersOf(b.ctx)!.sweep()).toMatchObject({ erased: 1 });
    expect(count(b, 'booking_contacts')).toBe(0);
    await expect.poll(() => files().every((f) => ciphers.every((c) => !f.includes(c)))).toBe(true);
    for (const file of files()) expect(file.includes(Buffer.from(PHONE))).toBe(false);
  });
});
