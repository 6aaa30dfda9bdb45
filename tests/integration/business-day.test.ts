import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId, type TicketStatusView } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

// Riga is UTC+2 in March and the business day starts at 04:00 local (02:00 UTC).
const EVENING = Date.parse('2026-03-10T18:00:00Z');
const DAY_START = Date.parse('2026-03-11T02:00:00Z');

describe('a new business day on a running server', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  const issue = (kiosk: BranchSocket) => branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
  const statusOf = async (ticketId: string) => ((await (await branch.http(`/api/tickets/${ticketId}/status`)).json()) as TicketStatusView).ticket.state;
  const staffTickets = async (username: string) => {
    const socket = await branch.connect({ token: await branch.login(username, 'secret') });
    return branch.snapshotOf(socket).tickets.map((t) => `${t.businessDay} ${t.displayNumber} ${t.state}`);
  };

  it("shows staff connecting after dayStart no ticket left waiting yesterday, and today's once issued", async () => {
    branch = await startBranch({ clock: 'manual', startAt: Date.parse('2026-03-10T22:00:00Z') });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    await branch.userToken('teller', 'anna');
    expect((await issue(kiosk)).ok).toBe(true);
    expect(await staffTickets('anna')).toEqual(['2026-03-10 A001 waiting']);

    branch.clock.set(DAY_START + 60_000);
    expect(await staffTickets('anna')).toEqual([]);
    expect((await issue(kiosk)).ok).toBe(true);
    expect(await staffTickets('anna')).toEqual(['2026-03-11 A001 waiting']);
  });

  it("lets staff cancel a ticket still waiting from yesterday after today's first ticket, and its status page says so", async () => {
    branch = await startBranch({ clock: 'manual', startAt: EVENING });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    const late = await issue(kiosk);
    if (!late.ok) throw new Error(late.error.message);
    const statusPage = await branch.connect({ ticketId: late.data.ticket.id });

    branch.clock.set(DAY_START + 3 * 3600_000);
    expect((await issue(kiosk)).ok).toBe(true);
    const told = branch.nextEvent(statusPage, 'ticket:updated', (m) => m.ticket.state === 'cancelled');
    const cancelled = await branch.request(teller, 'ticket:cancel', { requestId: newRequestId(), ticketId: late.data.ticket.id });
    expect(cancelled).toMatchObject({ ok: true, data: { ticket: { displayNumber: 'A001', businessDay: '2026-03-10', state: 'cancelled' } } });
    expect((await told).ticket.id).toBe(late.data.ticket.id);
    expect(await statusOf(late.data.ticket.id)).toBe('cancelled');
    // Cancelled by a teller, not by the day boundary: its page says cancelled.
    expect(((await (await branch.http(`/api/tickets/${late.data.ticket.id}/status`)).json()) as TicketStatusView).closedAtDayEnd).toBe(false);
  });

  it('closes at start-up the tickets left waiting from an earlier day, as of that day end; a later cancel is told so, not NOT_FOUND', async () => {
    branch = await startBranch({ clock: 'manual', startAt: EVENING });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    await branch.userToken('teller', 'anna');
    const late = await issue(kiosk);
    if (!late.ok) throw new Error(late.error.message);
    const id = late.data.ticket.id;

    branch.clock.set(DAY_START + 5 * 3600_000);
    await branch.restart();
    await expect.poll(() => statusOf(id)).toBe('cancelled');
    const status = (await (await branch.http(`/api/tickets/${id}/status`)).json()) as TicketStatusView;
    expect(status.ticket.endedAt).toBe(DAY_START);
    // Its status page is told it was closed at the end of the day, not cancelled by someone.
    expect(status.closedAtDayEnd).toBe(true);
    const event = branch.ctx.db.prepare(`SELECT type, at, teller_id AS tellerId, data FROM ticket_events WHERE ticket_id = ? ORDER BY id DESC LIMIT 1`).get(id) as {
      type: string;
      at: number;
      tellerId: string | null;
      data: string;
    };
    expect(event).toMatchObject({ type: 'cancelled', at: DAY_START, tellerId: null });
    expect(JSON.parse(event.data)).toMatchObject({ reason: 'dayEnded', byUserId: null });

    const teller = await branch.connect({ token: await branch.login('anna', 'secret') });
    const again = await branch.request(teller, 'ticket:cancel', { requestId: newRequestId(), ticketId: id });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(again.ok ? '' : again.error.message).toContain('still waiting when its business day (2026-03-10) ended');
  });

  it('lets another counter call a customer called before the day start and transferred after it', async () => {
    branch = await startBranch({ clock: 'manual', startAt: DAY_START - 10 * 60_000 }); // 03:50 Riga: still 2026-03-10
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const annaToken = await branch.userToken('teller', 'anna');
    const anna = await branch.connect({ token: annaToken });
    const juris = await branch.connect({ token: await branch.userToken('teller', 'juris') });
    expect((await branch.request(anna, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
    expect((await branch.request(juris, 'counter:signIn', { requestId: newRequestId(), counterId: 'c4' })).ok).toBe(true);
    const early = await issue(kiosk);
    if (!early.ok) throw new Error(early.error.message);
    expect(early.data.ticket.businessDay).toBe('2026-03-10');
    expect((await branch.request(anna, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);

    branch.clock.set(DAY_START + 5 * 60_000);
    const transferred = await branch.request(anna, 'ticket:transfer', {
      requestId: newRequestId(),
      counterId: 'c2',
      target: { kind: 'service', serviceId: 'loans' },
      position: 'back',
    });
    expect(transferred).toMatchObject({ ok: true });
    const called = await branch.request(juris, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c4' });
    expect(called).toMatchObject({ ok: true, data: { ticket: { id: early.data.ticket.id, state: 'called', legServiceId: 'loans' } } });

    // Also after a restart: the transferred leg waits in today's queues as rebuilt from the database.
    expect((await branch.request(juris, 'ticket:transfer', { requestId: newRequestId(), counterId: 'c4', target: { kind: 'service', serviceId: 'cash' }, position: 'back' })).ok).toBe(true);
    await branch.restart();
    expect(await statusOf(early.data.ticket.id)).toBe('waiting');
    const annaAgain = await branch.connect({ token: annaToken });
    const again = await branch.request(annaAgain, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    expect(again).toMatchObject({ ok: true, data: { ticket: { id: early.data.ticket.id, state: 'called' } } });
  });
});
