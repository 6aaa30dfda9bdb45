/**
 * Business-day arithmetic in the branch's IANA zone. SQLite has no time zones, so reports turn
 * business days into epoch-ms bounds here and pass them to SQL.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(at: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in ms (Riga in summer: +3 h). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/** The instant a local wall-clock time occurs; in a DST gap, the first instant after it. */
export function localToEpoch(date: string, clock: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = clock.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let at = wall - zoneOffsetMs(wall, timeZone);
  at = wall - zoneOffsetMs(at, timeZone);
  return at;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export interface DayBounds {
  day: string;
  startsAt: number;
  endsAt: number;
}

/** A business day runs from its date's dayStart to the next date's dayStart, in the branch's zone. */
export function businessDayBounds(day: string, dayStart: string, timeZone: string): DayBounds {
  return { day, startsAt: localToEpoch(day, dayStart, timeZone), endsAt: localToEpoch(addDays(day, 1), dayStart, timeZone) };
}

/** The business day an instant belongs to. */
export function businessDayOf(at: number, dayStart: string, timeZone: string): string {
  const p = localParts(at, timeZone);
  const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return at < localToEpoch(date, dayStart, timeZone) ? addDays(date, -1) : date;
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
    const offset = zoneOffsetMs(t, timeZone);
    const intoHour = (((t + offset) % 3_600_000) + 3_600_000) % 3_600_000;
    const next = Math.min(to, t + 3_600_000 - intoHour);
    slots.push({ hour: localParts(t, timeZone).hour, from: t, to: next });
    t = next;
  }
  return slots;
}

export function localHour(at: number, timeZone: string): number {
  return localParts(at, timeZone).hour;
}
