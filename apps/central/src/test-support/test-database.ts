import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Sql } from '../db/sql';

export interface TestDatabase {
  sql: Sql;
  /** Where it runs, as printed: "PostgreSQL 15.x at 127.0.0.1:PORT" or "PGlite (in memory)". */
  label: string;
  /** A URL another process can open (a real server only; PGlite in memory is this process's alone). */
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test: a new database on the real PostgreSQL named by RINDA_TEST_PG_URL
 * (scripts/start-test-postgres.sh; CI sets it), else PGlite in memory. It prints which, so a log says what the
 * tests ran against.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const admin = process.env.RINDA_TEST_PG_URL;
  if (!admin) {
    const sql = await openPglite();
    console.log('head-office test database: PGlite (in memory; set RINDA_TEST_PG_URL for a real PostgreSQL)');
    return { sql, label: 'PGlite (in memory)', url: null, drop: () => sql.close() };
  }
  const name = `rinda_test_${randomBytes(6).toString('hex')}`;
  const server = openPostgres(admin, 1);
  await server.exec(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const sql = openPostgres(url.toString());
  const [v] = await sql.query<{ server_version: string }>('SHOW server_version');
  const label = `PostgreSQL ${v?.server_version ?? '?'} at ${url.host}`;
  console.log(`head-office test database: ${label}`);
  return {
    sql,
    label,
    url: url.toString(),
    async drop() {
      await sql.close();
      await server.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await server.close();
    },
  };
}
