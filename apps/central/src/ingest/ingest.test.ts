import { demoBranchConfig, type OutboxRecord } from '@rinda/shared';
import { describe, expect, it } from 'vitest';
import { centralForTests } from '../test-support/central-for-tests';

const hq = centralForTests();

/** Records seq from..to: the configuration first, then sign-ins (enough to be real domain events). */
function records(from: number, to: number): OutboxRecord[] {
  const out: OutboxRecord[] = [];
  for (let seq = from; seq <= to; seq++)
    out.push(
      seq === 1
        ? { seq, kind: 'config', at: 1000, body: demoBranchConfig }
        : { seq, kind: 'event', at: 1000 + seq, body: { type: 'counter.signedIn', at: 1000 + seq, counterId: 'c1', tellerId: `u-${seq}` } },
    );
  return out;
}
const batch = (branchId: string, recs: OutboxRecord[], remaining = 0) => ({ branchId, branchNow: 5_000_000, remaining, records: recs });

async function enrolled(id: string): Promise<string> {
  const created = await hq.client.createBranch(id);
  const reply = await hq.client.enrol(id, created.enrolmentCode);
  expect(reply.status).toBe(200);
  return reply.body.token as string;
}
const stored = async (id: string) =>
  (await hq.db.sql.query<{ seq: number }>('SELECT seq FROM branch_events WHERE branch_id = $1 ORDER BY seq', [id])).map((r) => r.seq);

describe('enrolling a branch at head office', () => {
  it('trades a one-time code for a token that is kept only as a hash; the code works once', async () => {
    const created = await hq.client.createBranch('enrol-once');
    const first = await hq.client.enrol('enrol-once', created.enrolmentCode);
    expect(first.status).toBe(200);
    const token = first.body.token as string;
    const again = await hq.client.enrol('enrol-once', created.enrolmentCode);
    expect(again.status).toBe(401);
    const [row] = await hq.db.sql.query<{ token_hash: string; enrolment_code_hash: string | null }>('SELECT token_hash, enrolment_code_hash FROM branches WHERE id = $1', ['enrol-once']);
    expect(row!.token_hash).not.toContain(token);
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.enrolment_code_hash).toBeNull();
  });

  it("refuses another branch's code and a made-up one", async () => {
    const a = await hq.client.createBranch('code-a');
    await hq.client.createBranch('code-b');
    expect((await hq.client.enrol('code-b', a.enrolmentCode)).status).toBe(401);
    expect((await hq.client.enrol('code-a', 'ABCDEFGHJKLM')).status).toBe(401);
  });

  it('lets only head office administrators register branches', async () => {
    const r = await hq.client.call('POST', '/api/admin/branches', { id: 'sneaky', name: 'x', region: 'y' }, 'not-the-admin-token');
    expect(r.status).toBe(401);
  });
});

describe('receiving batches', () => {
  it('stores each record exactly once: a resent batch changes nothing', async () => {
    const token = await enrolled('once');
    const first = await hq.client.ship(token, batch('once', records(1, 20)));
    expect(first).toEqual({ status: 200, body: { storedThrough: 20, inserted: 20 } });
    const resent = await hq.client.ship(token, batch('once', records(1, 20)));
    expect(resent).toEqual({ status: 200, body: { storedThrough: 20, inserted: 0 } });
    const overlapping = await hq.client.ship(token, batch('once', records(15, 30)));
    expect(overlapping).toEqual({ status: 200, body: { storedThrough: 30, inserted: 10 } });
    expect(await stored('once')).toEqual(records(1, 30).map((r) => r.seq));
  });

  it('refuses a batch that would leave a hole, saying where to resume, and stores none of it', async () => {
    const token = await enrolled('gap');
    await hq.client.ship(token, batch('gap', records(1, 5)));
    const skipped = await hq.client.ship(token, batch('gap', records(8, 10)));
    expect(skipped.status).toBe(409);
    expect(skipped.body).toMatchObject({ error: { code: 'SEQUENCE_GAP' }, expectedSeq: 6 });
    expect(await stored('gap')).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses a branch writing another branch's events, and stores nothing", async () => {
    const mine = await enrolled('honest');
    await enrolled('victim');
    const forged = await hq.client.ship(mine, batch('victim', records(1, 3)));
    expect(forged.status).toBe(403);
    expect(await stored('victim')).toEqual([]);
    expect(await stored('honest')).toEqual([]);
  });

  it('refuses an unknown token, a malformed record and a batch over the limit, storing nothing', async () => {
    const token = await enrolled('strict');
    expect((await hq.client.ship('x'.repeat(43), batch('strict', records(1, 2)))).status).toBe(401);
    const bad = await hq.client.ship(token, batch('strict', [{ seq: 1, kind: 'event', at: 1, body: { type: 'ticket.exploded', at: 1 } } as never]));
    expect(bad.status).toBe(400);
    const tooMany = await hq.client.ship(token, batch('strict', records(1, 501)));
    expect(tooMany.status).toBe(400);
    const huge = await hq.client.ship(token, JSON.stringify({ ...batch('strict', records(1, 1)), padding: 'x'.repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(400);
    expect(await stored('strict')).toEqual([]);
  });

  it("stores a visit's rating record, and refuses one carrying a comment or a score out of 1–5, storing none of its batch", async () => {
    const token = await enrolled('rated');
    const rating = (seq: number, body: Record<string, unknown>) => ({ seq, kind: 'rating', at: 2000, body }) as OutboxRecord;
    const withComment = await hq.client.ship(token, batch('rated', [...records(1, 2), rating(3, { ticketId: 't1', score: 4, ratedAt: 2000, comment: 'Anna was kind' })]));
    expect(withComment.status).toBe(400);
    const outOfRange = await hq.client.ship(token, batch('rated', [...records(1, 2), rating(3, { ticketId: 't1', score: 6, ratedAt: 2000 })]));
    expect(outOfRange.status).toBe(400);
    expect(await stored('rated')).toEqual([]);
    const ok = await hq.client.ship(token, batch('rated', [...records(1, 2), rating(3, { ticketId: 't1', score: 4, ratedAt: 2000 })]));
    expect(ok).toEqual({ status: 200, body: { storedThrough: 3, inserted: 3 } });
    const [row] = await hq.db.sql.query<{ kind: string; body: unknown }>('SELECT kind, body FROM branch_events WHERE branch_id = $1 AND seq = 3', ['rated']);
    expect(row).toEqual({ kind: 'rating', body: { ticketId: 't1', score: 4, ratedAt: 2000 } });
  });

  it('records when it last heard from the branch and, after a batch that emptied the outbox, how complete it is', async () => {
    const token = await enrolled('heard');
    await hq.client.ship(token, batch('heard', records(1, 3), 7));
    let [row] = await hq.db.sql.query<{ last_heard_at: number; complete_until: number | null; waiting_at_branch: number }>(
      'SELECT last_heard_at, complete_until, waiting_at_branch FROM branches WHERE id = $1',
      ['heard'],
    );
    expect(row).toMatchObject({ complete_until: null, waiting_at_branch: 7 });
    expect(row!.last_heard_at).toBeGreaterThan(0);
    await hq.client.ship(token, batch('heard', records(4, 10), 0));
    [row] = await hq.db.sql.query('SELECT last_heard_at, complete_until, waiting_at_branch FROM branches WHERE id = $1', ['heard']);
    expect(row).toMatchObject({ complete_until: 5_000_000 - 10_000, waiting_at_branch: 0 });
  });
});
