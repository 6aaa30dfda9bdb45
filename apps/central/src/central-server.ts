import type { AddressInfo } from 'node:net';
import { migrateCentral, loadCentralMigrations } from './db/migrate';
import { openSql, type Sql } from './db/sql';
import { createCentralApp, type CentralDeps } from './http/central-app';
import { bundleRoutes } from './bundles/bundle-routes';
import { viewRoutes } from './http/view-routes';
import { ReplicaSet } from './replicas/replica-set';
import { RollupMaintainer } from './replicas/rollup-maintainer';

export interface StartCentralOptions {
  databaseUrl?: string | undefined;
  /** PGlite's directory when there is no database URL; undefined keeps PGlite in memory (tests). */
  dataDir?: string | undefined;
  host?: string;
  port?: number;
  adminToken: string;
  tls?: { cert: string; key: string } | null;
  clock?: () => number;
  /** An already open database (tests share one); closed by the caller. */
  sql?: Sql;
  /** How often report roll-ups are brought up to what branches shipped (ms); null: only when a report asks. */
  rollupEveryMs?: number | null;
}

export interface RunningCentral {
  sql: Sql;
  replicas: ReplicaSet;
  rollups: RollupMaintainer;
  url: string;
  close(): Promise<void>;
}

/** A shipped day reaches head office's roll-ups within about this long (plus the time to roll it up). */
const DEFAULT_ROLLUP_EVERY_MS = 2_000;

/** Opens the database, applies head office's migrations and listens. */
export async function startCentral(options: StartCentralOptions): Promise<RunningCentral> {
  const clock = options.clock ?? Date.now;
  const sql = options.sql ?? (await openSql({ url: options.databaseUrl, dataDir: options.dataDir === undefined ? undefined : `${options.dataDir}/pglite` }));
  await migrateCentral(sql, loadCentralMigrations(), clock());
  // Replicas are a cache of PostgreSQL: on disk beside PGlite's files or the data directory, in memory without one.
  const replicas = new ReplicaSet(sql, options.dataDir === undefined ? null : `${options.dataDir}/replicas`);
  const rollups = new RollupMaintainer(sql, replicas);
  const extend: CentralDeps['extend'] = (app, helpers) => {
    viewRoutes(sql, replicas, rollups)(app, helpers);
    bundleRoutes(sql)(app, helpers);
  };
  const { httpServer } = createCentralApp({ sql, adminToken: options.adminToken, clock, tls: options.tls ?? null, extend });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const rollupEveryMs = options.rollupEveryMs === undefined ? DEFAULT_ROLLUP_EVERY_MS : options.rollupEveryMs;
  if (rollupEveryMs !== null) rollups.start(rollupEveryMs);
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    sql,
    replicas,
    rollups,
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    async close() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await rollups.stop();
      replicas.close();
      if (!options.sql) await sql.close();
    },
  };
}
