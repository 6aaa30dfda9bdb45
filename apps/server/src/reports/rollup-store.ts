import type { Database } from 'better-sqlite3';
import { computeDayPartials, DIMS, type DayPartials, type Dim } from './day-partials';
import { compactPartial, emptyPartial, mergePartial, type GroupPartials } from './report-partial';
import { settingsSignature, type ReportSettings } from './report-settings';
import { addDays, businessDayBounds } from './zoned-time';

export interface RollupDeps {
  /** Read-only connection: reports never hold the live path's connection. */
  readDb: Database;
  /** Connection that stores roll-ups (a small transaction per closed day). */
  writeDb: Database;
  settings: () => ReportSettings;
  now: () => number;
}

/** Lets the event loop serve the live path between two days of roll-up work. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Partials of a dimension for each business day in [from, to]: closed days from their roll-up (built
 * on first use), the open day computed live. Days after today have nothing yet.
 */
export async function dayPartials(deps: RollupDeps, from: string, to: string, dim: Dim): Promise<Map<string, GroupPartials>> {
  const settings = deps.settings();
  const signature = settingsSignature(settings);
  const stored = loadRollups(deps.readDb, from, to, dim, signature);
  const result = new Map<string, GroupPartials>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const cached = stored.get(day);
    if (cached) {
      result.set(day, cached);
      continue;
    }
    const bounds = businessDayBounds(day, settings.dayStart, settings.timeZone);
    const now = deps.now();
    if (bounds.startsAt > now) break;
    const closed = bounds.endsAt <= now;
    const partials = computeDayPartials(deps.readDb, { bounds, horizon: Math.min(now, bounds.endsAt), closed, settings });
    if (closed) storeRollup(deps.writeDb, bounds, signature, partials, now);
    result.set(day, partials[dim]);
    await yieldToEventLoop();
  }
  return result;
}

function loadRollups(db: Database, from: string, to: string, dim: Dim, signature: string): Map<string, GroupPartials> {
  const rows = db
    .prepare(
      `SELECT d.business_day AS day, r.key, r.data FROM report_rollup_days d
       LEFT JOIN report_rollups r ON r.business_day = d.business_day AND r.dim = @dim
       WHERE d.business_day BETWEEN @from AND @to AND d.signature = @signature`,
    )
    .all({ from, to, dim, signature }) as { day: string; key: string | null; data: string | null }[];
  const out = new Map<string, GroupPartials>();
  for (const r of rows) {
    let groups = out.get(r.day);
    if (!groups) out.set(r.day, (groups = new Map()));
    if (r.key === null || r.data === null) continue;
    const p = emptyPartial();
    mergePartial(p, JSON.parse(r.data));
    groups.set(r.key, p);
  }
  return out;
}

function storeRollup(db: Database, bounds: { day: string; startsAt: number; endsAt: number }, signature: string, partials: DayPartials, now: number): void {
  const upsertDay = db.prepare(
    `INSERT INTO report_rollup_days (business_day, starts_at, ends_at, signature, computed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (business_day) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at,
       signature = excluded.signature, computed_at = excluded.computed_at`,
  );
  const clear = db.prepare('DELETE FROM report_rollups WHERE business_day = ?');
  const insert = db.prepare('INSERT INTO report_rollups (business_day, dim, key, data) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    upsertDay.run(bounds.day, bounds.startsAt, bounds.endsAt, signature, now);
    clear.run(bounds.day);
    for (const dim of DIMS)
      for (const [key, p] of partials[dim]) insert.run(bounds.day, dim, key, JSON.stringify(compactPartial(p)));
  }).immediate();
}
