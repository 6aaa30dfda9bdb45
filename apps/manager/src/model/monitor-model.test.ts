import { describe, expect, it } from 'vitest';
import { demoBranchConfig, type BranchSnapshot } from '@rinda/shared';
import { parseOpeningHours, formatOpeningHours } from '../config/opening-hours';
import { presetRange } from './date-ranges';
import { serviceRows, waitLevel } from './monitor-model';

describe('monitor model', () => {
  it('warns from 80% of T and says over target from T on', () => {
    expect(waitLevel(null, 10)).toBe('ok');
    expect(waitLevel(7.9 * 60_000, 10)).toBe('ok');
    expect(waitLevel(8 * 60_000, 10)).toBe('near');
    expect(waitLevel(10 * 60_000, 10)).toBe('over');
  });

  it('measures the longest wait from the oldest waiting ticket, per service', () => {
    const view = {
      config: demoBranchConfig,
      queues: [{ serviceId: 'cash', waiting: 3, oldestWaitingSince: 1_000, wait: { typicalMin: 4, atMostMin: 7 }, open: true }],
    } as unknown as BranchSnapshot;
    const rows = serviceRows(view, 1_000 + 9 * 60_000, 'en');
    expect(rows.find((r) => r.id === 'cash')).toMatchObject({ waiting: 3, longestWaitMs: 9 * 60_000, level: 'near', name: 'Cash and payments' });
    expect(rows.find((r) => r.id === 'loans')).toMatchObject({ waiting: 0, longestWaitMs: null, level: 'ok' });
  });
});

describe('report ranges and opening hours', () => {
  it('gives the business days of each preset', () => {
    expect(presetRange('yesterday', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(presetRange('thisWeek', '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-25' });
    expect(presetRange('thisWeek', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetRange('last30', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('reads opening hours as a manager writes them, and refuses what it cannot read', () => {
    expect(parseOpeningHours('')).toBeNull();
    expect(parseOpeningHours('1-5 09:00-18:00\n6,7 10:00 - 14:00')).toEqual([
      { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
      { days: [6, 7], from: '10:00', to: '14:00' },
    ]);
    expect(parseOpeningHours('weekdays 9 to 6')).toBe('invalid');
    const windows = [{ days: [1, 3], from: '08:30', to: '12:00' }];
    expect(parseOpeningHours(formatOpeningHours(windows))).toEqual(windows);
  });
});
