import type { Database } from 'better-sqlite3';
import { computeDayPartials, DIMS, noDataGroups, LATER_DIMS, type DayPartials, type Dim } from './day-partials';
import { emptyPartial, encodePartial, mergePartial, ROLLUP_FORMAT, type JsonPartial, type LoadedGroups } from './report-partial';
import { settingsSignature, type ReportSettings } from './report-settings';
import { addDays, businessDayOf } from '@rinda/shared';
import { businessDayBounds } from './zoned-time';
import type { ConvertedRow, EncodedPeriod, RollupSink } from './rollup-writes';

export interface RollupDeps {
  /** Read-only connection: reports never hold the live path's connection. */
  readDb: Database;
  /** Where roll-ups are stored (a short transaction per closed day or month): rollup-writes.ts. */
  writeRollups: RollupSink;
  settings: () => ReportSettings;
  now: () => number;
}

/** Lets the event loop serve the live path between two days of roll-up work. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Partials of a dimension over [from, to], keyed by period: whole closed calendar months come from
 * month roll-ups when `months` is allowed (groupings that do not split by day), everything else day by day.
 */
export async function periodPartials(deps: RollupDeps, from: string, to: string, dim: Dim, months: boolean): Promise<Map<string, LoadedGroups>> {
  if (!months || !MONTH_DIMS.includes(dim)) return dayPartials(deps, from, to, dim);
  const settings = deps.settings();
  const signature = settingsSignature(settings);
  const result = new Map<string, LoadedGroups>();
  const segments = monthSegments(from, to);
  const closedMonths = segments.filter((s) => s.whole && businessDayBounds(s.to, settings.dayStart, settings.timeZone).endsAt <= deps.now());
  const stored = loadRollups(deps.readDb, closedMonths.map((s) => s.month), dim, monthSignature(signature));
  for (const s of segments) {
    if (closedMonths.includes(s)) {
      const groups = stored.get(s.month) ?? (await buildMonth(deps, s, signature))[dim];
      result.set(s.month, groups);
    } else {
      for (const [day, groups] of await dayPartials(deps, s.from, s.to, dim)) result.set(day, groups);
    }
  }
  return result;
}

/**
 * Partials of a dimension for each business day in [from, to]: closed days from their roll-up (built
 * on first use), the open day computed live. Days after today have nothing yet.
 */
export async function dayPartials(deps: RollupDeps, from: string, to: string, dim: Dim): Promise<Map<string, LoadedGroups>> {
  const settings = deps.settings();
  const signature = settingsSignature(settings);
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  const stored = loadRollups(deps.readDb, days, dim, signature);
  const result = new Map<string, LoadedGroups>();
  const firstData = firstDayWithData(deps.readDb, settings);
  for (const day of days) {
    const cached = usable(stored.get(day), dim);
    if (cached) {
      result.set(day, cached);
      continue;
    }
    const bounds = businessDayBounds(day, settings.dayStart, settings.timeZone);
    const now = deps.now();
    if (bounds.startsAt > now) break;
    const closed = bounds.endsAt <= now;
    // Before the branch's first ticket or counter event a day is empty: its observed hours are arithmetic, not
    // worth a roll-up (a year's report on a new branch would otherwise build and store hundreds of empty days).
    const dayCtx = { bounds, horizon: Math.min(now, bounds.endsAt), closed, settings };
    if (firstData === null || day < firstData) {
      result.set(day, noDataGroups(dayCtx, dim));
      continue;
    }
    const partials = computeDayPartials(deps.readDb, dayCtx);
    if (closed) await storeRollup(deps.writeRollups, { period: day, startsAt: bounds.startsAt, endsAt: bounds.endsAt, partials }, signature, now);
    result.set(day, partials[dim]);
    await yieldToEventLoop();
  }
  return result;
}

/** The first business day with a ticket or a counter event; null when there is none yet. */
export function firstDayWithData(db: Database, settings: ReportSettings): string | null {
  const ticketDay = (db.prepare('SELECT min(business_day) AS day FROM tickets').get() as { day: string | null }).day;
  const counterAt = (db.prepare('SELECT min(at) AS at FROM counter_events').get() as { at: number | null }).at;
  const counterDay = counterAt === null ? null : businessDayOf(counterAt, settings.timeZone, settings.dayStart);
  const days = [ticketDay, counterDay].filter((d) => d !== null).sort();
  return days[0] ?? null;
}

interface StoredPeriod {
  period: string;
  startsAt: number;
  endsAt: number;
  partials: DayPartials;
}

/** A stored period's groups, unless it was rolled up before `dim` existed (not even its marker group is there). */
function usable(groups: LoadedGroups | undefined, dim: Dim): LoadedGroups | undefined {
  return groups && LATER_DIMS.has(dim) && groups.size === 0 ? undefined : groups;
}

export interface MonthSegment {
  month: string;
  from: string;
  to: string;
  /** The segment covers the whole calendar month. */
  whole: boolean;
}

