import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTurnNear, nearAlertDue, type StandingNow } from './phone-alerts';

const settings = { peopleLeft: 3, minutesLeft: 5 };
const at = (peopleAhead: number, typicalMin: number | null): StandingNow => ({
  peopleAhead,
  wait: typicalMin === null ? null : { typicalMin, atMostMin: typicalMin + 5 },
});

describe('phone alerts: when the turn is near', () => {
  it('is near with N people or fewer ahead, or M minutes or less of typical wait', () => {
    expect(isTurnNear(at(3, 30), settings)).toBe(true);
    expect(isTurnNear(at(4, 30), settings)).toBe(false);
    expect(isTurnNear(at(10, 5), settings)).toBe(true);
    expect(isTurnNear(at(10, 6), settings)).toBe(false);
    // No counter open: no time is known, only the people ahead count.
    expect(isTurnNear(at(10, null), settings)).toBe(false);
    expect(isTurnNear(at(2, null), settings)).toBe(true);
  });

  it('alerts when the turn becomes near while the page watches, once, and not on a page opened already near', () => {
    expect(nearAlertDue(at(5, 20), at(3, 15), settings, false)).toBe(true);
    expect(nearAlertDue(at(5, 20), at(3, 15), settings, true)).toBe(false);
    expect(nearAlertDue(null, at(0, 0), settings, false)).toBe(false);
    expect(nearAlertDue(at(3, 15), at(2, 10), settings, false)).toBe(false);
  });

  it('stays near as the queue moves on: fewer people ahead and less wait never make it far again', () => {
    const standing = fc.record({ peopleAhead: fc.nat(60), wait: fc.option(fc.record({ typicalMin: fc.nat(120), atMostMin: fc.nat(200) }), { nil: null }) });
    fc.assert(
      fc.property(standing, fc.nat(10), fc.nat(30), fc.record({ peopleLeft: fc.nat(50), minutesLeft: fc.nat(120) }), (s, fewer, sooner, config) => {
        const later = { peopleAhead: Math.max(0, s.peopleAhead - fewer), wait: s.wait && { ...s.wait, typicalMin: Math.max(0, s.wait.typicalMin - sooner) } };
        if (isTurnNear(s, config)) expect(isTurnNear(later, config)).toBe(true);
      }),
    );
  });
});
