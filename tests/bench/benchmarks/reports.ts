/**
 * Figure 3: every report endpoint over generated histories of 1M and 5M tickets, over the whole
 * history, the last 30 days and one day, against a plain GROUP BY over the same range (the floor). The live
 * path while reports run is its own benchmark (live-path.ts), so it can be measured again alone.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addDays, businessDayOf, demoBranchConfig } from '@rinda/shared';
import { startBenchServer, sleep, type RunningServer } from '../bench-server';
import { bySize, type Benchmark, type BenchContext, type Figure } from '../bench-types';
import { benchHistory, type CachedHistory } from '../history/history-cache';
import { againstFloor } from '../figures';
import { elapsedMs, summarize } from '../stats';

export const ENDPOINTS: Record<string, string[]> = {
  summary: ['service', 'counter', 'teller', 'hour', 'weekday', 'day'],
  hourly: ['hour'],
  counters: ['counter', 'teller', 'weekday', 'day'],
  'wait-histogram': ['service', 'counter', 'teller', 'hour', 'weekday', 'day'],
};
const TARGET_MS: Record<string, number> = { '1M': 200, '5M': 1000, tiny: 200 };


interface Range {
  name: string;
  from: string;
  to: string;
}

function rangesOf(h: CachedHistory): Range[] {
  return [
    { name: 'whole history', from: h.firstDay, to: h.lastDay },
    { name: '30 days', from: addDays(h.lastDay, -29), to: h.lastDay },
    { name: 'one day', from: h.lastDay, to: h.lastDay },
  ];
}

const now = () => process.hrtime.bigint();

/** Connections the server dropped before answering (seen rarely, right after start); each is retried once and counted. */
export const droppedConnections = { count: 0 };

async function timeGet(url: string, token: string, retry = true): Promise<number> {
  const t = now();
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    if (retry) {
      droppedConnections.count++;
      return timeGet(url, token, false);
    }
    throw new Error(`GET ${url} after ${elapsedMs(t, now()).toFixed(0)} ms: ${(error as Error).message} (${String((error as Error).cause)})`);
  }
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return elapsedMs(t, now());
}

/** Periods from `since` on with their roll-ups stored: closed days ('YYYY-MM-DD'), and months ('YYYY-MM') from since's month. */
export function periodsRolledUp(db: Database.Database, since: string): { days: number; months: number } {
  return db
    .prepare(
      `SELECT coalesce(sum(length(business_day) = 10 AND business_day >= @since), 0) AS days,
              coalesce(sum(length(business_day) = 7 AND business_day >= @month), 0) AS months
         FROM report_rollup_days`,
    )
    .get({ since, month: since.slice(0, 7) }) as { days: number; months: number };
}

/** Waits for the server's start-up roll-up of closed days (what a running branch server always has). */
export async function waitForRollups(ctx: BenchContext, path: string, firstDay: string, limitMs: number): Promise<void> {
  const { timeZone, dayStart } = demoBranchConfig.branch;
  const yesterday = addDays(businessDayOf(Date.now(), timeZone, dayStart), -1);
  let expected = 0;
  for (let d = firstDay; d <= yesterday; d = addDays(d, 1)) expected++;
  const db = new Database(path, { readonly: true });
  const started = Date.now();
  let lastLog = started;
  try {
    for (;;) {
      const n = periodsRolledUp(db, firstDay).days;
      if (n >= expected) return;
      if (Date.now() - started > limitMs) throw new Error(`roll-ups incomplete after ${limitMs / 1000} s (${n}/${expected} days)`);
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        ctx.log(`  server rolling up closed days: ${n}/${expected}`);
      }
      await sleep(500);
    }
  } finally {
    db.close();
  }
}

/** The floor: one plain GROUP BY over the range's legs, as a report without roll-ups would start. */
function plainGroupBy(path: string, range: Range): number {
  const db = new Database(path, { readonly: true });
  try {
    const t = now();
    db.prepare(
      `SELECT service_id, count(*), avg(first_called_at - started_at), total(outcome = 'no_show')
       FROM ticket_legs WHERE business_day BETWEEN ? AND ? GROUP BY service_id`,
    ).all(range.from, range.to);
    return elapsedMs(t, now());
  } finally {
    db.close();
  }
}

