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

/**
 * The local clock hours a span covers (23 or 25 on DST days), each clipped to the span. A slot also ends where the
 * zone's offset changes: that is not always on a UTC hour (Pacific/Chatham changes at :45 local, a 45-minute
 * offset), and the local hour after the change is another one.
 */
export function hourSlots(from: number, to: number, timeZone: string): HourSlot[] {
  const slots: HourSlot[] = [];
  let t = from;
  while (t < to) {
    const local = localClock(t, timeZone);
    const intoHour = local.minute * 60_000 + local.second * 1000 + (((t % 1000) + 1000) % 1000);
    let next = Math.min(to, t + 3_600_000 - intoHour);
    const offset = offsetAt(t, timeZone);
    if (offsetAt(next - 1, timeZone) !== offset) next = firstInstantWithOtherOffset(t, next - 1, offset, timeZone);
    slots.push({ hour: local.hour, from: t, to: next });
    t = next;
  }
  return slots;
}

/** The zone's offset from UTC at an instant, in ms (the local wall clock read as UTC, minus the instant). */
function offsetAt(t: number, timeZone: string): number {
  const c = localClock(t, timeZone);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(t / 1000) * 1000;
}

/** The first instant in (lo, hi] whose offset is not `offset`, given that hi's is not: a binary search (one change per hour at most). */
function firstInstantWithOtherOffset(lo: number, hi: number, offset: number, timeZone: string): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === offset) lo = mid;
    else hi = mid;
  }
  return hi;
}
