import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';

describe("a staff member's snapshot", () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it('lists the waiting tickets in call order, then the others newest first (the rules hold tickets in no order)', async () => {
    // A weekday morning in Riga, inside the demo branch's opening hours.
    branch = await startBranch({ clock: 'manual', startAt: Date.parse('2026-11-25T08:00:00Z') });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const anna = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    const ben = await branch.connect({ token: await branch.userToken('teller', 'ben') });
    for (let i = 0; i < 4; i++) {
      expect((await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' })).ok).toBe(true);
      branch.clock.advance(60_000);
    }
    for (const [teller, counterId] of [[anna, 'c1'], [ben, 'c2']] as const) {
      expect((await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId })).ok).toBe(true);
      expect((await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId })).ok).toBe(true);
    }

    const manager = await branch.connect({ token: await branch.userToken('manager', 'mara') });
    expect(branch.snapshotOf(manager).tickets.map((t) => `${t.displayNumber} ${t.state}`)).toEqual([
      'A003 waiting',
      'A004 waiting',
      'A002 called',
      'A001 called',
    ]);
  });
});
