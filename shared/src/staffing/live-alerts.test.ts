import { describe, expect, it } from 'vitest';
import { Branch } from '../rules/test-kit';
import { currentBusinessDay } from '../rules/queue-state';
import { staffingAlerts, type LiveStaffingInputs } from './live-alerts';

// The test kit's clock starts 2026-11-25 08:00 UTC, 10:00 in Riga. Cash: T 10 min, goal 90 %.
function inputs(branch: Branch, cashPerHour: number, soFar = { within: 0, counted: 0 }): LiveStaffingInputs {
  const hours = Array.from({ length: 8 }, (_, i) => ({ hour: 10 + i, arrivals: cashPerHour, meanServiceSec: 300 }));
  return { day: currentBusinessDay(branch.state.config, branch.now), forecast: { cash: hours }, abandonPerSec: {}, soFar: { cash: soFar }, readAt: branch.now };
}

describe('staffingAlerts', () => {
  it('warns of tickets about to pass T, and asks to open a counter for the service when none is open', () => {
    const b = new Branch();
    b.issue('cash');
    b.advance(5);
    b.issue('cash');
    b.advance(3.5);
    const [alert] = staffingAlerts(b.state, null, b.now);
    expect(alert).toMatchObject({ kind: 'nearTarget', serviceId: 'cash', tickets: 1, displayNumber: 'A001', passesAt: b.now + 1.5 * 60_000 });
    // Counter 2 serves cash only: it goes first.
    expect(alert?.fix).toEqual({ kind: 'openCounters', count: 1, counterIds: ['c2'] });
  });

  it('asks a free counter that serves the service to call next', () => {
    const b = new Branch();
    b.issue('cash');
    b.advance(9);
    b.signIn('c1');
    const [alert] = staffingAlerts(b.state, null, b.now);
    expect(alert?.fix).toEqual({ kind: 'callNext', counterIds: ['c1'] });
  });

  it('says nothing when no ticket is near its target and no forecast is known', () => {
    const b = new Branch();
    b.issue('cash');
    b.advance(2);
    expect(staffingAlerts(b.state, null, b.now)).toEqual([]);
  });

  it('projects the day below its goal with too few counters, and names how many more would meet it', () => {
    const b = new Branch();
    b.signIn('c2');
    // 30 an hour at 5 minutes each is 2.5 erlangs: one counter cannot keep up; three or four can.
    const [alert] = staffingAlerts(b.state, inputs(b, 30, { within: 40, counted: 40 }), b.now).filter((a) => a.kind === 'serviceLevel');
    expect(alert).toMatchObject({ kind: 'serviceLevel', serviceId: 'cash', goalPercent: 90, goalOutOfReach: false });
    expect(alert!.kind === 'serviceLevel' && alert!.projectedPercent).toBeLessThan(90);
    expect(alert!.fix.kind === 'openCounters' && alert!.fix.count).toBeGreaterThanOrEqual(2);
    expect(alert!.fix.kind === 'openCounters' && alert!.fix.count).toBeLessThanOrEqual(3);
  });

  it('raises no service-level alert when the counters open will meet the goal', () => {
    const b = new Branch();
    b.signIn('c2').signIn('c1').signIn('c3');
    // c1 and c3 also serve accounts, which has no traffic now: all three work for cash.
    b.state = { ...b.state, config: { ...b.state.config, counters: [...b.state.config.counters, { id: 'c9', name: 'C9', number: 9, serviceIds: ['cash'] }] } };
    b.signIn('c9');
    expect(staffingAlerts(b.state, inputs(b, 30), b.now)).toEqual([]);
  });

  it('says the goal is out of reach when the day has already missed too much, and still names the fix', () => {
    const b = new Branch();
    const [alert] = staffingAlerts(b.state, inputs(b, 10, { within: 100, counted: 400 }), b.now).filter((a) => a.kind === 'serviceLevel');
    expect(alert).toMatchObject({ kind: 'serviceLevel', goalOutOfReach: true });
    expect(alert!.fix).toMatchObject({ kind: 'openCounters', count: 5 });
  });

  it('ignores a forecast made for another business day', () => {
    const b = new Branch();
    const stale = { ...inputs(b, 60), day: '2026-11-24' };
    expect(staffingAlerts(b.state, stale, b.now)).toEqual([]);
  });
});
