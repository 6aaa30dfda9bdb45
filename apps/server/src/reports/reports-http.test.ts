import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';
import { businessDayOf, businessDayStart, newRequestId, parseClockTime } from '@rinda/shared';

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

describe('GET /api/reports/:name', () => {
  it('reports what the command pipeline recorded, as JSON and as CSV with the same columns', async () => {
    const startAt = businessDayStart('2026-05-12', 'Europe/Riga', parseClockTime('10:00'));
    branch = await startBranch({ clock: 'manual', startAt });
    const b = branch;
    const manager = await b.userToken('manager', 'maija');
    const kiosk = await b.connect({ token: await b.deviceToken('kiosk') });
    const teller = await b.connect({ token: await b.userToken('teller', 'toms') });
    expect((await b.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
    expect((await b.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' })).ok).toBe(true);
    b.clock.advance(95_500);
    const called = await b.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    expect(called.ok).toBe(true);
    b.clock.advance(240_000);
    expect((await b.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);

    const day = businessDayOf(startAt, 'Europe/Riga', '04:00');
    const res = await b.http(`/api/reports/summary?from=${day}&to=${day}&groupBy=service`, { token: manager });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json; charset=utf-8/);
    const table = (await res.json()) as { columns: string[]; rows: Record<string, unknown>[] };
    expect(table.rows).toEqual([
      expect.objectContaining({ group: 'cash', visits: 1, served: 1, legsCalled: 1, waitP50Sec: 96, waitMeanSec: 95.5, serviceLevelPercent: 100, targetMin: 10 }),
    ]);
    const csv = await b.http(`/api/reports/summary?from=${day}&to=${day}&groupBy=service&format=csv`, { token: manager });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    // CSV gives the group's id and, next to it, the name the manager's screen shows (the staff language's).
    const csvColumns = table.columns.flatMap((c) => (c === 'group' ? ['group', 'groupName'] : [c]));
    expect(lines[0]).toBe(csvColumns.join(','));
    expect(lines[1]).toBe(csvColumns.map((c) => (c === 'groupName' ? 'Cash and payments' : (table.rows[0]![c] ?? '')) as string).join(','));
  });

  it('refuses other roles and bad queries without computing anything', async () => {
    branch = await startBranch();
    const teller = await branch.userToken('teller', 'toms');
    const manager = await branch.userToken('manager', 'maija');
    const ok = '/api/reports/summary?from=2026-01-01&to=2026-01-31&groupBy=day';
    expect((await branch.http(ok)).status).toBe(401);
    expect((await branch.http(ok, { token: teller })).status).toBe(403);
    for (const bad of [
      '/api/reports/summary?from=2026-02-01&to=2026-01-01&groupBy=day',
      '/api/reports/summary?from=2026-13-01&to=2026-01-01&groupBy=day',
      // Dates the calendar does not have: refused, never read as the next month's days nor echoed back.
      '/api/reports/summary?from=2026-02-30&to=2026-03-01&groupBy=day',
      '/api/reports/summary?from=2026-01-01&to=2026-04-31&groupBy=day',
      '/api/reports/summary?from=2025-02-29&to=2025-03-01&groupBy=day',
      '/api/reports/summary?from=2026-00-10&to=2026-01-01&groupBy=day',
      '/api/reports/summary?from=2026-01-01&to=2026-01-02&groupBy=colour',
      '/api/reports/hourly?from=2026-01-01&to=2026-01-02&groupBy=service',
      '/api/reports/summary?from=2020-01-01&to=2026-01-02&groupBy=day',
    ]) expect((await branch.http(bad, { token: manager })).status, bad).toBe(400);
    const refused = await branch.http('/api/reports/summary?from=2026-02-30&to=2026-03-01&groupBy=day', { token: manager });
    const body = await refused.text();
    expect(body).not.toContain('2026-02-30');
    // A clear reason, naming the field: "from: not a calendar date".
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/from.*not a calendar date/) } });
    expect((await branch.http('/api/reports/summary?from=2024-02-29&to=2024-03-01&groupBy=day', { token: manager })).status).toBe(200);
    expect((await branch.http('/api/reports/nothing?from=2026-01-01&to=2026-01-01&groupBy=day', { token: manager })).status).toBe(404);
    expect((await branch.http(ok, { token: manager })).status).toBe(200);
  });
});
