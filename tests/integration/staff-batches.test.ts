import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBatch, newRequestId, type BatchedBroadcast, type BroadcastMessage, type CallView } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

const COUNTERS = ['c1', 'c2', 'c3'] as const;

describe('a burst of calls, over real sockets', () => {
  let branch: Branch;
  let kiosk: BranchSocket;
  let display: BranchSocket;
  let tellers: BranchSocket[];

  beforeEach(async () => {
    branch = await startBranch();
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    display = await branch.connect({ token: await branch.deviceToken('display') });
    tellers = [];
    for (const [i, counterId] of COUNTERS.entries()) {
      const teller = await branch.connect({ token: await branch.userToken('teller', `teller${i}`) });
      const signedIn = await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId });
      if (!signedIn.ok) throw new Error(signedIn.error.message);
      tellers.push(teller);
    }
    for (const _ of COUNTERS) {
      const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'lv' });
      if (!issued.ok) throw new Error(issued.error.message);
    }
  });
  afterEach(() => branch.stop());

  it('reaches each teller and each display as one batch of every call in sequence order, the displays without the tickets', async () => {
    // Every socket's calls from now on; earlier broadcasts (issues, sign-ins) are not what this test is about.
    const toTellers = tellers.map((teller) => {
      const got = { alone: [] as CallView[], batches: [] as BatchedBroadcast[][], calls: 0 };
      const allCalls = new Promise<void>((resolve) => {
        const count = (n: number) => (got.calls += n) >= COUNTERS.length && resolve();
        teller.on('ticket:called', (m) => {
          got.alone.push(m.call);
          count(1);
        });
        teller.on('batch', (m) => {
          const called = m.messages.filter((b) => b.event === 'ticket:called').length;
          if (called === 0) return;
          got.batches.push(m.messages);
          count(called);
        });
      });
      return { got, allCalls };
    });
    const onDisplay: { seq: number; callId: string; ticket: unknown }[] = [];
    const displayMessages: string[] = [];
    const allOnDisplay = new Promise<void>((resolve) => {
      const heard = (m: BroadcastMessage<'ticket:called'>) => onDisplay.push({ seq: m.seq, callId: m.call.callId, ticket: m.ticket }) >= COUNTERS.length && resolve();
      display.on('ticket:called', (m) => {
        displayMessages.push('ticket:called');
        heard(m);
      });
      display.on('batch', (m) => {
        displayMessages.push('batch');
        for (const b of m.messages) if (b.event === 'ticket:called') heard(b.payload);
      });
    });

    // Emitted back to back from one turn of this process: they reach the server together, as when
    // every teller presses "next" at the opening, and are committed as one group.
    const calls = await Promise.all(
      tellers.map((teller, i) => branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: COUNTERS[i]! })),
    );
    expect(calls.every((c) => c.ok)).toBe(true);
    await Promise.all([allOnDisplay, ...toTellers.map((t) => t.allCalls)]);

    // The displays got the burst's calls as one message, in sequence order, without the ticket (they keep none).
    expect(displayMessages).toEqual(['batch']);
    expect(onDisplay.map((m) => m.seq)).toEqual(onDisplay.map((m) => m.seq).sort((a, b) => a - b));
    expect(onDisplay.every((m) => m.ticket === undefined)).toBe(true);
    for (const [i, { got }] of toTellers.entries()) {
      expect(got.alone).toEqual([]);
      expect(got.batches).toHaveLength(1);
      const batch = got.batches[0]!;
      const seqs = batch.map((m) => m.payload.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const called = batch.flatMap((m) => (m.event === 'ticket:called' ? [m.payload] : []));
      expect(called.map((m) => m.call.counterId).sort()).toEqual([...COUNTERS]);
      // The same calls in the same order as on the displays, each with the ticket as the call left it.
      expect(called.map((m) => m.call.callId)).toEqual(onDisplay.map((m) => m.callId));
      expect(called.every((m) => m.ticket?.state === 'called' && m.ticket.id === m.call.ticketId)).toBe(true);
      // The shared reducer takes the batch into the teller's view: every call, newest first.
      const view = applyBatch(branch.snapshotOf(tellers[i]!), batch);
      expect(view.recentCalls.map((c) => c.counterId)).toEqual([...called].reverse().map((m) => m.call.counterId));
    }
  });
});
