import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  arrivalCode,
  demoBranchConfig,
  meetsDifficulty,
  newRequestId,
  proofInput,
  type BranchConfig,
  type IssuedTicket,
  type JoinChallenge,
  type JoinOptions,
  type RemoteJoinSettings,
} from '@rinda/shared';
import { rowCounts } from './db-counts';
import { startFakeSmsGateway } from '../support/fake-sms-gateway';
import { httpFrom } from '../support/http-from';
import { solveProof } from '../support/solve-proof';
import { LOAD_TEST_LIMITS, startBranch, type Branch } from '../support/start-branch';

/** Low difficulty keeps the tests quick; the proof is checked exactly as with the default. */
const BITS = 6;
const withRemoteJoin = (change: Partial<RemoteJoinSettings> = {}): BranchConfig => ({
  ...demoBranchConfig,
  remoteJoin: { ...demoBranchConfig.remoteJoin, serviceIds: ['cash', 'accounts'], proofOfWorkBits: BITS, maxWaitingPerService: 5, ...change },
});


const deviceId = (n: number) => `phone-${String(n).padStart(12, '0')}`;

describe('remote join over HTTP', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  const from = (address: string, path: string, body?: unknown) => httpFrom(address, branch.url, path, body === undefined ? {} : { body });

  async function join(address: string, fields: { device?: string; serviceId?: string; requestId?: string; priorityReasonId?: string | null } = {}) {
    const challenge = (await from(address, '/api/join/challenge', {})).body as JoinChallenge;
    const body = {
      requestId: fields.requestId ?? newRequestId(),
      deviceId: fields.device ?? deviceId(1),
      serviceId: fields.serviceId ?? 'cash',
      language: 'lv',
      priorityReasonId: fields.priorityReasonId ?? null,
      challenge: challenge.challenge,
      nonce: solveProof(challenge.challenge, challenge.bits),
    };
    return { body, reply: await from(address, '/api/join/tickets', body) };
  }

  it('lists only the services open to remote join, with the difficulty of the proof', async () => {
    branch = await startBranch({ config: withRemoteJoin() });
    const options = (await (await branch.http('/api/join')).json()) as JoinOptions;
    expect(options.services.map((s) => s.id)).toEqual(['cash', 'accounts']);
    expect(options.services.every((s) => s.available)).toBe(true);
    expect(options.proofOfWorkBits).toBe(BITS);
    expect(options.priorityReasons.map((r) => r.id).sort()).toEqual(['disability', 'pregnancy', 'senior']);
  });

  it('numbers a remote ticket in the kiosk sequence, tells staff at once, and its status page follows it', async () => {
    branch = await startBranch({ config: withRemoteJoin() });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    const first = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    const heard = branch.nextEvent(teller, 'ticket:issued', (m) => m.ticket.channel === 'remote');
    const { reply } = await join('127.0.0.2');
    expect(reply.status).toBe(201);
    const issued = reply.body as IssuedTicket;
    expect(first.ok && issued.ticket.number === first.data.ticket.number + 1).toBe(true);
    expect(issued).toMatchObject({ ticket: { displayNumber: 'A002', channel: 'remote', confirmedAt: null, language: 'lv' }, peopleAhead: 1 });
    expect(issued.statusPath).toBe(`/t/${issued.ticket.id}`);
    expect((await heard).ticket.id).toBe(issued.ticket.id);
    const status = await (await branch.http(issued.statusPath.replace('/t/', '/api/tickets/') + '/status')).json();
    expect(status).toMatchObject({ ticket: { id: issued.ticket.id, channel: 'remote' }, peopleAhead: 1 });
  });

  it("confirms \"I'm here\" from the ticket's own status page once; a kiosk ticket's page cannot", async () => {
    branch = await startBranch({ config: withRemoteJoin() });
    const issued = (await join('127.0.0.2')).reply.body as IssuedTicket;
    const phone = await branch.connect({ ticketId: issued.ticket.id });
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    const updated = branch.nextEvent(teller, 'ticket:updated', (m) => m.ticket.id === issued.ticket.id);
    const confirmed = await branch.request(phone, 'ticket:confirm', { requestId: newRequestId() });
    expect(confirmed).toMatchObject({ ok: true, data: { ticket: { id: issued.ticket.id, confirmedAt: expect.any(Number) } } });
    expect((await updated).ticket.confirmedAt).not.toBeNull();
    expect(await branch.request(phone, 'ticket:confirm', { requestId: newRequestId() })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const kioskTicket = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    if (!kioskTicket.ok) throw new Error('kiosk refused');
    const kioskPhone = await branch.connect({ ticketId: kioskTicket.data.ticket.id });
    expect(await branch.request(kioskPhone, 'ticket:confirm', { requestId: newRequestId() })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const row = branch.ctx.db.prepare('SELECT channel, confirmed_at FROM tickets WHERE id = ?').get(issued.ticket.id) as { channel: string; confirmed_at: number };
    expect(row).toEqual({ channel: 'remote', confirmed_at: expect.any(Number) });
  });

  it("checks a remote ticket in at the kiosk by its scanned status address or its arrival code: confirmed, so its call waits for it", async () => {
    branch = await startBranch({ config: withRemoteJoin() });
    const scanned = (await join('127.0.0.2', { device: deviceId(1) })).reply.body as IssuedTicket;
    const typed = (await join('127.0.0.3', { device: deviceId(2) })).reply.body as IssuedTicket;
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    const told = branch.nextEvent(teller, 'ticket:updated', (m) => m.ticket.id === scanned.ticket.id);

    const byScan = await branch.request(kiosk, 'ticket:checkIn', { requestId: newRequestId(), code: `${branch.url}${scanned.statusPath}` });
    expect(byScan).toMatchObject({ ok: true, data: { ticket: { id: scanned.ticket.id, confirmedAt: expect.any(Number) } } });
    expect((await told).ticket.confirmedAt).not.toBeNull();
    const byCode = await branch.request(kiosk, 'ticket:checkIn', { requestId: newRequestId(), code: arrivalCode(typed.ticket.id) });
    expect(byCode).toMatchObject({ ok: true, data: { ticket: { id: typed.ticket.id, confirmedAt: expect.any(Number) } } });

    // Confirmed: the call owes the recalls of the no-show rules, so the counter's next call does not pass it by.
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    expect(await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' })).toMatchObject({ ok: true, data: { ticket: { id: scanned.ticket.id } } });
    expect((await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(false);
    const state = branch.ctx.db.prepare('SELECT state, confirmed_at AS confirmedAt FROM tickets WHERE id = ?').get(scanned.ticket.id);
    expect(state).toEqual({ state: 'called', confirmedAt: expect.any(Number) });
  });

  it('refuses a check-in at the kiosk for a wrong code, a kiosk ticket, a second time or from a phone, and changes nothing', async () => {
    branch = await startBranch({ config: withRemoteJoin() });
    const issued = (await join('127.0.0.2')).reply.body as IssuedTicket;
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const paper = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    if (!paper.ok) throw new Error(paper.error.message);
    const before = rowCounts(branch);
    const wrong = arrivalCode(issued.ticket.id) === '000000' ? '000001' : '000000';
    const checkIn = (code: unknown) => branch.request(kiosk, 'ticket:checkIn', { requestId: newRequestId(), code } as { requestId: string; code: string });
    expect(await checkIn(wrong)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await checkIn(`${branch.url}/t/forged-ticket-id-000`)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await checkIn(`${branch.url}${paper.data.statusPath}`)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await checkIn('x'.repeat(301))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await checkIn(42)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(rowCounts(branch)).toEqual(before);
    expect(branch.ctx.db.prepare('SELECT confirmed_at FROM tickets WHERE id = ?').pluck().get(issued.ticket.id)).toBeNull();

    const phone = await branch.connect({ ticketId: issued.ticket.id });
    expect(await branch.request(phone, 'ticket:checkIn', { requestId: newRequestId(), code: arrivalCode(issued.ticket.id) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await checkIn(arrivalCode(issued.ticket.id))).ok).toBe(true);
    // A second check-in finds the ticket and is told it is already confirmed (the kiosk says it needs nothing more).
    expect(await checkIn(arrivalCode(issued.ticket.id))).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('marks an unconfirmed remote ticket no-show at the next call, without recalls, and the restart keeps it remote', async () => {
    branch = await startBranch({ config: withRemoteJoin() });
    const issued = (await join('127.0.0.2')).reply.body as IssuedTicket;
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    await branch.restart();
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    const called = await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    expect(called).toMatchObject({ ok: true, data: { ticket: { id: issued.ticket.id, channel: 'remote' } } });
    const next = await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    expect(next.ok).toBe(true);
    const row = branch.ctx.db.prepare('SELECT state FROM tickets WHERE id = ?').get(issued.ticket.id) as { state: string };
    expect(row.state).toBe('no_show');
  });

  it("closes a remote ticket left waiting when its business day ended (dayEnded, not a no-show) and erases its SMS number", async () => {
    const gateway = await startFakeSmsGateway();
    try {
      // 12:00 in Riga (UTC+2 in March), well before the cut-off; the next business day starts at 04:00 local.
      branch = await startBranch({ config: withRemoteJoin(), clock: 'manual', startAt: Date.parse('2026-03-10T10:00:00Z'), sms: { url: gateway.url, secret: gateway.secret } });
      const issued = (await join('127.0.0.2')).reply.body as IssuedTicket;
      const id = issued.ticket.id;
      expect((await branch.http(`/api/tickets/${id}/contact`, { method: 'PUT', body: { phone: '+37120000123' } })).status).toBe(200);
      const contacts = () => branch.ctx.db.prepare('SELECT count(*) AS n FROM ticket_contacts WHERE ticket_id = ?').pluck().get(id);
      expect(contacts()).toBe(1);

      branch.clock.set(Date.parse('2026-03-11T03:00:00Z'));
      await branch.restart();
      await expect.poll(() => (branch.ctx.db.prepare('SELECT state FROM tickets WHERE id = ?').pluck().get(id))).toBe('cancelled');
      const last = branch.ctx.db.prepare('SELECT data FROM ticket_events WHERE ticket_id = ? ORDER BY id DESC LIMIT 1').pluck().get(id) as string;
      expect(JSON.parse(last)).toMatchObject({ type: 'ticket.cancelled', reason: 'dayEnded', at: Date.parse('2026-03-11T02:00:00Z') });
      expect(contacts()).toBe(0);
      expect(branch.ctx.db.prepare("SELECT channel FROM tickets WHERE id = ?").pluck().get(id)).toBe('remote');
    } finally {
      await gateway.close();
    }
  });

  it('answers a retry of the same request with the same ticket, counted once', async () => {
    branch = await startBranch({ config: withRemoteJoin({ perDevicePerDay: 1 }) });
    const { body, reply } = await join('127.0.0.2');
    const again = await from('127.0.0.2', '/api/join/tickets', body);
    expect(again.status).toBe(201);
    expect((again.body as IssuedTicket).ticket.id).toBe((reply.body as IssuedTicket).ticket.id);
    expect(rowCounts(branch).tickets).toBe(1);
  });

  it('refuses a wrong, forged, reused or expired proof of work, and issues nothing', async () => {
    branch = await startBranch({ config: withRemoteJoin(), clock: 'manual' });
    const challenge = (await from('127.0.0.2', '/api/join/challenge', {})).body as JoinChallenge;
    const base = { requestId: newRequestId(), deviceId: deviceId(1), serviceId: 'cash', language: 'en', challenge: challenge.challenge };
    let wrong = 0;
    while (meetsDifficulty(createHash('sha256').update(proofInput(challenge.challenge, String(wrong))).digest(), BITS)) wrong++;
    const unsolved = await from('127.0.0.2', '/api/join/tickets', { ...base, nonce: String(wrong) });
    expect(unsolved).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not solved/) } } });
    const [expires, bits, rand] = challenge.challenge.split('.');
    const forged = `${expires}.${bits}.${rand}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    const forgedReply = await from('127.0.0.2', '/api/join/tickets', { ...base, challenge: forged, nonce: solveProof(forged, BITS) });
    expect(forgedReply).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/not one this branch gave/) } } });

    const nonce = solveProof(challenge.challenge, BITS);
    expect((await from('127.0.0.2', '/api/join/tickets', { ...base, nonce })).status).toBe(201);
    const reused = await from('127.0.0.2', '/api/join/tickets', { ...base, requestId: newRequestId(), deviceId: deviceId(2), nonce });
    expect(reused).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/already used/) } } });

    const late = (await from('127.0.0.2', '/api/join/challenge', {})).body as JoinChallenge;
    branch.clock.advance(5 * 60_000 + 1);
    const expired = await from('127.0.0.2', '/api/join/tickets', { ...base, requestId: newRequestId(), deviceId: deviceId(3), challenge: late.challenge, nonce: solveProof(late.challenge, BITS) });
    expect(expired).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/expired/) } } });
    expect(rowCounts(branch).tickets).toBe(1);
  });

  it('limits tickets per phone and per network address, with when to try again', async () => {
    branch = await startBranch({ config: withRemoteJoin({ perDevicePerDay: 2, perAddressPerHour: 3 }), limits: { ...LOAD_TEST_LIMITS, phoneRequests: { burst: 1e9, perSecond: 1e9 } } });
    expect((await join('127.0.0.2', { device: deviceId(1) })).reply.status).toBe(201);
    expect((await join('127.0.0.2', { device: deviceId(1) })).reply.status).toBe(201);
    const third = (await join('127.0.0.3', { device: deviceId(1) })).reply;
    expect(third).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', message: expect.stringMatching(/this phone/), retryAfterMs: expect.any(Number) } } });
    expect((await join('127.0.0.2', { device: deviceId(2) })).reply.status).toBe(201);
    const fourth = (await join('127.0.0.2', { device: deviceId(3) })).reply;
    expect(fourth).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', message: expect.stringMatching(/this network/) } } });
    expect(rowCounts(branch).tickets).toBe(3);
  });

  it('refuses a flood of requests from one address before any work is done', async () => {
    branch = await startBranch({ config: withRemoteJoin(), limits: { ...LOAD_TEST_LIMITS, phoneRequests: { burst: 3, perSecond: 0.001 } } });
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await from('127.0.0.2', '/api/join/challenge', {}));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    // Another address is not held back by it.
    expect((await from('127.0.0.3', '/api/join/challenge', {})).status).toBe(200);
  });

  it("refuses what the branch's settings forbid: a service not offered, more remote tickets waiting than allowed", async () => {
    branch = await startBranch({ config: withRemoteJoin({ maxWaitingPerService: 1 }), limits: { ...LOAD_TEST_LIMITS, phoneRequests: { burst: 1e9, perSecond: 1e9 } } });
    const loans = (await join('127.0.0.2', { serviceId: 'loans' })).reply;
    expect(loans).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await join('127.0.0.2', { device: deviceId(2) })).reply.status).toBe(201);
    const full = (await join('127.0.0.2', { device: deviceId(3) })).reply;
    expect(full).toMatchObject({ body: { error: { code: 'SERVICE_CLOSED' } } });
    const options = (await (await branch.http('/api/join')).json()) as JoinOptions;
    expect(options.services.find((s) => s.id === 'cash')?.available).toBe(false);
    expect(rowCounts(branch).tickets).toBe(1);
  });

  it('refuses a malformed body with the field named, and changes nothing', async () => {
    branch = await startBranch({ config: withRemoteJoin() });
    const reply = await from('127.0.0.2', '/api/join/tickets', { requestId: newRequestId(), deviceId: 'short', serviceId: 'cash', language: 'xx', challenge: 'c', nonce: '1', extra: 1 });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', message: expect.stringMatching(/deviceId/) } } });
    expect(rowCounts(branch).tickets).toBe(0);
  });
});
