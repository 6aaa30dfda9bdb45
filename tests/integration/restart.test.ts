import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId, type BranchSnapshot } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

/** What must survive a restart; epoch, seq and serverTime describe the process, not the branch. */
function branchState(s: BranchSnapshot) {
  return { queues: s.queues, counters: s.counters, tickets: byId(s.tickets), recentCalls: s.recentCalls, config: s.config };
}

describe('restart on the same database file', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it('comes back with the same tickets, counters, queues, calls and numbering', async () => {
    branch = await startBranch({ clock: 'manual', startAt: Date.parse('2026-03-10T09:00:00Z') });
    const kioskToken = await branch.deviceToken('kiosk');
    const tellerToken = await branch.userToken('teller', 'anna');
    const kiosk = await branch.connect({ token: kioskToken });
    const teller = await branch.connect({ token: tellerToken });
    const issue = (serviceId: string) => branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId, language: 'en' });
    for (const service of ['cash', 'cash', 'accounts', 'cash', 'cash']) {
      expect((await issue(service)).ok).toBe(true);
      branch.clock.advance(30_000);
    }
    // What counters were held for feeds wait estimates: one finished from the call (never started), one after a start.
    const boris = await branch.connect({ token: await branch.userToken('teller', 'boris') });
    await branch.request(boris, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    await branch.request(boris, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    branch.clock.advance(45_000);
    await branch.request(boris, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' });
    await branch.request(teller, 'ticket:start', { requestId: newRequestId(), counterId: 'c1' });
    branch.clock.advance(120_000);
    await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c1' });
    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' });
    await branch.request(teller, 'ticket:noShow', { requestId: newRequestId(), counterId: 'c1' });
    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' });
    const synced = await branch.request(teller, 'sync:request', { requestId: newRequestId() });
    if (!synced.ok) throw new Error(synced.error.message);
    const stateBefore = branch.ctx.state();

    await branch.restart();
    const teller2 = await branch.connect({ token: tellerToken });
    const after = branch.snapshotOf(teller2);
    expect(branchState(after)).toEqual(branchState(synced.data));
    // One waiting, one called, one recent no-show; four calls: the restart has something to lose.
    expect(synced.data.tickets.map((t) => t.state).sort()).toEqual(['called', 'no_show', 'waiting']);
    expect(synced.data.recentCalls).toHaveLength(4);
    // Cash held 45 s and 120 s; the accounts no-show was let go at once; all called in the 11:00 hour in Riga.
    expect(stateBefore.waitHistory.occupancySec).toEqual({ cash: { 11: [45, 120] }, accounts: { 11: [0] } });
    expect(byId(branch.ctx.state().tickets.values())).toEqual(byId(stateBefore.tickets.values()));
    expect(branch.ctx.state().counters).toEqual(stateBefore.counters);
    expect(branch.ctx.state().lastNumbers).toEqual(stateBefore.lastNumbers);
    expect(branch.ctx.state().waitHistory).toEqual(stateBefore.waitHistory);

    // Numbering continues where it stopped, and the counter is still this teller's.
    const kiosk2 = await branch.connect({ token: kioskToken });
    const next = await branch.request(kiosk2, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect(next.ok && next.data.ticket.displayNumber).toBe('A005');
    const finish = await branch.request(teller2, 'ticket:finish', { requestId: newRequestId(), counterId: 'c1' });
    expect(finish.ok).toBe(true);
  });

  it('lets a client that stayed connected reconnect and get a fresh snapshot', async () => {
    branch = await startBranch();
    const kioskToken = await branch.deviceToken('kiosk');
    const display = await branch.connect({ token: await branch.deviceToken('display') }, { reconnect: true });
    const firstEpoch = branch.snapshotOf(display).epoch;
    const kiosk = await branch.connect({ token: kioskToken });
    await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    const resnapshot = branch.nextEvent(display, 'snapshot', undefined, 10_000);
    await branch.restart();
    const fresh = await resnapshot;
    expect(fresh.epoch).not.toBe(firstEpoch);
    expect(fresh.queues.find((q) => q.serviceId === 'cash')?.waiting).toBe(1);
  });

  it("does not bring back tickets left waiting on an earlier business day (it closes them), but keeps an active one", async () => {
    // Riga is UTC+2 in March and the business day starts at 04:00 local (02:00 UTC).
    branch = await startBranch({ clock: 'manual', startAt: Date.parse('2026-03-10T22:00:00Z') });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    await branch.userToken('teller', 'anna');
    const teller = await branch.connect({ token: await branch.login('anna', 'secret') });
    const issue = () => branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect((await issue()).ok).toBe(true);
    branch.clock.advance(60_000);
    expect((await issue()).ok).toBe(true);
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
    const called = await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' });
    if (!called.ok) throw new Error(called.error.message);
    const staffTickets = async () => {
      const socket = await branch.connect({ token: await branch.login('anna', 'secret') });
      return branch.snapshotOf(socket).tickets.map((t) => `${t.displayNumber} ${t.state}`).sort();
    };

    branch.clock.set(Date.parse('2026-03-11T01:59:00Z'));
    await branch.restart();
    expect(await staffTickets()).toEqual(['A001 called', 'A002 waiting']);

    branch.clock.set(Date.parse('2026-03-11T02:01:00Z'));
    await branch.restart();
    expect(await staffTickets()).toEqual(['A001 called']);
    // Closed by the day boundary at start-up, as of its day's end: reports count it as left unserved on its day.
    await expect
      .poll(() => branch.ctx.db.prepare("SELECT state, business_day, ended_at FROM tickets WHERE display_number = 'A002'").get())
      .toEqual({ state: 'cancelled', business_day: '2026-03-10', ended_at: Date.parse('2026-03-11T02:00:00Z') });
  });
});
