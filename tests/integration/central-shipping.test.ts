import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { businessDayStart, demoBranchConfig, newRequestId, parseClockTime, addDays, type IssuedTicket, type JoinChallenge } from '@rinda/shared';
import { startCentral, type RunningCentral } from '@rinda/central';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';
import { openDatabase, type Db } from '../../apps/server/src/db/database';
import { resolveCentralLink } from '../../apps/server/src/central/central-link';
import { ensureSelfSignedCertificate } from '../../apps/server/src/tls/self-signed';
import { startCentralShipping } from '../../apps/server/src/central/central-shipping';
import { OutboxShipper } from '../../apps/server/src/central/outbox-shipper';
import { generateHistory } from '../../apps/server/src/reports/test-support/generate-history';
import { historyWriter } from '../../apps/server/src/reports/test-support/write-history';
import { saveConfig } from '../../apps/server/src/store/config-store';
import { freePort } from '../fault/support/server-process';
import { solveProof } from '../support/solve-proof';
import { LOAD_TEST_LIMITS, startBranch } from '../support/start-branch';

const ADMIN = 'admin-token-for-tests-0123456789';
const config = demoBranchConfig;
const localAt = (date: string, clock: string) => businessDayStart(date, config.branch.timeZone, parseClockTime(clock));
const silent = pino({ level: process.env.RINDA_TEST_LOG ?? 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'rinda-central-shipping-'));
});
afterAll(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Head office on a fixed port, so it can be stopped and started again at the same address. */
async function headOffice(port: number): Promise<RunningCentral> {
  return startCentral({ sql: db.sql, adminToken: ADMIN, port });
}

async function enrolledEnv(central: RunningCentral, id: string): Promise<Record<string, string>> {
  const created = await centralClient(central.url, ADMIN).createBranch(id);
  return { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: id, RINDA_CENTRAL_ENROLMENT_CODE: created.enrolmentCode, RINDA_CENTRAL_ALLOW_HTTP: '1' };
}

const outboxRows = (branch: Db) => branch.prepare('SELECT seq, kind, body FROM central_outbox ORDER BY seq').all() as { seq: number; kind: string; body: string }[];
async function atHeadOffice(id: string) {
  const rows = await db.sql.query<{ seq: number; kind: string; body: unknown }>('SELECT seq, kind, body FROM branch_events WHERE branch_id = $1 ORDER BY seq', [id]);
  return rows.map((r) => ({ seq: r.seq, kind: r.kind, body: r.body }));
}
const asShipped = (rows: { seq: number; kind: string; body: string }[]) => rows.map((r) => ({ seq: r.seq, kind: r.kind, body: JSON.parse(r.body) as unknown }));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(25);
  }
}

