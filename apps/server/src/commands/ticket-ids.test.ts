import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId, type IssuedTicket } from '@rinda/shared';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';

let branch: Branch | undefined;
afterEach(async () => {
  await branch?.stop();
  branch = undefined;
});

describe("a branch's ticket ids", () => {
  it('begin with the time of issue, so the tickets table keeps them in issue order, and still open the status page', async () => {
    const start = Date.UTC(2026, 11, 7, 8, 0);
    branch = await startBranch({ clock: 'manual', startAt: start });
    const b = branch;
    const kiosk = await b.connect({ token: await b.deviceToken('kiosk') });
    const issued: IssuedTicket[] = [];
    // Times a millisecond, a minute and an hour apart, over both services: each id's time digits roll over somewhere.
    for (const [i, step] of [1, 1, 60_000, 1, 3_600_000, 37, 4096, 1].entries()) {
      b.clock.advance(step);
      const result = await b.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: i % 2 ? 'cash' : 'accounts', language: 'en' });
      if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
      issued.push(result.data as IssuedTicket);
    }
    const ids = issued.map((t) => t.ticket.id);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids.map((id) => id.slice(8))).size).toBe(ids.length);
    // The key the tickets are stored under (the table's id index) lists them as they were issued.
    const stored = b.ctx.db.prepare('SELECT id FROM tickets ORDER BY id').pluck().all();
    expect(stored).toEqual(ids);

    const last = issued.at(-1)!.ticket;
    const status = await b.http(`/api/tickets/${last.id}/status`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { ticket: { id: string } }).ticket.id).toBe(last.id);
  });
});
