/** The report date presets, as business days in the branch's zone (the server counts days the same way). */
export const RANGE_PRESETS = ['today', 'yesterday', 'thisWeek', 'last30', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DateRange {
  from: string;
  to: string;
}

export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The business day an instant falls in: before the day start it still belongs to the previous date. */
export function businessDay(at: number, timeZone: string, dayStart: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return `${parts.hour}:${parts.minute}` < dayStart ? shiftDate(date, -1) : date;
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DateRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: shiftDate(today, -1), to: shiftDate(today, -1) };
    case 'thisWeek': {
      const weekday = new Date(`${today}T12:00:00Z`).getUTCDay() || 7;
      return { from: shiftDate(today, 1 - weekday), to: today };
    }
    case 'last30':
      return { from: shiftDate(today, -29), to: today };
  }
}
