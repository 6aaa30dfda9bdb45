import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { rowCounts } from './db-counts';

describe('requestId: a replay is applied once', () => {
  let branch: Branch;
  let kiosk: BranchSocket;
  beforeEach(async () => {
    branch = await startBranch();
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  });
  afterEach(() => branch.stop());

  it('returns the first ack to a replayed ticket:issue and issues one ticket', async () => {
    const payload = { requestId: newRequestId(), serviceId: 'cash', language: 'en' } as const;
    const first = await branch.request(kiosk, 'ticket:issue', payload);
    const counts = rowCounts(branch);
    const replay = await branch.request(kiosk, 'ticket:issue', payload);
    expect(replay).toEqual(first);
    expect(rowCounts(branch)).toEqual(counts);
    expect(counts.tickets).toBe(1);
  });

  it('applies a request sent several times at once exactly once', async () => {
    const payload = { requestId: newRequestId(), serviceId: 'cash', language: 'en' } as const;
    const acks = await Promise.all([1, 2, 3, 4, 5].map(() => branch.request(kiosk, 'ticket:issue', payload)));
    expect(new Set(acks.map((a) => (a.ok ? a.data.ticket.id : a.error.code))).size).toBe(1);
    expect(rowCounts(branch).tickets).toBe(1);
  });

  it('refuses the same requestId with another payload as CONFLICT, changing nothing', async () => {
    const requestId = newRequestId();
    await branch.request(kiosk, 'ticket:issue', { requestId, serviceId: 'cash', language: 'en' });
    const counts = rowCounts(branch);
    const other = await branch.request(kiosk, 'ticket:issue', { requestId, serviceId: 'accounts', language: 'en' });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(rowCounts(branch)).toEqual(counts);
  });

  it('keys requestIds per actor: two kiosks using the same id get two tickets', async () => {
    const other = await branch.connect({ token: branch.enrolDevice('kiosk', 'Second kiosk').token });
    const requestId = newRequestId();
    const a = await branch.request(kiosk, 'ticket:issue', { requestId, serviceId: 'cash', language: 'en' });
    const b = await branch.request(other, 'ticket:issue', { requestId, serviceId: 'cash', language: 'en' });
    expect(a.ok && b.ok && a.data.ticket.id !== b.data.ticket.id).toBe(true);
  });

  it('calls once for a replayed ticket:callNext, across a restart', async () => {
    await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    const token = await branch.userToken('teller', 'anna');
    const teller = await branch.connect({ token });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
    const call = { requestId: newRequestId(), counterId: 'c1' };
    const first = await branch.request(teller, 'ticket:callNext', call);
    await branch.restart();
    const again = await branch.connect({ token });
    const replay = await branch.request(again, 'ticket:callNext', call);
    expect(replay).toEqual(first);
    const calls = branch.ctx.db.prepare("SELECT COUNT(*) AS n FROM ticket_events WHERE type = 'called'").get() as { n: number };
    expect(calls.n).toBe(1);
  });

  it('does not store refusals: a retry after the cause is gone can succeed', async () => {
    const teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
    const call = { requestId: newRequestId(), counterId: 'c1' };
    expect(await branch.request(teller, 'ticket:callNext', call)).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect(await branch.request(teller, 'ticket:callNext', call)).toMatchObject({ ok: true });
  });
});
