import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';

describe('a new business day on a running server', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it("shows staff connecting after dayStart no ticket left waiting yesterday, and today's once issued", async () => {
    // Riga is UTC+2 in March and the business day starts at 04:00 local (02:00 UTC).
    branch = await startBranch({ clock: 'manual', startAt: Date.parse('2026-03-10T22:00:00Z') });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    await branch.userToken('teller', 'anna');
    const issue = () => branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    const staffTickets = async () => {
      const socket = await branch.connect({ token: await branch.login('anna', 'secret') });
      return branch.snapshotOf(socket).tickets.map((t) => `${t.businessDay} ${t.displayNumber} ${t.state}`);
    };
    expect((await issue()).ok).toBe(true);
    expect(await staffTickets()).toEqual(['2026-03-10 A001 waiting']);

    branch.clock.set(Date.parse('2026-03-11T02:01:00Z'));
    // Still in memory (the rules drop it with the first ticket of the day), but never shown as waiting.
    expect(branch.ctx.state().tickets.size).toBe(1);
    expect(await staffTickets()).toEqual([]);
    expect((await issue()).ok).toBe(true);
    expect(await staffTickets()).toEqual(['2026-03-11 A001 waiting']);
  });
});
