/**
 * Local time in the branch's IANA zone, from Intl only (no offset tables, no cron): the same code gives the
 * same answer in a browser, in Node and in tests, across daylight-saving changes.
 */

export interface LocalClock {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  /** hour × 60 + minute. */
  minutesOfDay: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
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

/**
 * Intl is the zone authority but formatToParts costs microseconds, and the server asks for every ticket
 * and leg it writes. So the offset Intl gives is remembered per zone for the UTC hour around the instant,
 * when it is the same at both ends of that hour: no real zone changes its offset twice within an hour, so
 * equal ends mean no change inside. An hour holding a change (a DST night) is never remembered; every
 * instant in it goes to Intl.
 */
interface OffsetWindow {
  from: number;
  until: number;
  offsetMs: number;
}
const offsetWindows = new Map<string, OffsetWindow>();
const HOUR_MS = 3_600_000;

export function localClock(epochMs: number, timeZone: string): LocalClock {
  const known = offsetWindows.get(timeZone);
  if (known && epochMs >= known.from && epochMs < known.until) return clockOfWall(epochMs + known.offsetMs);
  const clock = intlClock(epochMs, timeZone);
  rememberOffset(epochMs, timeZone, clock);
  return clock;
}

function rememberOffset(epochMs: number, timeZone: string, clock: LocalClock): void {
  // Date.UTC reads years 0–99 as 19xx; such instants simply stay uncached.
  if (clock.year < 1000) return;
  const from = Math.floor(epochMs / HOUR_MS) * HOUR_MS;
  const until = from + HOUR_MS;
  const offsetMs = offsetOfClock(epochMs, clock);
  if (offsetOfClock(from, intlClock(from, timeZone)) !== offsetMs) return;
  if (offsetOfClock(until - 1, intlClock(until - 1, timeZone)) !== offsetMs) return;
  offsetWindows.set(timeZone, { from, until, offsetMs });
}

/** Wall clock minus instant: Intl gives whole seconds, so both sides are floored to the second. */
function offsetOfClock(epochMs: number, c: LocalClock): number {
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(epochMs / 1000) * 1000;
}

/** The clock fields of a wall time held as if it were UTC. */
function clockOfWall(wallMs: number): LocalClock {
  const t = new Date(wallMs);
  return clockOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
}

function intlClock(epochMs: number, timeZone: string): LocalClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(epochMs)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return clockOf(parts.year ?? 0, parts.month ?? 1, parts.day ?? 1, (parts.hour ?? 0) % 24, parts.minute ?? 0, parts.second ?? 0);
}

function clockOf(year: number, month: number, day: number, hour: number, minute: number, second: number): LocalClock {
  const utcWeekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return {
    date: formatDate(year, month, day),
    year,
    month,
    day,
    hour,
    minute,
    second,
    isoWeekday: utcWeekday === 0 ? 7 : utcWeekday,
    minutesOfDay: hour * 60 + minute,
  };
}

/** Local hour 0–23 (the server writes it as issued_hour / started_hour). */
export function localHour(epochMs: number, timeZone: string): number {
  return localClock(epochMs, timeZone).hour;
}

/** Local ISO weekday 1 (Monday) – 7 (Sunday). */
export function isoWeekday(epochMs: number, timeZone: string): number {
  return localClock(epochMs, timeZone).isoWeekday;
}

/** Local calendar date, YYYY-MM-DD. */
function localDate(epochMs: number, timeZone: string): string {
  return localClock(epochMs, timeZone).date;
}

/** "HH:MM" → minutes after midnight. */
export function parseClockTime(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date YYYY-MM-DD, such as a business day's name (no zone involved). */
export function dateIsoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).getUTCDay() || 7;
}

/** YYYY-MM-DD plus `days` calendar days (pure calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days));
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The business day an instant belongs to, named by the local date on which that business day began.
 *
 * A business day D begins at the first instant whose local wall clock on date D reads `dayStart` or later.
 * Defined this way (rather than "wall clock < dayStart means yesterday") the day never goes backwards:
 * when clocks fall back through `dayStart` the repeated hour stays in the new day, and when they spring
 * forward over it the day begins at the jump. So numbering never restarts twice in one night.
 */
export function businessDayOf(epochMs: number, timeZone: string, dayStart: string): string {
  const known = lastBusinessDay;
  if (known && epochMs >= known.from && epochMs < known.until && known.timeZone === timeZone && known.dayStart === dayStart) return known.day;
  const startMin = parseClockTime(dayStart);
  const today = localDate(epochMs, timeZone);
  const day = epochMs >= businessDayStart(today, timeZone, startMin) ? today : addDays(today, -1);
  // Day D is every instant from its start up to D + 1's: the definition above, read the other way.
  lastBusinessDay = { timeZone, dayStart, day, from: businessDayStart(day, timeZone, startMin), until: businessDayStart(addDays(day, 1), timeZone, startMin) };
  return day;
}

/**
 * The server asks for the business day of "now" several times per ticket (its number, people ahead, the
 * queue lines): the last answer is kept with the instants its day spans, so the same day costs two comparisons.
 */
let lastBusinessDay: { timeZone: string; dayStart: string; day: string; from: number; until: number } | null = null;

const dayStarts = new Map<string, number>();
/**
 * Enough for every zone and day a branch server asks about in a while, a report over three years included (each day
 * needs its start and the next day's); cleared, not evicted, when full.
 */
const DAY_START_CACHE_SIZE = 4096;

/** First instant of business day `date` (see businessDayOf). */
export function businessDayStart(date: string, timeZone: string, dayStartMinutes: number): number {
  const key = `${timeZone}|${date}|${dayStartMinutes}`;
  const cached = dayStarts.get(key);
  if (cached !== undefined) return cached;
  if (dayStarts.size >= DAY_START_CACHE_SIZE) dayStarts.clear();
  const start = computeBusinessDayStart(date, timeZone, dayStartMinutes);
  dayStarts.set(key, start);
  return start;
}

function computeBusinessDayStart(date: string, timeZone: string, dayStartMinutes: number): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, 0, dayStartMinutes);
  // Offsets a day either side bracket any change on this date (real zones change at most once a day).
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => wallTime(t, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // The wall time does not exist (clocks jumped over it): the day begins at the jump.
  return firstInstantAtOrAfterWall(wall, timeZone, Math.min(wall - before, wall - after), Math.max(wall - before, wall - after));
}

/** Local wall clock of an instant, as if it were UTC, floored to the minute. */
function wallTime(epochMs: number, timeZone: string): number {
  const c = localClock(epochMs, timeZone);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute);
}

function offsetAt(epochMs: number, timeZone: string): number {
  const floored = Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
  return wallTime(floored, timeZone) - floored;
}

/** Binary search, to the minute, for the first instant in [lo, hi] whose wall clock is ≥ wall. */
function firstInstantAtOrAfterWall(wall: number, timeZone: string, lo: number, hi: number): number {
  let a = Math.floor(lo / MINUTE_MS);
  let b = Math.ceil(hi / MINUTE_MS);
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (wallTime(mid * MINUTE_MS, timeZone) >= wall) b = mid;
    else a = mid + 1;
  }
  return a * MINUTE_MS;
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
