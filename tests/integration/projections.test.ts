import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

/** The event tables and projections reports read (storage contract), written in each command's transaction. */
describe('events and projections', () => {
  let branch: Branch;
  let kiosk: BranchSocket;
  let teller: BranchSocket;
  const rid = newRequestId;
  beforeEach(async () => {
    branch = await startBranch({ clock: 'manual', startAt: Date.parse('2026-06-01T07:00:00Z') });
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    await branch.request(teller, 'counter:signIn', { requestId: rid(), counterId: 'c1' });
  });
  afterEach(() => branch.stop());

  const issue = async (serviceId: string, priorityReasonId: string | null = null) => {
    const ack = await branch.request(kiosk, 'ticket:issue', { requestId: rid(), serviceId, language: 'en', priorityReasonId });
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data.ticket.id;
  };
  const db = () => branch.ctx.db;

  it('a transfer ends one leg and opens the next, keeping the number', async () => {
    const id = await issue('cash', 'senior');
    branch.clock.advance(60_000);
    await branch.request(teller, 'ticket:callNext', { requestId: rid(), counterId: 'c1' });
    branch.clock.advance(30_000);
    const moved = await branch.request(teller, 'ticket:transfer', { requestId: rid(), counterId: 'c1', target: { kind: 'service', serviceId: 'loans' }, position: 'front' });
    expect(moved).toMatchObject({ ok: true, data: { ticket: { id, leg: 2, legServiceId: 'loans', state: 'waiting', displayNumber: 'A001' } } });
    const legs = db().prepare('SELECT leg, service_id, priority, started_at, started_hour, first_called_at, ended_at, outcome, counter_id FROM ticket_legs WHERE ticket_id = ? ORDER BY leg').all(id);
    const t0 = Date.parse('2026-06-01T07:00:00Z');
    expect(legs).toEqual([
      { leg: 1, service_id: 'cash', priority: 1, started_at: t0, started_hour: 10, first_called_at: t0 + 60_000, ended_at: t0 + 90_000, outcome: 'transferred', counter_id: 'c1' },
      { leg: 2, service_id: 'loans', priority: 1, started_at: t0 + 90_000, started_hour: 10, first_called_at: null, ended_at: null, outcome: null, counter_id: null },
    ]);
    const events = db().prepare('SELECT leg, service_id, type FROM ticket_events WHERE ticket_id = ? ORDER BY id').all(id);
    expect(events).toEqual([
      { leg: 1, service_id: 'cash', type: 'issued' },
      { leg: 1, service_id: 'cash', type: 'called' },
      { leg: 1, service_id: 'cash', type: 'transferred' },
    ]);
    const row = db().prepare('SELECT issued_hour, issued_weekday, leg, leg_service_id, state FROM tickets WHERE id = ?').get(id);
    expect(row).toEqual({ issued_hour: 10, issued_weekday: 1, leg: 2, leg_service_id: 'loans', state: 'waiting' });
  });

  it('a reactivated no-show reopens its leg; recalls are counted on the leg', async () => {
    const id = await issue('cash');
    await branch.request(teller, 'ticket:callNext', { requestId: rid(), counterId: 'c1' });
    await branch.request(teller, 'ticket:recall', { requestId: rid(), counterId: 'c1' });
    await branch.request(teller, 'ticket:noShow', { requestId: rid(), counterId: 'c1' });
    expect(db().prepare('SELECT outcome, recalls FROM ticket_legs WHERE ticket_id = ?').get(id)).toEqual({ outcome: 'no_show', recalls: 1 });
    const back = await branch.request(teller, 'ticket:reactivate', { requestId: rid(), counterId: 'c1', ticketId: id });
    expect(back).toMatchObject({ ok: true, data: { ticket: { state: 'waiting' } } });
    expect(db().prepare('SELECT outcome, ended_at FROM ticket_legs WHERE ticket_id = ?').get(id)).toEqual({ outcome: null, ended_at: null });
  });

  it('a cancelled ticket ends its leg and leaves the queue', async () => {
    const id = await issue('accounts');
    const cancelled = await branch.request(teller, 'ticket:cancel', { requestId: rid(), ticketId: id });
    expect(cancelled).toMatchObject({ ok: true, data: { ticket: { id, state: 'cancelled' } } });
    expect(db().prepare('SELECT state FROM tickets WHERE id = ?').get(id)).toEqual({ state: 'cancelled' });
    expect(db().prepare('SELECT outcome FROM ticket_legs WHERE ticket_id = ?').get(id)).toEqual({ outcome: 'cancelled' });
    expect(branch.ctx.state().tickets.get(id)).toBeUndefined();
  });

  it('counter sign-in, pause, resume and sign-out are events, and the counters row follows', async () => {
    await branch.request(teller, 'counter:pause', { requestId: rid(), counterId: 'c1', reasonId: 'break' });
    expect(db().prepare("SELECT state, pause_reason_id FROM counters WHERE counter_id = 'c1'").get()).toEqual({ state: 'paused', pause_reason_id: 'break' });
    await branch.request(teller, 'counter:resume', { requestId: rid(), counterId: 'c1' });
    await branch.request(teller, 'counter:signOut', { requestId: rid(), counterId: 'c1' });
    const events = db().prepare("SELECT type, reason_id FROM counter_events WHERE counter_id = 'c1' ORDER BY id").all();
    expect(events).toEqual([
      { type: 'signed_in', reason_id: null },
      { type: 'paused', reason_id: 'break' },
      { type: 'resumed', reason_id: null },
      { type: 'signed_out', reason_id: null },
    ]);
    expect(db().prepare("SELECT state, teller_id FROM counters WHERE counter_id = 'c1'").get()).toEqual({ state: 'closed', teller_id: null });
  });
});
