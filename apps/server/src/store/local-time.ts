import { localClock } from '@rinda/shared';

/** Local hour (0–23) and ISO weekday (1 = Monday … 7 = Sunday) of an instant, as the projections store them. */
export function localHourAndWeekday(at: number, timeZone: string): { hour: number; weekday: number } {
  const clock = localClock(at, timeZone);
  return { hour: clock.hour, weekday: clock.isoWeekday };
}
