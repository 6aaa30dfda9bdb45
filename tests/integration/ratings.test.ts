import { afterEach, describe, expect, it } from 'vitest';
import { businessDayOf, newRequestId } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

describe('rating a visit', () => {
  let branch: Branch;
  let kiosk: BranchSocket;
  let teller: BranchSocket;
  afterEach(() => branch.stop());

  async function start() {
    branch = await startBranch();
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    teller = await branch.connect({ token: await branch.userToken('teller') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
  }
  async function issue(): Promise<string> {
    const r = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    if (!r.ok) throw new Error(r.error.message);
    return r.data.ticket.id;
  }
  const tellerDoes = (name: 'ticket:callNext' | 'ticket:finish' | 'ticket:noShow') => branch.request(teller, name, { requestId: newRequestId(), counterId: 'c2' });
  const rate = (id: string, body: unknown) => branch.http(`/api/tickets/${id}/rating`, { body });
  const stored = () => branch.ctx.db.prepare('SELECT ticket_id AS id, score, comment FROM ratings').all();
  const shippedRatings = () =>
    (branch.ctx.db.prepare("SELECT at, body FROM central_outbox WHERE kind = 'rating' ORDER BY seq").all() as { at: number; body: string }[]).map((r) => ({ at: r.at, body: JSON.parse(r.body) as unknown }));

  it('takes one rating with a short comment for a visit that ended served, and refuses a second, changing nothing', async () => {
    await start();
    const id = await issue();
    expect(await (await branch.http(`/api/tickets/${id}/rating`)).json()).toEqual({ canRate: false, rated: false });
    expect((await rate(id, { score: 5 })).status).toBe(422);
    await tellerDoes('ticket:callNext');
    await tellerDoes('ticket:finish');
    expect(await (await branch.http(`/api/tickets/${id}/rating`)).json()).toEqual({ canRate: true, rated: false });

    const first = await rate(id, { score: 4, comment: '  Quick and friendly.  ' });
    expect(first.status).toBe(201);
    expect(stored()).toEqual([{ id, score: 4, comment: 'Quick and friendly.' }]);
    // Head office gets the score, the visit and the time from the outbox, never the comment (docs/SECURITY.md).
    const ratedAt = branch.ctx.db.prepare('SELECT rated_at FROM ratings').pluck().get() as number;
    expect(shippedRatings()).toEqual([{ at: ratedAt, body: { ticketId: id, score: 4, ratedAt } }]);
    const second = await rate(id, { score: 1, comment: 'changed my mind' });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(stored()).toEqual([{ id, score: 4, comment: 'Quick and friendly.' }]);
    expect(shippedRatings()).toHaveLength(1);
    expect(await (await branch.http(`/api/tickets/${id}/rating`)).json()).toEqual({ canRate: false, rated: true });

    // The manager's reports: satisfaction per service (JSON), and by wait band (CSV).
    const day = businessDayOf(Date.now(), 'Europe/Riga', '04:00');
    const manager = await branch.userToken('manager');
    const json = (await (await branch.http(`/api/reports/satisfaction?from=${day}&to=${day}&groupBy=service`, { token: manager })).json()) as { rows: unknown[] };
    expect(json.rows).toEqual([{ group: 'cash', served: 1, ratings: 1, responseRatePercent: 100, meanScore: 4, score1: 0, score2: 0, score3: 0, score4: 1, score5: 0 }]);
    const csv = await (await branch.http(`/api/reports/satisfaction-by-wait?from=${day}&to=${day}&groupBy=counter&format=csv`, { token: manager })).text();
    expect(csv.split('\r\n')[0]).toBe('group,groupName,fromMin,toMin,ratings,meanScore');
    expect(csv.split('\r\n')[1]).toBe('c2,Counter 2,0,5,1,4');
  });

  it('refuses a score out of 1–5, an oversized comment, unknown fields, a forged id and a no-show, with nothing stored', async () => {
    await start();
    const served = await issue();
    const missed = await issue();
    await tellerDoes('ticket:callNext');
    await tellerDoes('ticket:finish');
    expect((await rate(served, { score: 6 })).status).toBe(400);
    expect((await rate(served, { score: 3.5 })).status).toBe(400);
    const long = await rate(served, { score: 3, comment: 'x'.repeat(281) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/280/) } });
    expect((await rate(served, { score: 3, name: 'Anna' })).status).toBe(400);
    expect((await rate('forged-ticket-id-000000', { score: 3 })).status).toBe(404);
    await tellerDoes('ticket:callNext');
    await tellerDoes('ticket:noShow');
    expect((await rate(missed, { score: 1 })).status).toBe(422);
    expect(stored()).toEqual([]);
    expect(shippedRatings()).toEqual([]);
    // Exactly 280 is kept.
    expect((await rate(served, { score: 3, comment: 'y'.repeat(280) })).status).toBe(201);
  });
});
