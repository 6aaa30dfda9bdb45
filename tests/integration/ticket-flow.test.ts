import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoBranchConfig, newRequestId, type Ticket } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

describe('a ticket from kiosk to counter, over real sockets', () => {
  let branch: Branch;
  let kiosk: BranchSocket;
  let teller: BranchSocket;
  let display: BranchSocket;

  beforeEach(async () => {
    branch = await startBranch();
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    display = await branch.connect({ token: await branch.deviceToken('display') });
    teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
  });
  afterEach(() => branch.stop());

  it('issues, calls and finishes: the sender gets the ack and other clients the broadcasts', async () => {
    const issuedBroadcast = branch.nextEvent(teller, 'ticket:issued');
    const queueToKiosk = branch.nextEvent(kiosk, 'queue:changed', (m) => m.queues.some((q) => q.serviceId === 'cash' && q.waiting === 1));
    const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'lv' });
    if (!issued.ok) throw new Error(issued.error.message);
    const ticket: Ticket = issued.data.ticket;
    expect(ticket).toMatchObject({ displayNumber: 'A001', state: 'waiting', language: 'lv' });
    expect(issued.data.statusPath).toBe(`/t/${ticket.id}`);
    expect(issued.data.statusUrl).toBe(`${branch.url}/t/${ticket.id}`);
    expect(issued.data.print.status).toBe('by-device');
    expect((await issuedBroadcast).ticket.id).toBe(ticket.id);
    await queueToKiosk;

    const signedIn = await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
    expect(signedIn).toMatchObject({ ok: true, data: { counter: { counterId: 'c1', state: 'open', tellerName: 'anna' } } });

    const busyCountersOnDisplay: string[] = [];
    display.on('counter:updated', (m) => m.counter.activeTicketId && busyCountersOnDisplay.push(m.counter.activeTicketId));
    const callOnDisplay = branch.nextEvent(display, 'ticket:called');
    const callToTeller = branch.nextEvent(teller, 'ticket:called');
    const called = await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' });
    expect(called).toMatchObject({ ok: true, data: { ticket: { id: ticket.id, state: 'called', counterId: 'c1' } } });
    const onDisplay = await callOnDisplay;
    const { call, counter } = onDisplay;
    expect(call).toMatchObject({ ticketId: ticket.id, displayNumber: 'A001', counterNumber: 1, recall: false, language: 'lv' });
    // The call carries the counter it changed: one message per call to each display and member of staff.
    expect(counter).toMatchObject({ counterId: 'c1', activeTicketId: ticket.id, tellerName: 'anna' });
    // Displays keep no tickets: their copy leaves the ticket out; staff get it as the call left it.
    expect(onDisplay).not.toHaveProperty('ticket');
    const toTeller = await callToTeller;
    expect(toTeller.counter).toEqual(counter);
    expect(toTeller.call).toEqual(call);
    expect(toTeller.ticket).toMatchObject({ id: ticket.id, state: 'called', counterId: 'c1' });

    const freedOnDisplay = branch.nextEvent(display, 'counter:updated', (m) => m.counter.counterId === 'c1');
    const finishedBroadcast = branch.nextEvent(teller, 'ticket:updated', (m) => m.ticket.state === 'done');
    const finished = await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c1' });
    expect(finished).toMatchObject({ ok: true, data: { ticket: { id: ticket.id, state: 'done' } } });
    expect((await finishedBroadcast).ticket.id).toBe(ticket.id);
    expect((await freedOnDisplay).counter.activeTicketId).toBeNull();
    // Broadcasts arrive in order: had the call sent its own counter:updated, it would have come before this one.
    expect(busyCountersOnDisplay).toEqual([]);

    const rows = branch.ctx.db.prepare('SELECT type FROM ticket_events WHERE ticket_id = ? ORDER BY id').all(ticket.id);
    expect(rows.map((r) => (r as { type: string }).type)).toEqual(['issued', 'called', 'finished']);
    const leg = branch.ctx.db.prepare('SELECT outcome, first_called_at, counter_id FROM ticket_legs WHERE ticket_id = ?').get(ticket.id);
    expect(leg).toMatchObject({ outcome: 'done', counter_id: 'c1' });
  });

  it('sends each role its snapshot: tickets to staff only, calls not to kiosks', async () => {
    await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    const manager = await branch.connect({ token: await branch.userToken('manager', 'maria') });
    const lateKiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const lateDisplay = await branch.connect({ token: await branch.deviceToken('display') });
    expect(branch.snapshotOf(manager)).toMatchObject({ role: 'manager', me: { name: 'maria' } });
    expect(branch.snapshotOf(manager).tickets).toHaveLength(1);
    expect(branch.snapshotOf(manager).devices.map((d) => d.kind).sort()).toEqual(['display', 'kiosk']);
    expect(branch.snapshotOf(lateKiosk)).toMatchObject({ role: 'kiosk', tickets: [], counters: [], devices: [] });
    expect(branch.snapshotOf(lateKiosk).queues.find((q) => q.serviceId === 'cash')?.waiting).toBe(1);
    expect(branch.snapshotOf(lateDisplay).counters).toHaveLength(4);
    expect(branch.snapshotOf(lateDisplay).tickets).toEqual([]);
  });
});

describe('the ticket’s status address', () => {
  it('is built on the configured public address, keeping its path', async () => {
    const config = { ...demoBranchConfig, branch: { ...demoBranchConfig.branch, publicUrl: 'https://queue.example.lv/riga/' } };
    const branch = await startBranch({ config });
    try {
      const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
      const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
      if (!issued.ok) throw new Error(issued.error.message);
      expect(issued.data.statusUrl).toBe(`https://queue.example.lv/riga/t/${issued.data.ticket.id}`);
    } finally {
      await branch.stop();
    }
  });
});
