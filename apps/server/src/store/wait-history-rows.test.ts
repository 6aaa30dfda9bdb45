import { newRequestId } from '@rinda/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';
import { loadWaitHistory } from './wait-history-rows';

const START = Date.parse('2026-03-10T09:00:00Z');

describe('the wait history rebuilt at start', () => {
  let branch: Branch | undefined;
  afterEach(async () => branch?.stop());

  // A manual clock (or a fast teller) puts a call, a no-show, a pause and a resume in one millisecond: by time
  // alone the resume would seem to come first and the call's turnaround would read 0 s, not the 1 ms memory saw.
  it('replays counter and ticket events of one millisecond in the order they were committed', async () => {
    branch = await startBranch({ clock: 'manual', startAt: START, features: [] });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    const send = branch.request.bind(branch);
    expect((await send(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' })).ok).toBe(true);
    expect((await send(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en', priorityReasonId: null })).ok).toBe(true);
    branch.clock.advance(1);
    expect((await send(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' })).ok).toBe(true);
    expect((await send(teller, 'ticket:noShow', { requestId: newRequestId(), counterId: 'c1' })).ok).toBe(true);
    expect((await send(teller, 'counter:pause', { requestId: newRequestId(), counterId: 'c1', reasonId: 'break' })).ok).toBe(true);
    expect((await send(teller, 'counter:resume', { requestId: newRequestId(), counterId: 'c1' })).ok).toBe(true);

    const memory = branch.ctx.state().waitHistory;
    expect(memory.gapSec.at(-1)).toBe(0.001);
    expect(loadWaitHistory(branch.ctx.db, branch.ctx.config(), branch.clock.now())).toEqual(memory);
  });
});
