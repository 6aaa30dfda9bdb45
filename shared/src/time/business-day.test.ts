import { describe, expect, it } from 'vitest';
import { addDays, businessDayOf, businessDayStart, dateIsoWeekday, isoWeekday, localClock, localHour, parseClockTime } from './business-day';

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

  it('gives the same day as its definition whatever was asked before: instants in random order, zones and day starts interleaved', () => {
    // businessDayOf keeps its last answer with the instants that day spans; this holds it to the definition
    // read afresh each time, jumping back and forth across change nights, midnights and day starts.
    const byDefinition = (t: number, zone: string, dayStart: string) => {
      const today = localClock(t, zone).date;
      return t >= businessDayStart(today, zone, parseClockTime(dayStart)) ? today : addDays(today, -1);
    };
    const cases = [
      [RIGA, '03:30', '2026-03-28T20:00'],
      [RIGA, '04:00', '2026-10-24T20:00'],
      [RIGA, '00:00', '2026-11-24T20:00'],
      ['America/New_York', '02:30', '2026-03-08T04:00'],
      ['Australia/Lord_Howe', '02:00', '2026-04-04T12:00'],
    ] as const;
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const [zone, dayStart, from] = cases[Math.floor(random() * cases.length)]!;
      // Four instants close together, as a server asks, anywhere in the two days around a change night or midnight.
      const t = utc(from) + Math.floor(random() * 2 * 86_400_000);
      for (const at of [t, t + 1, t - 1, t + 60_000]) {
        if (businessDayOf(at, zone, dayStart) !== byDefinition(at, zone, dayStart)) mismatches.push(`${zone} ${dayStart} ${new Date(at).toISOString()}`);
      }
    }
    // Each side of every day's first instant, asked right after an instant of the same day (so its span is the one kept).
    for (const [zone, dayStart, from] of cases) {
      for (let d = -1; d < 3; d++) {
        const day = addDays(from.slice(0, 10), d);
        const start = businessDayStart(day, zone, parseClockTime(dayStart));
        const end = businessDayStart(addDays(day, 1), zone, parseClockTime(dayStart));
        for (const at of [start + 1, start - 1, start, end - 1, end, end - 2]) {
          if (businessDayOf(at, zone, dayStart) !== byDefinition(at, zone, dayStart)) mismatches.push(`${zone} ${dayStart} ${new Date(at).toISOString()}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
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

describe('localClock across offset changes', () => {
  // An independent reading straight from Intl, to hold the remembered offsets to.
  function intlReading(epochMs: number, timeZone: string): string {
    const f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    return f.format(epochMs);
  }
  const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const reading = (epochMs: number, timeZone: string): string => {
    const c = localClock(epochMs, timeZone);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${WEEKDAYS[c.isoWeekday]}, ${p(c.day)}/${p(c.month)}/${c.year}, ${p(c.hour)}:${p(c.minute)}:${p(c.second)}`;
  };

  it('agrees with Intl second by second around DST changes, half-hour shifts and odd offsets, zones interleaved', () => {
    const nights = [
      ['Europe/Riga', '2026-03-29T01:00'],
      ['Europe/Riga', '2026-10-25T01:00'],
      ['America/New_York', '2026-03-08T07:00'],
      ['America/New_York', '2026-11-01T06:00'],
      ['Australia/Lord_Howe', '2026-04-04T15:00'], // 30-minute shift
      ['Asia/Kathmandu', '2026-06-01T00:00'], // +05:45, no change
    ] as const;
    const mismatches: string[] = [];
    // Steps of 7.217 s over six hours either side, each instant read in every zone in turn, so the
    // remembered offset of one zone is used between readings of another and crosses every change.
    for (let step = -3000; step <= 3000; step++) {
      for (const [zone, iso] of nights) {
        const t = utc(iso) + step * 7_217;
        if (reading(t, zone) !== intlReading(t, zone)) mismatches.push(`${zone} ${new Date(t).toISOString()}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('reads the instant just before and at a change from the right side of it', () => {
    const change = utc('2026-10-25T01:00'); // Riga: 04:00 EEST becomes 03:00 EET
    localClock(change - 3_600_000, RIGA);
    expect(localClock(change - 1, RIGA)).toMatchObject({ hour: 3, minute: 59, second: 59 });
    expect(localClock(change, RIGA)).toMatchObject({ hour: 3, minute: 0, second: 0 });
    expect(localClock(change + 1_800_000, RIGA)).toMatchObject({ hour: 3, minute: 30 });
  });
});
