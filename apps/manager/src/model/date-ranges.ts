import { addDays, dateIsoWeekday } from '@rinda/shared';

/** The report date presets, as business days in the branch's zone (shared businessDayOf gives today). */
export const RANGE_PRESETS = ['today', 'yesterday', 'thisWeek', 'last30', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DateRange {
  from: string;
  to: string;
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DateRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'thisWeek':
      return { from: addDays(today, 1 - dateIsoWeekday(today)), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
  }
}
