import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateHistory } from './generate-history';
import { HISTORY_SIZES } from './history-config';
import { bySize, type BenchContext } from '../bench-types';

/** Bump when the generator changes what it writes: older cached files are then ignored. */
const GENERATOR_VERSION = 1;

export interface CachedHistory {
  path: string;
  firstDay: string;
  lastDay: string;
  tickets: number;
  generatedNow: boolean;
}

/** The history of that size from the cache directory, generated there first when missing. */
export function ensureHistory(cacheDir: string, name: keyof typeof HISTORY_SIZES, log: (m: string) => void): CachedHistory {
  const size = HISTORY_SIZES[name];
  if (!size) throw new Error(`no history size ${name}`);
  const path = join(cacheDir, `history-${name}-v${GENERATOR_VERSION}.sqlite`);
  if (existsSync(path)) {
    const db = new Database(path, { readonly: true });
    try {
      const row = db.prepare('SELECT min(business_day) AS first, max(business_day) AS last, count(*) AS n FROM ticket_legs WHERE leg = 1').get() as {
        first: string;
        last: string;
        n: number;
      };
      return { path, firstDay: row.first, lastDay: row.last, tickets: row.n, generatedNow: false };
    } finally {
      db.close();
    }
  }
  log(`generating ${size.tickets.toLocaleString('en')} tickets over ${size.days} days into ${path} (cached for later runs)`);
  const started = Date.now();
  let lastLog = started;
  const made = generateHistory(path, size, Date.now(), (done) => {
    if (Date.now() - lastLog < 15_000) return;
    lastLog = Date.now();
    log(`  ${Math.round((done / size.tickets) * 100)}% (${Math.round((Date.now() - started) / 1000)} s)`);
  });
  log(`  generated in ${Math.round((Date.now() - started) / 1000)} s`);
  return { path, firstDay: made.firstDay, lastDay: made.lastDay, tickets: made.tickets, generatedNow: true };
}

/** A year of a large branch, at any size but the harness's own test's. */
const ONE_MILLION = { full: '1M', quick: '1M', tiny: 'tiny' } as const;

/**
 * The history a benchmark reads, 1M unless it names another: the cached one, except the tiny one, made afresh in
 * the run's directory.
 */
export function benchHistory(ctx: BenchContext, name: keyof typeof HISTORY_SIZES = bySize(ctx, ONE_MILLION)): CachedHistory {
  return ensureHistory(name === 'tiny' ? mkdtempSync(join(ctx.workDir, 'history-')) : ctx.cacheDir, name, ctx.log);
}