export function monthSegments(from: string, to: string): MonthSegment[] {
  const segments: MonthSegment[] = [];
  for (let first = `${from.slice(0, 7)}-01`; first <= to; first = addDays(first, 40).slice(0, 8) + '01') {
    const last = addDays(addDays(first, 40).slice(0, 8) + '01', -1);
    const segFrom = first < from ? from : first;
    const segTo = last > to ? to : last;
    segments.push({ month: first.slice(0, 7), from: segFrom, to: segTo, whole: segFrom === first && segTo === last });
  }
  return segments;
}

/** Month roll-ups hold the report groupings; staffing's hour-by-service dimensions are read by day only. */
export const MONTH_DIMS: readonly Dim[] = DIMS.filter((d) => !LATER_DIMS.has(d));

/** Merges a closed month's day roll-ups (building those that are missing) into month rows for every dimension. */
async function buildMonth(deps: RollupDeps, s: MonthSegment, signature: string): Promise<DayPartials> {
  const settings = deps.settings();
  const month = Object.fromEntries(DIMS.map((d) => [d, new Map()])) as DayPartials;
  for (const dim of MONTH_DIMS) {
    for (const groups of (await dayPartials(deps, s.from, s.to, dim)).values()) {
      for (const [key, p] of groups) {
        let acc = month[dim].get(key);
        if (!acc) month[dim].set(key, (acc = emptyPartial()));
        mergePartial(acc, p);
      }
    }
  }
  const bounds = {
    period: s.month,
    startsAt: businessDayBounds(s.from, settings.dayStart, settings.timeZone).startsAt,
    endsAt: businessDayBounds(s.to, settings.dayStart, settings.timeZone).endsAt,
  };
  await storeRollup(deps.writeRollups, { ...bounds, partials: month }, monthSignature(signature), deps.now());
  return month;
}

/**
 * A month's signature also names the storage format: a month stored as JSON by an earlier version is
 * rebuilt once from its days (seconds), so whole-history reports read months in the fast form. Day
 * roll-ups are read in either form as they are: rebuilding a year of days takes many minutes.
 */
function monthSignature(signature: string): string {
  return `${signature} format ${ROLLUP_FORMAT}`;
}

/**
 * Rewrites the day roll-ups that an earlier version stored as JSON (format 1) in format 2,
 * one day per transaction: the same figures, which reports then read several times faster. Cheaper than
 * rebuilding them (that reads every leg again). A row changed meanwhile (a day dropped and rebuilt) is
 * left as it is.
 */
export async function convertJsonDays(deps: Pick<RollupDeps, 'readDb' | 'writeRollups'>): Promise<number> {
  const days = deps.readDb
    .prepare("SELECT DISTINCT business_day AS day FROM report_rollups WHERE typeof(data) = 'text' AND length(business_day) = 10")
    .pluck()
    .all() as string[];
  // The key starts with dim: naming every dim lets SQLite look a day's rows up instead of scanning the table.
  const read = deps.readDb.prepare(
    `SELECT dim, key, data FROM report_rollups WHERE dim IN (SELECT value FROM json_each(@dims)) AND business_day = @day AND typeof(data) = 'text'`,
  );
  for (const day of days) {
    const rows = (read.all({ dims: JSON.stringify(DIMS), day }) as Omit<ConvertedRow, 'encoded'>[]).map((r) => {
      const partial = emptyPartial();
      mergePartial(partial, JSON.parse(r.data) as JsonPartial);
      return { ...r, encoded: encodePartial(partial) };
    });
    await deps.writeRollups({ kind: 'convert', day, rows });
    await yieldToEventLoop();
  }
  return days.length;
}

/** Stored roll-ups of the given periods (days or months) whose configuration signature still matches. */
function loadRollups(db: Database, periods: string[], dim: Dim, signature: string): Map<string, LoadedGroups> {
  const out = new Map<string, LoadedGroups>();
  if (periods.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT d.business_day AS period, r.key, r.data FROM report_rollup_days d
       LEFT JOIN report_rollups r ON r.business_day = d.business_day AND r.dim = @dim
       WHERE d.business_day IN (SELECT value FROM json_each(@periods)) AND d.signature = @signature`,
    )
    .all({ periods: JSON.stringify(periods), dim, signature }) as { period: string; key: string | null; data: Buffer | string | null }[];
  for (const r of rows) {
    let groups = out.get(r.period);
    if (!groups) out.set(r.period, (groups = new Map()));
    if (r.key === null || r.data === null) continue;
    groups.set(r.key, typeof r.data === 'string' ? (JSON.parse(r.data) as JsonPartial) : r.data);
  }
  return out;
}

/** Stores a period's roll-up (in its own transaction: rollup-writes.ts), replacing what the period held. */
function storeRollup(sink: RollupSink, { period, startsAt, endsAt, partials }: StoredPeriod, signature: string, computedAt: number): Promise<void> {
  const rows = DIMS.flatMap((dim) => [...partials[dim]].map(([key, p]): EncodedPeriod['rows'][number] => [dim, key, encodePartial(p)]));
  return sink({ kind: 'store', period: { period, startsAt, endsAt, rows }, signature, computedAt });
}
