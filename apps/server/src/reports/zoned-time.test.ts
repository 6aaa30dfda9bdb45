import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localClock } from '@rinda/shared';
import { hourSlots } from './zoned-time';

// Zones whose offsets are not whole hours or whose clocks move by less than an hour, and a plain one.
const ZONES = ['Europe/Riga', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu'];
const YEAR_2026 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

/** The reference: every minute of the span counted in the local hour its start shows. */
function minutesPerHour(from: number, to: number, timeZone: string): Map<number, number> {
  const out = new Map<number, number>();
  for (let t = from; t < to; t += MINUTE) {
    const hour = localClock(t, timeZone).hour;
    out.set(hour, (out.get(hour) ?? 0) + Math.min(MINUTE, to - t));
  }
  return out;
}

function slotTotals(from: number, to: number, timeZone: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of hourSlots(from, to, timeZone)) out.set(s.hour, (out.get(s.hour) ?? 0) + (s.to - s.from));
  return out;
}

describe('hourSlots', () => {
  it('gives each local hour exactly the minutes the clock shows it, clock changes included, in any zone', () => {
    // Spans of up to 30 hours starting on any minute of 2026, and spans around each zone's own clock changes.
    const span = fc.record({
      zone: fc.constantFrom(...ZONES),
      from: fc.integer({ min: 0, max: 365 * 24 * 60 }).map((m) => YEAR_2026 + m * MINUTE),
      minutes: fc.integer({ min: 1, max: 30 * 60 }),
    });
    fc.assert(
      fc.property(span, ({ zone, from, minutes }) => {
        const to = from + minutes * MINUTE;
        expect(slotTotals(from, to, zone)).toEqual(minutesPerHour(from, to, zone));
      }),
      { numRuns: 60 },
    );
  });

  it('cuts the hours of the days the clocks change at :45 (Pacific/Chatham) and by half an hour (Lord Howe)', () => {
    for (const [zone, day] of [
      ['Pacific/Chatham', '2026-04-05'],
      ['Pacific/Chatham', '2026-09-27'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-10-04'],
    ] as const) {
      // The local day from 00:00 to 00:00, found from a UTC window wide enough for any offset.
      const from = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - 14 * 3_600_000;
      const to = from + 28 * 3_600_000;
      expect(slotTotals(from, to, zone), `${zone} ${day}`).toEqual(minutesPerHour(from, to, zone));
      // Day-long spans holding the change (one offset at each end), starting on and off the hour.
      for (let start = from; start + 24 * 3_600_000 <= to; start += 97 * MINUTE)
        expect(slotTotals(start, start + 24 * 3_600_000, zone), `${zone} from ${start}`).toEqual(minutesPerHour(start, start + 24 * 3_600_000, zone));
    }
  });
});
