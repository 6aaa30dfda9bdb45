import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql';

export interface CentralMigration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** Head office's migrations: apps/central/src/db/migrations/NNN-name.sql, its own numbering (001, 002, ...). */
export function loadCentralMigrations(dir = DIR): CentralMigration[] {
  return readdirSync(dir)
    .sort()
    .flatMap((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) return [];
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return [{ version: Number(match[1]), name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') }];
    });
}

export class CentralSchemaMismatch extends Error {
  override name = 'CentralSchemaMismatch';
}

/** An arbitrary fixed key: two head-office processes starting at once migrate one after the other. */
const MIGRATION_LOCK = 2_112_021;

/**
 * Applies the migrations the database lacks, each with its record in one transaction. Forward-only, as the
 * branch's (apps/server/src/db/migrations.ts): a database with a migration this code does not know, a changed
 * file, or a number below the highest applied one is refused before anything is applied.
 */
export async function migrateCentral(sql: Sql, migrations: CentralMigration[], now: number): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at bigint NOT NULL)`);
    const applied = await tx.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of applied) {
      const mine = known.get(row.version);
      if (!mine) throw new CentralSchemaMismatch(`This head-office database has migration ${row.version} (${row.name}), unknown to this version of Rinda: it was written by a newer one.`);
      if (mine.checksum !== row.checksum || mine.name !== row.name)
        throw new CentralSchemaMismatch(`Head-office migration ${row.version} (${row.name}) differs from the one applied to this database: migrations are forward-only, add a new one.`);
    }
    const highest = applied.reduce((max, r) => Math.max(max, r.version), 0);
    const done = new Set(applied.map((r) => r.version));
    const late = migrations.find((m) => !done.has(m.version) && m.version < highest);
    if (late) throw new CentralSchemaMismatch(`Head-office migration ${late.version} (${late.name}) is numbered below ${highest}, already applied: renumber it above.`);
    const added: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [m.version, m.name, m.checksum, now]);
      added.push(m.version);
    }
    return added;
  });
}
