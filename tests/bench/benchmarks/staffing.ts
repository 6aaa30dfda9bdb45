/**
 * Figure 7: staffing advice for a week (forecast, its back-test, Erlang C and A per service and hour, the
 * branch's recommendation, the counters signed in) over the generated year of 1M tickets, through the server
 * (the report worker, off the live thread), against the floor of one plain GROUP BY of the weeks it reads.
 * Also measured: one day's smallest staffing by simulation, and a what-if.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addDays, businessDayOf, dateIsoWeekday, DEFAULT_FORECAST_OPTIONS, demoBranchConfig } from '@rinda/shared';
import { startBenchServer } from '../bench-server';
import { bySize, type Benchmark, type Figure } from '../bench-types';
import { againstFloor } from '../figures';
import { benchHistory } from '../history/history-cache';
import { elapsedMs, summarize } from '../stats';
import { waitForRollups } from './reports';

const TARGET_MS = 2000;
const now = () => process.hrtime.bigint();

async function timeGet(url: string, token: string): Promise<number> {
  const t = now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return elapsedMs(t, now());
}

/** The floor: what a forecast without roll-ups would start with, one GROUP BY of the weeks' legs by service, day and hour. */
function plainGroupBy(path: string, from: string, to: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const t = now();
    db.prepare(
      `SELECT service_id, business_day, started_hour, count(*), total(ended_at - service_started_at), total(outcome = 'no_show')
       FROM ticket_legs WHERE business_day BETWEEN ? AND ? GROUP BY service_id, business_day, started_hour`,
    ).all(from, to);
    return elapsedMs(t, now());
  } finally {
    db.close();
  }
}

const measured = (section: string, name: string, samples: number[], note?: string): Figure => {
  const s = summarize(samples);
  return { section, name, unit: 'ms', samples: s.n, median: s.median, p99: s.p99, floor: null, ratio: null, ratioOf: '', target: 'measured (no target)', met: null, ...(note ? { note } : {}) };
};

export const staffingBenchmark: Benchmark = {
  id: 'staffing',
  title: '7. Staffing advice',
  limitMs: { full: 40 * 60_000, quick: 30 * 60_000 },
  async run(ctx): Promise<Figure[]> {
    const h = benchHistory(ctx);
    ctx.log(`${h.tickets.toLocaleString('en')} tickets, ${h.firstDay} … ${h.lastDay}`);
    const server = await startBenchServer(ctx, { kind: 'rinda', dbPath: h.path, dataDir: mkdtempSync(join(ctx.workDir, 'staffing-')) });
    const figures: Figure[] = [];
    try {
      // A running branch has its closed days rolled up (start-up and hourly); so does the measured one.
      await waitForRollups(ctx, h.path, h.firstDay, 25 * 60_000);
      const [token] = (await server.credentials({ managers: 1 })).managers;
      const { timeZone, dayStart } = demoBranchConfig.branch;
      const today = businessDayOf(Date.now(), timeZone, dayStart);
      const nextMonday = addDays(today, 8 - dateIsoWeekday(today));
      const week = `${server.url}/api/staffing/week?from=${nextMonday}`;
      const readFrom = addDays(nextMonday, -7 * (DEFAULT_FORECAST_OPTIONS.weeks + DEFAULT_FORECAST_OPTIONS.backtestWeeks));
      // The first request also rolls up the hours by service of days rolled up before they existed.
      const first = await timeGet(week, token!);
      figures.push(measured(this.title, `${h.tickets.toLocaleString('en')} tickets: week from ${nextMonday}, first request after start`, [first], 'builds any missing hour-by-service roll-ups of the 12 weeks read'));
      const repeats = bySize(ctx, { full: 10, quick: 3, tiny: 1 });
      const samples: number[] = [];
      for (let i = 0; i < repeats; i++) samples.push(await timeGet(week, token!));
      const floor = Array.from({ length: bySize(ctx, { full: 3, quick: 1, tiny: 1 }) }, () => plainGroupBy(h.path, readFrom, addDays(today, -1)));
      figures.push(
        againstFloor({
          section: this.title,
          name: `${h.tickets.toLocaleString('en')} tickets: advice for the week from ${nextMonday} (12 weeks read, 8 forecast, 4 back-tested)`,
          unit: 'ms',
          measured: summarize(samples),
          floor: summarize(floor),
          floorLabel: 'plain GROUP BY of the weeks read (service, day, hour)',
          target: `≤ ${TARGET_MS} ms`,
          judge: (_r, m) => m.p99 <= TARGET_MS,
          note: 'report worker; steady state',
        }),
      );
      const dayChecks: number[] = [];
      for (let i = 0; i < bySize(ctx, { full: 2, quick: 1, tiny: 1 }); i++) dayChecks.push(await timeGet(`${server.url}/api/staffing/day?day=${nextMonday}`, token!));
      figures.push(measured(this.title, `${h.tickets.toLocaleString('en')} tickets: smallest staffing of ${nextMonday} by simulation, every hour`, dayChecks, 'on request, per day'));
      const whatIfs: number[] = [];
      for (let i = 0; i < bySize(ctx, { full: 3, quick: 1, tiny: 1 }); i++)
        whatIfs.push(await timeGet(`${server.url}/api/staffing/what-if?day=${nextMonday}&fromHour=10&toHour=12&serviceId=cash&extra=1`, token!));
      figures.push(measured(this.title, `${h.tickets.toLocaleString('en')} tickets: what-if, one more cash counter 10:00–12:00 on ${nextMonday}`, whatIfs, 'the day simulated 3 × 2 times'));
    } finally {
      await server.stop();
    }
    return figures;
  },
};