describe('shipping the outbox to head office', () => {
  it("ships in batches, in order, and head office ends with exactly the branch's records", async () => {
    const central = await headOffice(0);
    const branch = openDatabase(join(dir, 'in-order.sqlite'));
    saveConfig(branch, config, 1);
    historyWriter(branch, config).write(generateHistory(config, ['2026-03-27', '2026-03-28'], localAt).events, { oneTransaction: true });
    const expected = asShipped(outboxRows(branch));
    const link = await resolveCentralLink(branch, await enrolledEnv(central, 'in-order'));
    if (!link.ok || !link.link) throw new Error('not linked');
    const shipper = new OutboxShipper({ db: branch, link: link.link, logger: silent, batchRecords: 50 });
    let batches = 0;
    while ((await shipper.shipOnce()) === 'shipped') batches++;
    expect(batches).toBe(Math.ceil(expected.length / 50));
    expect(await atHeadOffice('in-order')).toEqual(expected);
    // Shipping again from the start (a branch restored from an old backup) changes nothing at head office.
    branch.prepare('UPDATE central_link SET stored_through = 0').run();
    while ((await shipper.shipOnce()) === 'shipped');
    expect(await atHeadOffice('in-order')).toEqual(expected);
    branch.close();
    await central.close();
  });

  it('ships over HTTPS, trusting exactly the certificate head office was given (RINDA_CENTRAL_CA), and refuses plain HTTP to a remote host', async () => {
    const certificate = await ensureSelfSignedCertificate(join(dir, 'central-tls'), { names: ['127.0.0.1', 'localhost'] });
    const central = await startCentral({ sql: db.sql, adminToken: ADMIN, tls: { cert: certificate.cert, key: certificate.key } });
    expect(central.url).toMatch(/^https:/);
    // fetch cannot be told to trust one certificate: register the branch through the branch's own HTTPS client.
    const { postJson } = await import('../../apps/server/src/central/central-http');
    const registered = await postJson(`${central.url}/api/admin/branches`, { id: 'tls', name: 'TLS', region: 'riga' }, { token: ADMIN, ca: certificate.cert });
    expect(registered.status).toBe(201);
    const code = (registered.body as { enrolmentCode: string }).enrolmentCode;
    const branch = openDatabase(join(dir, 'tls.sqlite'));
    saveConfig(branch, config, 1);
    const caFile = join(dir, 'central-tls', 'tls', 'server.crt');
    const refused = await resolveCentralLink(branch, { RINDA_CENTRAL_URL: 'http://head-office.example', RINDA_CENTRAL_BRANCH_ID: 'tls', RINDA_CENTRAL_ENROLMENT_CODE: code, RINDA_CENTRAL_ALLOW_HTTP: '1' });
    expect(refused).toMatchObject({ ok: false, retry: false });
    const untrusted = await resolveCentralLink(branch, { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: 'tls', RINDA_CENTRAL_ENROLMENT_CODE: code });
    expect(untrusted.ok).toBe(false);
    const link = await resolveCentralLink(branch, { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: 'tls', RINDA_CENTRAL_ENROLMENT_CODE: code, RINDA_CENTRAL_CA: caFile });
    if (!link.ok || !link.link) throw new Error(`not linked: ${JSON.stringify(link)}`);
    const expected = asShipped(outboxRows(branch));
    const shipper = new OutboxShipper({ db: branch, link: link.link, logger: silent });
    while ((await shipper.shipOnce()) === 'shipped');
    expect(await atHeadOffice('tls')).toEqual(expected);
    branch.close();
    await central.close();
  });

  it('keeps the queue working while head office is down, and catches up when it is back', async () => {
    const port = await freePort();
    let central = await headOffice(port);
    const live = await startBranch({ limits: LOAD_TEST_LIMITS });
    const shipping = await startCentralShipping(live.ctx, { ...(await enrolledEnv(central, 'live')), RINDA_CENTRAL_BATCH: '20' }, silent);
    await central.close();
    const kiosk = await live.connect({ token: await live.deviceToken('kiosk') });
    for (let i = 0; i < 25; i++) {
      const ack = await live.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
      expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    }
    await until('the shipper notes head office is unreachable', () => live.ctx.db.prepare('SELECT last_error FROM central_link').pluck().get() !== null);
    const expected = asShipped(outboxRows(live.ctx.db));
    expect(expected.filter((r) => (r.body as { type?: string }).type === 'ticket.issued')).toHaveLength(25);
    central = await headOffice(port);
    await until('head office holds every record', async () => (await atHeadOffice('live')).length === expected.length);
    expect(await atHeadOffice('live')).toEqual(expected);
    shipping?.stop();
    await live.stop();
    await central.close();
  });

  it('after a week offline, the branch ships the whole week in order once head office is back', async () => {
    const port = await freePort();
    let central = await headOffice(port);
    const branch = openDatabase(join(dir, 'week.sqlite'));
    saveConfig(branch, config, 1);
    const link = await resolveCentralLink(branch, await enrolledEnv(central, 'week'));
    if (!link.ok || !link.link) throw new Error('not linked');
    await central.close();
    const shipper = new OutboxShipper({ db: branch, link: link.link, logger: silent, firstBackoffMs: 20, maxBackoffMs: 200, idlePollMs: 50 });
    shipper.start();
    const week = Array.from({ length: 7 }, (_, i) => addDays('2026-03-23', i));
    const writer = historyWriter(branch, config);
    // The week's events are committed one by one while every shipping attempt fails.
    for (const event of generateHistory(config, week, localAt, 11).events) writer.write([event]);
    const expected = asShipped(outboxRows(branch));
    expect(expected.length).toBeGreaterThan(1000);
    expect(shipper.storedThrough()).toBe(0);
    central = await headOffice(port);
    await until('head office holds the whole week', async () => (await atHeadOffice('week')).length === expected.length, 60_000);
    expect(await atHeadOffice('week')).toEqual(expected);
    shipper.stop();
    branch.close();
    await central.close();
  });
});

