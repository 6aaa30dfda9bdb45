import { addDays, businessDayStart, localClock, parseClockTime } from '@rinda/shared';

/**
 * What reports add to the shared business-day rules: a business day as epoch-ms bounds (SQLite has no
 * time zones, so SQL gets instants) and the local clock hours a span covers.
 */
export interface DayBounds {
  day: string;
  startsAt: number;
  endsAt: number;
}

/** A business day runs from its own start to the next day's start (shared/src/time decides both). */
export function businessDayBounds(day: string, dayStart: string, timeZone: string): DayBounds {
  const minutes = parseClockTime(dayStart);
  return { day, startsAt: businessDayStart(day, timeZone, minutes), endsAt: businessDayStart(addDays(day, 1), timeZone, minutes) };
}

export interface HourSlot {
  hour: number;
  from: number;
  to: number;
}

/** The local clock hours a span covers (23 or 25 on DST days), each clipped to the span. */
export function hourSlots(from: number, to: number, timeZone: string): HourSlot[] {
  const slots: HourSlot[] = [];
  let t = from;
  while (t < to) {
    const local = localClock(t, timeZone);
    const intoHour = local.minute * 60_000 + local.second * 1000 + (((t % 1000) + 1000) % 1000);
    const next = Math.min(to, t + 3_600_000 - intoHour);
    slots.push({ hour: local.hour, from: t, to: next });
    t = next;
  }
  return slots;
}
