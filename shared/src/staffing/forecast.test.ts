import { describe, expect, it } from 'vitest';
import { addDays } from '../time/business-day';
import { cellKey, forecastWeek, trimmedMean, wapePercent, type DayFigures, type HourFigures } from './forecast';

const MONDAY = '2026-11-30';

function hour(arrivals: number, serviceSec = 300, noShows = 0): HourFigures {
  return {
    arrivals,
    served: arrivals - noShows,
    serviceSumSec: (arrivals - noShows) * serviceSec,
    called: arrivals,
    noShows,
    waitSumSec: arrivals * 120,
    serviceBuckets: arrivals - noShows > 0 ? [[serviceSec - 1, serviceSec, arrivals - noShows]] : [],
  };
}

/** `weeks` weeks of closed days before MONDAY; `arrivalsOn(day, weeksBack)` gives cash at 10:00 that day. */
function history(weeks: number, arrivalsOn: (day: string, weeksBack: number) => number, serviceSec = 300): DayFigures[] {
  const days: DayFigures[] = [];
  for (let i = weeks * 7; i >= 1; i--) {
    const day = addDays(MONDAY, -i);
    const n = arrivalsOn(day, Math.ceil(i / 7));
    days.push({ day, services: new Map(n > 0 ? [['cash', new Map([[10, hour(n, serviceSec)]])]] : []) });
  }
  return days;
}

describe('trimmedMean', () => {
  it('leaves out a holiday and a one-off rush among eight weeks', () => {
    expect(trimmedMean([20, 20, 0, 20, 20, 95, 20, 20])).toBe(20);
  });
  it('is the median of three and the mean of two', () => {
    expect(trimmedMean([1, 50, 3])).toBe(3);
    expect(trimmedMean([2, 4])).toBe(3);
    expect(trimmedMean([])).toBe(0);
  });
});

describe('wapePercent', () => {
  it('weighs each error by the volume it happened on', () => {
    expect(wapePercent([{ actual: 10, forecast: 8 }, { actual: 30, forecast: 33 }])).toBeCloseTo((5 / 40) * 100, 9);
    expect(wapePercent([{ actual: 0, forecast: 3 }])).toBeNull();
  });
});

describe('forecastWeek', () => {
  it('forecasts each weekday and hour from the same weekday of recent weeks, robust to a holiday', () => {
    // Mondays bring 20 at 10:00, other days 8; one Monday three weeks back was a holiday (closed, no tickets).
    const holiday = addDays(MONDAY, -21);
    const h = history(12, (day, _w) => (day === holiday ? 0 : new Date(`${day}T12:00:00Z`).getUTCDay() === 1 ? 20 : 8));
    const f = forecastWeek(h, MONDAY).get('cash')!;
    expect(f.cells.get(cellKey(1, 10))!.arrivals).toBe(20);
    expect(f.cells.get(cellKey(2, 10))!.arrivals).toBe(8);
    expect(f.cells.get(cellKey(1, 10))!.weeks).toBe(8);
    expect(f.cells.get(cellKey(1, 10))!.serviceTime.meanSec).toBe(300);
  });

  it('back-tests itself: no error on a steady history, and the error a changed week makes', () => {
    const steady = forecastWeek(history(12, () => 10), MONDAY).get('cash')!;
    expect(steady.arrivalsWapePercent).toBe(0);
    expect(steady.serviceTimeWapePercent).toBe(0);
    // Last week every day had 15 instead of 10: forecast 10 (the trimmed mean leaves the new level out of
    // eight weeks until it is more than an outlier), error 5 of 15 on those 7 days, none on the 21 before.
    const jump = forecastWeek(history(12, (_d, weeksBack) => (weeksBack === 1 ? 15 : 10)), MONDAY).get('cash')!;
    expect(jump.arrivalsWapePercent).toBeCloseTo(((7 * 5) / (7 * 15 + 21 * 10)) * 100, 6);
    expect(jump.cells.get(cellKey(3, 10))!.arrivalsWapePercent).toBeCloseTo((5 / (15 + 30)) * 100, 6);
  });

  it('uses the service over the whole day for the service time of a cell with few served', () => {
    const days: DayFigures[] = [];
    for (let i = 56; i >= 1; i--) {
      const day = addDays(MONDAY, -i);
      days.push({ day, services: new Map([['cash', new Map([[9, hour(2, 600)], [10, hour(40, 200)]])]]) });
    }
    const f = forecastWeek(days, MONDAY).get('cash')!;
    expect(f.cells.get(cellKey(1, 10))!.serviceTime.meanSec).toBe(200);
    // 9:00 served 2 × 8 = 16 legs, too few: the whole day's (16 × 600 + 320 × 200) / 336.
    expect(f.cells.get(cellKey(1, 9))!.serviceTime.meanSec).toBeCloseTo((16 * 600 + 320 * 200) / 336, 9);
  });

  it('reads patience from no-shows: their share of called legs over the mean wait', () => {
    const days: DayFigures[] = [];
    for (let i = 56; i >= 1; i--) days.push({ day: addDays(MONDAY, -i), services: new Map([['cash', new Map([[10, hour(20, 300, 2)]])]]) });
    const f = forecastWeek(days, MONDAY).get('cash')!;
    expect(f.abandonPerSec).toBeCloseTo(0.1 / 120, 12);
  });
});