async function reportFigures(ctx: BenchContext, sizeName: string, h: CachedHistory, server: RunningServer, token: string, title: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const target = TARGET_MS[sizeName]!;
  // The first whole-history request of each report after a start also builds what the start-up roll-up
  // does not (month roll-ups): timed apart, so the figures below are the steady state a manager sees.
  const whole = rangesOf(h)[0]!;
  const first: number[] = [];
  for (const [name, groupings] of Object.entries(ENDPOINTS))
    for (const groupBy of groupings) first.push(await timeGet(`${server.url}/api/reports/${name}?from=${whole.from}&to=${whole.to}&groupBy=${groupBy}`, token));
  const firstSummary = summarize(first);
  figures.push({
    section: title,
    name: `${sizeName}: first whole-history request of each report and grouping after start`,
    unit: 'ms',
    samples: firstSummary.n,
    median: firstSummary.median,
    p99: firstSummary.p99,
    floor: null,
    ratio: null,
    ratioOf: '',
    target: 'measured (once after each start)',
    met: null,
    note: droppedConnections.count ? `${droppedConnections.count} connection(s) dropped by the server before an answer, retried` : undefined,
  });
  for (const range of rangesOf(h)) {
    const repeats = bySize(ctx, range.name === 'whole history' ? { full: 3, quick: 1, tiny: 1 } : { full: 5, quick: 2, tiny: 1 });
    const floorSamples = Array.from({ length: bySize(ctx, { full: 3, quick: 1, tiny: 1 }) }, () => plainGroupBy(h.path, range));
    const floor = summarize(floorSamples);
    for (const [name, groupings] of Object.entries(ENDPOINTS)) {
      const samples: number[] = [];
      let worst = { groupBy: '', ms: 0 };
      for (const groupBy of groupings) {
        const url = `${server.url}/api/reports/${name}?from=${range.from}&to=${range.to}&groupBy=${groupBy}`;
        for (let i = 0; i < repeats; i++) {
          const ms = await timeGet(url, token);
          samples.push(ms);
          if (ms > worst.ms) worst = { groupBy, ms };
        }
      }
      figures.push(
        againstFloor({
          section: title,
          name: `${sizeName}: ${name}, ${range.name} (${range.from} … ${range.to})`,
          unit: 'ms',
          measured: summarize(samples),
          floor,
          floorLabel: 'plain GROUP BY over the range',
          target: `≤ ${target} ms`,
          judge: (_r, m) => m.p99 <= target,
          note: `all ${groupings.length} groupings; slowest: ${worst.groupBy} ${worst.ms.toFixed(0)} ms`,
        }),
      );
    }
    ctx.log(`  ${sizeName} ${range.name}: done`);
  }
  // Cold: the last 30 days' roll-ups dropped (as a changed target does), then one report rebuilds them.
  const range = rangesOf(h)[1]!;
  const writer = new Database(h.path);
  writer.pragma('foreign_keys = ON');
  writer.pragma('busy_timeout = 5000');
  writer.prepare('DELETE FROM report_rollup_days WHERE business_day BETWEEN ? AND ?').run(range.from, range.to);
  writer.close();
  const cold = await timeGet(`${server.url}/api/reports/summary?from=${range.from}&to=${range.to}&groupBy=service`, token);
  figures.push({
    section: title,
    name: `${sizeName}: summary, 30 days, cold (roll-ups of those days rebuilt first)`,
    unit: 'ms',
    samples: 1,
    median: cold,
    p99: null,
    floor: null,
    ratio: null,
    ratioOf: '',
    target: 'measured (happens once per day and configuration)',
    met: null,
  });
  return figures;
}

export const reportsBenchmark: Benchmark = {
  id: 'reports',
  title: '3. Reports',
  // The first run generates the histories (several minutes for 5M) and the server rolls up their days.
  limitMs: { full: 40 * 60_000, quick: 15 * 60_000 },
  async run(ctx): Promise<Figure[]> {
    const sizes = bySize(ctx, { full: ['1M', '5M'], quick: ['1M'], tiny: ['tiny'] });
    const figures: Figure[] = [];
    for (const sizeName of sizes) {
      const h = benchHistory(ctx, sizeName);
      ctx.log(`${sizeName}: ${h.tickets.toLocaleString('en')} tickets, ${h.firstDay} … ${h.lastDay}`);
      const server = await startBenchServer(ctx, { kind: 'rinda', dbPath: h.path, dataDir: mkdtempSync(join(ctx.workDir, 'reports-')) });
      try {
        await waitForRollups(ctx, h.path, h.firstDay, 20 * 60_000);
        const [token] = (await server.credentials({ managers: 1 })).managers;
        figures.push(...(await reportFigures(ctx, sizeName, h, server, token!, this.title)));
      } finally {
        await server.stop();
      }
    }
    return figures;
  },
};
