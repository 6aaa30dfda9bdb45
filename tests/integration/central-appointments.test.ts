import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { CENTRAL_REPORT_NAMES, newRequestId, REPORT_GROUP_BYS, type Booking } from '@rinda/shared';
import { startCentral, type RunningCentral } from '@rinda/central';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';
import { appointmentReportBytes } from '../../apps/server/src/appointments/appointment-report-rows';
import { resolveCentralLink } from '../../apps/server/src/central/central-link';
import { OutboxShipper } from '../../apps/server/src/central/outbox-shipper';
import type { Db } from '../../apps/server/src/db/database';
import { runReport } from '../../apps/server/src/reports/report-service';
import { rollupsWrittenTo } from '../../apps/server/src/reports/rollup-writes';
import { appointmentConfig } from '../../shared/src/rules/appointments/test-kit';
import { startBranch, type Branch } from '../support/start-branch';

/*
 * Appointments at head office: a morning of bookings at a real branch (booked, moved, cancelled, checked in and
 * served beside a walk-in) ships through the outbox; head office stores every appointment.* event, its replica
 * holds the branch's bookings, and every report there equals the branch's own.
 */

const ADMIN = 'admin-token-for-tests-0123456789';
const TEN = Date.UTC(2026, 10, 25, 8, 0); // Wednesday 10:00 in Riga
const MIN = 60_000;
const DAY = '2026-11-25';
const config = appointmentConfig();

let pg: TestDatabase;
let central: RunningCentral;
let branch: Branch;
const booked: Record<string, Booking> = {};

beforeAll(async () => {
  pg = await openTestDatabase();
  central = await startCentral({ sql: pg.sql, adminToken: ADMIN });
  branch = await startBranch({ config, clock: 'manual', startAt: TEN - 14 * 60 * MIN });
  const b = branch;
  const teller = await b.userToken('teller', 'anna');
  const book = async (time: string) =>
    ((await (await b.http('/api/appointments', { method: 'POST', token: teller, body: { serviceId: 'loans', date: DAY, time } })).json()) as { booking: Booking }).booking;
  booked.kept = await book('10:00');
  booked.cancelled = await book('10:30');
  booked.missed = await book('11:00');
  expect((await b.http(`/api/appointments/${booked.missed.id}/move`, { method: 'POST', token: teller, body: { date: DAY, time: '11:30' } })).status).toBe(200);
  expect((await b.http(`/api/appointments/${booked.cancelled.id}/cancel`, { method: 'POST', token: teller })).status).toBe(200);

  const kiosk = await b.connect({ token: await b.deviceToken('kiosk') });
  b.clock.set(TEN - 12 * MIN);
  // Signed in again: the evening's session has expired overnight.
  const counter = await b.connect({ token: await b.login('anna', 'secret') });
  expect((await b.request(counter, 'counter:signIn', { requestId: newRequestId(), counterId: 'c4' })).ok).toBe(true);
  expect((await b.request(kiosk, 'appointment:checkIn', { requestId: newRequestId(), code: booked.kept.code, language: 'en' })).ok).toBe(true);
  expect((await b.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'loans', language: 'en' })).ok).toBe(true);
  for (const at of [TEN - 8 * MIN, TEN + MIN]) {
    b.clock.set(at);
    expect((await b.request(counter, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c4' })).ok).toBe(true);
    await b.request(counter, 'ticket:finish', { requestId: newRequestId(), counterId: 'c4' });
  }

  // Two days later (every day closed), the branch is linked and ships everything.
  b.clock.set(TEN + 2 * 24 * 60 * MIN);
  const created = await centralClient(central.url, ADMIN).createBranch('riga-loans');
  const env = { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: 'riga-loans', RINDA_CENTRAL_ENROLMENT_CODE: created.enrolmentCode, RINDA_CENTRAL_ALLOW_HTTP: '1' };
  const link = await resolveCentralLink(b.ctx.db, env);
  if (!link.ok || !link.link) throw new Error('not linked');
  const shipper = new OutboxShipper({ db: b.ctx.db, link: link.link, logger: pino({ level: 'silent' }), clock: () => b.clock.now() });
  while ((await shipper.shipOnce()) === 'shipped');
}, 60_000);
afterAll(async () => {
  await branch.stop();
  await central.close();
  await pg.drop();
});

const bookingsOf = (db: Db) =>
  db.prepare('SELECT id, code, service_id, slot_date, slot_time, slot_start, slot_end, state, booked_at, checked_in_at, arrival, ticket_id FROM bookings ORDER BY id').all();

describe('appointments at head office', () => {
  it('stores every booking event the branch committed, in order, the check-in with its ticket', async () => {
    const rows = await pg.sql.query<{ body: { type: string; bookingId?: string; ticketId?: string } }>(
      `SELECT body FROM branch_events WHERE branch_id = 'riga-loans' AND body->>'type' LIKE 'appointment.%' ORDER BY seq`,
    );
    expect(rows.map((r) => r.body.type)).toEqual([
      'appointment.booked',
      'appointment.booked',
      'appointment.booked',
      'appointment.moved',
      'appointment.cancelled',
      'appointment.checkedIn',
    ]);
    const ticketId = branch.ctx.db.prepare('SELECT ticket_id FROM bookings WHERE id = ?').pluck().get(booked.kept!.id);
    expect(rows[5]!.body).toMatchObject({ bookingId: booked.kept!.id, ticketId, arrival: 'early' });
  });

  it("holds in its replica exactly the branch's bookings, and reports appointments as the branch does", async () => {
    const replica = await central.replicas.current('riga-loans');
    expect(replica.skipped).toBe(0);
    expect(bookingsOf(replica.db)).toEqual(bookingsOf(branch.ctx.db));
    const query = { from: DAY, to: DAY, format: 'json' as const };
    const at = (db: Db) => new TextDecoder().decode(appointmentReportBytes({ readDb: db, writeRollups: rollupsWrittenTo(db), config: () => config, now: () => branch.clock.now() }, query).body);
    const mine = JSON.parse(at(branch.ctx.db)) as { rows: Record<string, unknown>[] };
    expect(mine.rows[0]).toMatchObject({ serviceId: 'loans', booked: 2, cancelled: 1, kept: 1, missed: 1, called: 1, punctual: 1 });
    expect(JSON.parse(at(replica.db))).toEqual(mine);
  });

  it("gives every report of the day exactly as the branch's own, appointment tickets included", async () => {
    let compared = 0;
    for (const name of CENTRAL_REPORT_NAMES)
      for (const groupBy of REPORT_GROUP_BYS[name]) {
        const db = branch.ctx.db;
        const mine = await runReport({ readDb: db, writeRollups: rollupsWrittenTo(db), config: () => config, now: () => branch.clock.now() }, { name, from: DAY, to: DAY, groupBy });
        const reply = await centralClient(central.url, ADMIN).admin('GET', `/api/reports/${name}?${new URLSearchParams({ from: DAY, to: DAY, groupBy, branches: 'riga-loans' }).toString()}`);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        expect({ name, groupBy, rows: (reply.body as { rows: unknown[] }).rows }).toEqual({ name, groupBy, rows: mine.rows });
        compared += mine.rows.length;
      }
    expect(compared).toBeGreaterThan(5);
  });
});
