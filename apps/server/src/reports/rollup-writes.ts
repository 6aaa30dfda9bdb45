import type { Database } from 'better-sqlite3';

/** One period's roll-up (a closed day or month), encoded: its rows replace what the period held. */
export interface EncodedPeriod {
  period: string;
  startsAt: number;
  endsAt: number;
  /** [dim, key, encoded partial] */
  rows: [string, string, Uint8Array][];
}

/** A day's roll-up row stored as JSON by an earlier version, with its binary form. */
export interface ConvertedRow {
  dim: string;
  key: string;
  /** The JSON it held when read: a row changed since is left as it is. */
  data: string;
  encoded: Uint8Array;
}

/** Everything reports write: roll-ups are a cache of the event log, the only thing a report ever stores. */
export type RollupWrite =
  | { kind: 'store'; period: EncodedPeriod; signature: string; computedAt: number }
  | { kind: 'convert'; day: string; rows: ConvertedRow[] };

/**
 * Where a report's roll-up writes go. In the branch server, the report worker reads on its own read-only
 * connection and hands every write to the server's thread (report-runner.ts); elsewhere (an in-memory database,
 * head office's replicas, tests) they are written straight to the connection the reports read.
 */
export type RollupSink = (write: RollupWrite) => Promise<void>;

/** A sink writing on `db` itself, in the caller's thread. */
export function rollupsWrittenTo(db: Database): RollupSink {
  return async (write) => writeRollups(db, write);
}

/**
 * One write, in one IMMEDIATE transaction on `db`: a single day or month, a few milliseconds on a busy branch
 * (a day of a 1M-ticket history: 450 rows, 290 KB, 4–14 ms), so a live command behind it never waits long.
 */
export function writeRollups(db: Database, write: RollupWrite): void {
  if (write.kind === 'store') storePeriod(db, write.period, write.signature, write.computedAt);
  else convertDay(db, write.day, write.rows);
}

/** Replaces what the period held. */
function storePeriod(db: Database, { period, startsAt, endsAt, rows }: EncodedPeriod, signature: string, computedAt: number): void {
  const upsertPeriod = db.prepare(
    `INSERT INTO report_rollup_days (business_day, starts_at, ends_at, signature, computed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (business_day) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at,
       signature = excluded.signature, computed_at = excluded.computed_at`,
  );
  // Found by report_rollups_by_period (migration 142).
  const clear = db.prepare('DELETE FROM report_rollups WHERE business_day = ?');
  const insert = db.prepare('INSERT INTO report_rollups (business_day, dim, key, data) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    upsertPeriod.run(period, startsAt, endsAt, signature, computedAt);
    clear.run(period);
    for (const [dim, key, data] of rows) insert.run(period, dim, key, data);
  }).immediate();
}

function convertDay(db: Database, day: string, rows: ConvertedRow[]): void {
  const update = db.prepare('UPDATE report_rollups SET data = @encoded WHERE dim = @dim AND business_day = @day AND key = @key AND data = @data');
  db.transaction(() => {
    for (const r of rows) update.run({ ...r, day });
  }).immediate();
}
