import { addDays, businessDayStart, localClock, parseClockTime, type LocalClock } from '@rinda/shared';

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
 * offset), and the local hour after the change is another one. A span of at most a day whose ends have the same
 * offset holds no change (no zone changes its offset twice within a day): its hours are cut by arithmetic, which
 * spares a year's report some 30,000 questions to Intl.
 */
export function hourSlots(from: number, to: number, timeZone: string): HourSlot[] {
  if (to <= from) return [];
  const offset = offsetAt(from, timeZone);
  if (to - from <= DAY_MS && offsetAt(to - 1, timeZone) === offset) return slotsAtOffset(from, to, offset);
  const slots: HourSlot[] = [];
  let t = from;
  while (t < to) {
    const local = localClock(t, timeZone);
    const intoHour = local.minute * 60_000 + local.second * 1000 + (((t % 1000) + 1000) % 1000);
    let next = Math.min(to, t + 3_600_000 - intoHour);
    const here = offsetOf(local, t);
    if (offsetAt(next - 1, timeZone) !== here) next = firstInstantWithOtherOffset(t, next - 1, here, timeZone);
    slots.push({ hour: local.hour, from: t, to: next });
    t = next;
  }
  return slots;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The local hours of a span at one offset: the wall clock is the instant plus the offset. */
function slotsAtOffset(from: number, to: number, offset: number): HourSlot[] {
  const slots: HourSlot[] = [];
  for (let t = from; t < to; ) {
    const wall = t + offset;
    const next = Math.min(to, t + HOUR_MS - (((wall % HOUR_MS) + HOUR_MS) % HOUR_MS));
    slots.push({ hour: new Date(wall).getUTCHours(), from: t, to: next });
    t = next;
  }
  return slots;
}

/** The zone's offset from UTC at an instant, in ms: its local wall clock read as UTC, minus the instant (to the second). */
function offsetOf(c: LocalClock, t: number): number {
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(t / 1000) * 1000;
}

function offsetAt(t: number, timeZone: string): number {
  return offsetOf(localClock(t, timeZone), t);
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
