import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Migrations the code knows: apps/server/src/db/migrations/NNN-name.sql, in number order. */
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = FILE_NAME.exec(file);
    if (!match) continue;
    const sql = readFileSync(`${dir}/${file}`, 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  const seen = new Set<number>();
  for (const m of migrations) {
    if (seen.has(m.version)) throw new Error(`Two migrations share the number ${m.version} in ${dir}`);
    seen.add(m.version);
  }
  return migrations;
}

/**
 * Numbers that once arrived below a migration already applied, before the numbering rule was enforced: 003 was
 * added after 040–050 had run on branch databases. No number joins this list (docs/ARCHITECTURE.md, "Migration numbers").
 */
export const HISTORICAL_OUT_OF_ORDER: ReadonlySet<number> = new Set([3]);

/** Thrown when a database does not match the code: it is never opened, so nothing is damaged. */
export class SchemaMismatchError extends Error {
  override name = 'SchemaMismatchError';
}

/**
 * Applies the migrations this database lacks, each in its own IMMEDIATE transaction together with its
 * record. Forward-only: a database holding a migration the code does not know (made by a newer Rinda),
 * one whose file changed or was renamed since it was applied, or lacking a migration numbered below the
 * highest it has (a number taken out of order) is refused before any migration is applied.
 */
export function migrate(db: Database.Database, migrations: Migration[], now: number): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const mine = known.get(row.version);
    if (!mine)
      throw new SchemaMismatchError(
        `This database has migration ${row.version} (${row.name}) that this version of Rinda does not know: ` +
          'it was written by a newer Rinda. Run that version, or restore a backup made for this one.',
      );
    if (mine.checksum !== row.checksum)
      throw new SchemaMismatchError(
        `Migration ${row.version} (${row.name}) differs from the one applied to this database ` +
          '(its file was changed after it ran). Migrations are forward-only: add a new one instead.',
      );
    if (mine.name !== row.name)
      throw new SchemaMismatchError(
        `Migration ${row.version} was applied to this database as ${row.name} but is now named ${mine.name}: ` +
          'a migration is never renamed or renumbered once it exists.',
      );
  }
  const done = new Set(applied.map((r) => r.version));
  const highest = applied.reduce((max, r) => Math.max(max, r.version), 0);
  const late = migrations.find((m) => !done.has(m.version) && m.version < highest && !HISTORICAL_OUT_OF_ORDER.has(m.version));
  if (late)
    throw new SchemaMismatchError(
      `Migration ${late.version} (${late.name}) is numbered below migration ${highest}, which this database already has: ` +
        `a new migration takes a number above every existing one. Renumber it above ${highest} (docs/ARCHITECTURE.md, "Migration numbers").`,
    );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const newlyApplied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, now);
    }).immediate();
    newlyApplied.push(m.version);
  }
  return newlyApplied;
}
