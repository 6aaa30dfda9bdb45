import { describe, expect, it } from 'vitest';
import { businessDayOf, dateIsoWeekday, isoWeekday, localClock, localHour } from './business-day';

const RIGA = 'Europe/Riga';
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('businessDayOf', () => {
  it('keeps the hours after local midnight and before dayStart in the previous business day', () => {
    expect(businessDayOf(utc('2026-11-24T21:30'), RIGA, '04:00')).toBe('2026-11-24'); // 23:30 local
    expect(businessDayOf(utc('2026-11-24T22:30'), RIGA, '04:00')).toBe('2026-11-24'); // 00:30 local, Nov 25
    expect(businessDayOf(utc('2026-11-25T01:59'), RIGA, '04:00')).toBe('2026-11-24'); // 03:59 local
    expect(businessDayOf(utc('2026-11-25T02:00'), RIGA, '04:00')).toBe('2026-11-25'); // 04:00 local
  });

  it('uses the local date, not UTC, with a midnight day start', () => {
    expect(businessDayOf(utc('2026-11-24T21:59'), RIGA, '00:00')).toBe('2026-11-24'); // 23:59 local
    expect(businessDayOf(utc('2026-11-24T22:00'), RIGA, '00:00')).toBe('2026-11-25'); // 00:00 local, still Nov 24 in UTC
  });

  it('starts the day at the jump when spring-forward skips dayStart (Riga, 29 March 2026, 03:00 → 04:00)', () => {
    expect(businessDayOf(utc('2026-03-29T00:59'), RIGA, '03:30')).toBe('2026-03-28'); // 02:59 EET
    expect(businessDayOf(utc('2026-03-29T01:00'), RIGA, '03:30')).toBe('2026-03-29'); // 04:00 EEST
    expect(businessDayOf(utc('2026-03-29T00:59'), RIGA, '04:00')).toBe('2026-03-28');
    expect(businessDayOf(utc('2026-03-29T01:00'), RIGA, '04:00')).toBe('2026-03-29');
  });

  it('never goes back a day when fall-back repeats dayStart (Riga, 25 October 2026, 04:00 → 03:00)', () => {
    expect(businessDayOf(utc('2026-10-25T00:29'), RIGA, '03:30')).toBe('2026-10-24'); // 03:29 EEST
    expect(businessDayOf(utc('2026-10-25T00:30'), RIGA, '03:30')).toBe('2026-10-25'); // 03:30 EEST
    expect(businessDayOf(utc('2026-10-25T01:10'), RIGA, '03:30')).toBe('2026-10-25'); // 03:10 EET, repeated hour
    expect(businessDayOf(utc('2026-10-25T01:59'), RIGA, '04:00')).toBe('2026-10-24'); // 03:59 EET
    expect(businessDayOf(utc('2026-10-25T02:00'), RIGA, '04:00')).toBe('2026-10-25'); // 04:00 EET
  });

  it('is monotonic minute by minute through both 2026 change nights', () => {
    for (const [from, dayStart] of [['2026-03-28T20:00', '03:30'], ['2026-10-24T20:00', '03:30'], ['2026-10-24T20:00', '04:00'], ['2026-03-28T20:00', '00:00']] as const) {
      let last = '';
      for (let t = utc(from); t < utc(from) + 12 * 3_600_000; t += 60_000) {
        const day = businessDayOf(t, RIGA, dayStart);
        expect(day >= last).toBe(true);
        last = day;
      }
    }
  });
});

describe('local clock helpers', () => {
  it('gives local hour and ISO weekday in the branch zone', () => {
    const t = utc('2026-11-29T22:30'); // Monday 00:30 in Riga, Sunday in UTC
    expect(localHour(t, RIGA)).toBe(0);
    expect(isoWeekday(t, RIGA)).toBe(1);
    expect(localClock(t, RIGA)).toMatchObject({ date: '2026-11-30', minute: 30, minutesOfDay: 30 });
  });

  it('gives the ISO weekday of a calendar date, Sunday as 7', () => {
    expect(dateIsoWeekday('2026-11-30')).toBe(1);
    expect(dateIsoWeekday('2026-11-29')).toBe(7);
    expect(dateIsoWeekday('2026-03-29')).toBe(7); // a DST change day is still a whole calendar date
    expect(dateIsoWeekday('2028-02-29')).toBe(2);
  });
});