describe("the phone's events at head office (issue 19)", () => {
  it("ships a remote ticket, its \"I'm here\" and a step back, and head office's replica holds them as the branch does", async () => {
    const central = await headOffice(0);
    const branch = await startBranch({ config: { ...demoBranchConfig, remoteJoin: { ...demoBranchConfig.remoteJoin, proofOfWorkBits: 6 } } });
    try {
      const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
      const post = async (path: string, body: unknown): Promise<unknown> => (await branch.http(path, { method: 'POST', body })).json();
      const challenge = (await post('/api/join/challenge', {})) as JoinChallenge;
      const remote = (await post('/api/join/tickets', {
        requestId: newRequestId(), deviceId: 'phone-000000000001', serviceId: 'cash', language: 'en', priorityReasonId: null,
        challenge: challenge.challenge, nonce: solveProof(challenge.challenge, challenge.bits),
      })) as IssuedTicket;
      for (let i = 0; i < 4; i++) await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
      const phone = await branch.connect({ ticketId: remote.ticket.id });
      expect((await branch.request(phone, 'ticket:confirm', { requestId: newRequestId() })).ok).toBe(true);
      expect((await branch.request(phone, 'ticket:stepBack', { requestId: newRequestId() })).ok).toBe(true);

      const link = await resolveCentralLink(branch.ctx.db, await enrolledEnv(central, 'phone-events'));
      if (!link.ok || !link.link) throw new Error('not linked');
      const shipper = new OutboxShipper({ db: branch.ctx.db, link: link.link, logger: silent });
      while ((await shipper.shipOnce()) === 'shipped');
      const types = (await atHeadOffice('phone-events')).map((r) => (r.body as { type?: string }).type);
      expect(types).toEqual(expect.arrayContaining(['ticket.confirmed', 'ticket.steppedBack']));

      const replica = await central.replicas.current('phone-events');
      expect(replica.skipped).toBe(0);
      const columns = 'SELECT id, channel, confirmed_at, stepped_back_at, queue_key FROM tickets ORDER BY id';
      expect(branch.ctx.db.prepare('SELECT channel, confirmed_at IS NOT NULL AND stepped_back_at IS NOT NULL AS both FROM tickets WHERE id = ?').get(remote.ticket.id)).toEqual({ channel: 'remote', both: 1 });
      expect(replica.db.prepare(columns).all()).toEqual(branch.ctx.db.prepare(columns).all());
      const legs = 'SELECT ticket_id, leg, stepped_back FROM ticket_legs ORDER BY ticket_id, leg';
      expect(replica.db.prepare(legs).all()).toEqual(branch.ctx.db.prepare(legs).all());
    } finally {
      await branch.stop();
      await central.close();
    }
  });

  it('ships a rating given on the status page while head office is down once it is back, exactly once and without its comment', async () => {
    const port = await freePort();
    let central = await headOffice(port);
    const branch = await startBranch();
    const shipping = await startCentralShipping(branch.ctx, await enrolledEnv(central, 'rated-offline'), silent);
    try {
      await until('the branch is linked', () => branch.ctx.db.prepare('SELECT count(*) FROM central_link').pluck().get() === 1);
      await central.close();
      const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
      const teller = await branch.connect({ token: await branch.userToken('teller') });
      await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
      const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
      if (!issued.ok) throw new Error(issued.error.message);
      await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
      await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' });
      const rated = await branch.http(`/api/tickets/${issued.data.ticket.id}/rating`, { body: { score: 2, comment: 'Boris at counter 2 was rude' } });
      expect(rated.status).toBe(201);
      await until('the shipper notes head office is unreachable', () => branch.ctx.db.prepare('SELECT last_error FROM central_link').pluck().get() !== null);
      const expected = asShipped(outboxRows(branch.ctx.db));
      central = await headOffice(port);
      await until('head office holds every record', async () => (await atHeadOffice('rated-offline')).length === expected.length);
      const held = await atHeadOffice('rated-offline');
      expect(held).toEqual(expected);
      const ratedAt = branch.ctx.db.prepare('SELECT rated_at FROM ratings').pluck().get() as number;
      expect(held.filter((r) => r.kind === 'rating')).toEqual([{ seq: expect.any(Number), kind: 'rating', body: { ticketId: issued.data.ticket.id, score: 2, ratedAt } }]);
      const replica = await central.replicas.current('rated-offline');
      expect(replica.skipped).toBe(0);
      expect(replica.db.prepare('SELECT ticket_id, score, comment, rated_at FROM ratings').all()).toEqual([{ ticket_id: issued.data.ticket.id, score: 2, comment: null, rated_at: ratedAt }]);
    } finally {
      shipping?.stop();
      await branch.stop();
      await central.close();
    }
  });
});
