import { afterEach, describe, expect, it } from 'vitest';
import { businessDayOf, demoBranchConfig, newRequestId } from '@rinda/shared';
import { rowCounts } from './db-counts';
import { startBranch, type Branch } from '../support/start-branch';

describe('"I need more time" over the socket', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  async function setUp() {
    branch = await startBranch({ config: { ...demoBranchConfig, stepBack: { places: 2 } }, clock: 'manual' });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.data.ticket.id);
      branch.clock.advance(60_000);
    }
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    return { ids, teller };
  }

  it('steps the page\'s own ticket back once; the teller hears it, the leg records it, and a restart keeps the order', async () => {
    const { ids, teller } = await setUp();
    const phone = await branch.connect({ ticketId: ids[0]! });
    const heard = branch.nextEvent(teller, 'ticket:updated', (m) => m.ticket.id === ids[0]);
    const ack = await branch.request(phone, 'ticket:stepBack', { requestId: newRequestId() });
    expect(ack).toMatchObject({ ok: true, data: { ticket: { id: ids[0], steppedBackAt: branch.clock.now() } } });
    expect((await heard).ticket.steppedBackAt).toBe(branch.clock.now());
    expect(branch.ctx.db.prepare('SELECT stepped_back FROM ticket_legs WHERE ticket_id = ?').get(ids[0])).toEqual({ stepped_back: 1 });
    expect(branch.ctx.db.prepare("SELECT COUNT(*) AS n FROM ticket_events WHERE type = 'stepped_back'").get()).toEqual({ n: 1 });

    const before = rowCounts(branch);
    expect(await branch.request(phone, 'ticket:stepBack', { requestId: newRequestId() })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(rowCounts(branch)).toEqual(before);

    await branch.restart();
    const again = await branch.connect({ token: await branch.userToken('teller', 'second') });
    await branch.request(again, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const called = await branch.request(again, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
      if (!called.ok) throw new Error(called.error.message);
      order.push(called.data.ticket.id);
      await branch.request(again, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' });
    }
    expect(order).toEqual([ids[1], ids[2], ids[0], ids[3]]);

    // The summary report counts it, per service (JSON and CSV alike come from the same rows).
    const day = businessDayOf(branch.clock.now(), 'Europe/Riga', '04:00');
    const manager = await branch.userToken('manager');
    const report = (await (await branch.http(`/api/reports/summary?from=${day}&to=${day}&groupBy=service`, { token: manager })).json()) as { rows: Record<string, unknown>[] };
    expect(report.rows).toEqual([expect.objectContaining({ group: 'cash', visits: 4, stepBacks: 1 })]);
  });

  it("refuses a payload naming another ticket: a page acts on its own ticket only", async () => {
    const { ids } = await setUp();
    const phone = await branch.connect({ ticketId: ids[0]! });
    const before = rowCounts(branch);
    const forged = await branch.request(phone, 'ticket:stepBack', { requestId: newRequestId(), ticketId: ids[1] } as never);
    expect(forged).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(rowCounts(branch)).toEqual(before);
  });
});
