import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRequestId, type Result } from '@rinda/shared';
import { LOAD_TEST_LIMITS, startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { activityViolations, issuedByRequest } from './support/invariants';

const count = (branch: Branch, sql: string) => (branch.ctx.db.prepare(sql).get() as { n: number }).n;

/** Sends and drops the ack: the socket closes before the answer can arrive, as on a flaky link. */
async function sendAndLoseAck(branch: Branch, token: string, name: string, payload: Record<string, unknown>): Promise<void> {
  const socket = await branch.connect({ token });
  (socket as unknown as { emit(n: string, p: unknown, ack: () => void): void }).emit(name, payload, () => {});
  socket.disconnect();
}

describe('dropped acknowledgements with client retries', () => {
  let branch: Branch;
  beforeEach(async () => {
    branch = await startBranch({ limits: LOAD_TEST_LIMITS });
  });
  afterEach(() => branch.stop());

  it('issues exactly one ticket per requestId however often and however the ack is lost', async () => {
    const { id: kioskId, token } = branch.enrolDevice('kiosk', 'Hall kiosk');
    const requests = Array.from({ length: 20 }, () => ({ requestId: newRequestId(), serviceId: 'cash', language: 'en' as const }));
    // First attempts: every ack lost in transit.
    for (const payload of requests) await sendAndLoseAck(branch, token, 'ticket:issue', payload);
    // Retries: some concurrent on two sockets, then once more after a server restart.
    const a = await branch.connect({ token });
    const b = await branch.connect({ token });
    const concurrent = await Promise.all(requests.flatMap((p) => [branch.request(a, 'ticket:issue', p), branch.request(b, 'ticket:issue', p)]));
    await branch.restart();
    const c = await branch.connect({ token });
    const afterRestart = await Promise.all(requests.map((p) => branch.request(c, 'ticket:issue', p)));

    const ticketOf = (r: Result<{ ticket: { id: string } }>) => (r.ok ? r.data.ticket.id : `refused ${r.error.code}`);
    requests.forEach((_p, i) => {
      const first = ticketOf(afterRestart[i]!);
      expect(first).not.toMatch(/^refused/);
      expect(ticketOf(concurrent[2 * i]!)).toBe(first);
      expect(ticketOf(concurrent[2 * i + 1]!)).toBe(first);
    });
    expect(count(branch, 'SELECT COUNT(*) AS n FROM tickets')).toBe(20);
    expect(count(branch, "SELECT COUNT(*) AS n FROM ticket_events WHERE type = 'issued'")).toBe(20);
    const stored = issuedByRequest(branch.ctx.db);
    for (const p of requests) expect(stored.get(`device:${kioskId}\n${p.requestId}`)).toBe(ticketOf(afterRestart[requests.indexOf(p)]!));
  });

  it('applies a teller’s call, start and finish once each, whichever tab retries', async () => {
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    for (let i = 0; i < 4; i++) await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    const token = await branch.userToken('teller', 'anna');
    const signIn = { requestId: newRequestId(), counterId: 'c1' };
    await sendAndLoseAck(branch, token, 'counter:signIn', signIn);
    const tab1 = await branch.connect({ token });
    const tab2 = await branch.connect({ token });
    expect((await branch.request(tab2, 'counter:signIn', signIn)).ok).toBe(true);

    for (let round = 0; round < 4; round++) {
      for (const name of ['ticket:callNext', 'ticket:start', 'ticket:finish'] as const) {
        const payload = { requestId: newRequestId(), counterId: 'c1' };
        await sendAndLoseAck(branch, token, name, payload);
        const [x, y] = await Promise.all([branch.request(tab1, name, payload), branch.request(tab2, name, payload)]);
        expect(x).toEqual(y);
        expect(x.ok).toBe(true);
      }
    }
    expect(count(branch, "SELECT COUNT(*) AS n FROM ticket_events WHERE type = 'called'")).toBe(4);
    expect(count(branch, "SELECT COUNT(*) AS n FROM ticket_events WHERE type = 'service_started'")).toBe(4);
    expect(count(branch, "SELECT COUNT(*) AS n FROM ticket_events WHERE type = 'finished'")).toBe(4);
    expect(count(branch, "SELECT COUNT(*) AS n FROM counter_events WHERE type = 'signed_in'")).toBe(1);
    expect(activityViolations(branch.ctx.db)).toEqual([]);
  });

  it('refuses a requestId reused for another request with CONFLICT and changes nothing', async () => {
    const kiosk: BranchSocket = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const requestId = newRequestId();
    expect((await branch.request(kiosk, 'ticket:issue', { requestId, serviceId: 'cash', language: 'en' })).ok).toBe(true);
    const reused = await branch.request(kiosk, 'ticket:issue', { requestId, serviceId: 'accounts', language: 'en' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(count(branch, 'SELECT COUNT(*) AS n FROM tickets')).toBe(1);
  });
});
