import { afterEach, describe, expect, it } from 'vitest';
import { businessDayStart, newRequestId, parseClockTime, type StaffingAlert } from '@rinda/shared';
import { writeSteadyHistory } from '../../apps/server/src/staffing/test-support/steady-history';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

const TODAY = '2026-11-25';
const at1030 = businessDayStart(TODAY, 'Europe/Riga', parseClockTime('10:30'));

/** The alerts a socket holds now, asked with sync:request (its snapshot). */
async function alertsOf(b: Branch, socket: BranchSocket): Promise<StaffingAlert[]> {
  const snap = await b.request(socket, 'sync:request', { requestId: newRequestId() });
  if (!snap.ok) throw new Error(snap.error.message);
  return snap.data.alerts;
}

describe('live staffing alerts over real sockets', () => {
  it('tells managers of a ticket about to pass T, tellers only once the manager turns it on, and what would fix it', async () => {
    branch = await startBranch({ clock: 'manual', startAt: at1030 });
    const b = branch;
    const managerToken = await b.userToken('manager', 'maija');
    const manager = await b.connect({ token: managerToken });
    const teller = await b.connect({ token: await b.userToken('teller', 'toms') });
    const kiosk = await b.connect({ token: await b.deviceToken('kiosk') });
    const issue = () => b.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });

    expect((await issue()).ok).toBe(true);
    b.clock.advance(8.5 * 60_000);
    const alerted = b.nextEvent(manager, 'staffing:alerts', (m) => m.alerts.length > 0);
    expect((await issue()).ok).toBe(true);
    const { alerts } = await alerted;
    expect(alerts).toEqual([
      {
        id: 'nearTarget:cash', kind: 'nearTarget', serviceId: 'cash', tickets: 1, displayNumber: 'A001', passesAt: at1030 + 10 * 60_000,
        fix: { kind: 'openCounters', count: 1, counterIds: ['c2'] },
      },
    ]);
    expect(await alertsOf(b, teller)).toEqual([]);

    // The manager turns the tellers' notice on: the next evaluation tells the tellers too.
    const res = await b.http('/api/admin/alerts', { method: 'PUT', token: managerToken, body: { notifyTellers: true } });
    expect(res.status).toBe(200);
    const toTeller = b.nextEvent(teller, 'staffing:alerts', (m) => m.alerts.length > 0);
    expect((await issue()).ok).toBe(true);
    expect((await toTeller).alerts.map((a) => a.id)).toEqual(['nearTarget:cash']);
    expect(await alertsOf(b, teller)).toHaveLength(1);

    // A teller signs in at counter 2 and is free: the fix becomes "call next there", to both.
    const fixed = b.nextEvent(manager, 'staffing:alerts', (m) => m.alerts[0]?.fix.kind === 'callNext');
    const tellerFixed = b.nextEvent(teller, 'staffing:alerts', (m) => m.alerts[0]?.fix.kind === 'callNext');
    expect((await b.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
    expect((await fixed).alerts[0]!.fix).toEqual({ kind: 'callNext', counterIds: ['c2'] });
    await tellerFixed;

    // Called: nothing is near T any more, and the alert goes away.
    const cleared = b.nextEvent(manager, 'staffing:alerts', (m) => m.alerts.length === 0);
    expect((await b.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
    await cleared;
  });

  it('projects the day below its goal from the forecast when too few counters are open, naming the counters to open', async () => {
    branch = await startBranch({ clock: 'manual', startAt: at1030 });
    writeSteadyHistory(branch.ctx.db, branch.ctx.config(), TODAY, 9);
    // Started again, the server reads today's forecast from the history it now has.
    await branch.restart();
    const b = branch;
    const manager = await b.connect({ token: await b.userToken('manager', 'maija') });
    let alerts: StaffingAlert[] = b.snapshotOf(manager).alerts;
    for (let i = 0; i < 100 && !alerts.some((a) => a.kind === 'serviceLevel'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      alerts = await alertsOf(b, manager);
    }
    const alert = alerts.find((a) => a.kind === 'serviceLevel');
    // Nobody serves cash today, with 24 an hour forecast until noon: the day's projected service level is 0.
    expect(alert).toMatchObject({ kind: 'serviceLevel', serviceId: 'cash', projectedPercent: 0, goalPercent: 90, goalOutOfReach: false });
    expect(alert?.fix.kind).toBe('openCounters');
    if (alert?.fix.kind !== 'openCounters') return;
    // 1.6 erlangs: two or three counters reach 90 % within 10 minutes; cash-only counter 2 first.
    expect(alert.fix.count).toBeGreaterThanOrEqual(2);
    expect(alert.fix.count).toBeLessThanOrEqual(3);
    expect(alert.fix.counterIds[0]).toBe('c2');
  });
});
