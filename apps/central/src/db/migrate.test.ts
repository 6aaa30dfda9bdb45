import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test-support/test-database';
import { CentralSchemaMismatch, loadCentralMigrations, migrateCentral } from './migrate';

let db: TestDatabase | null = null;
let dir: string | null = null;
afterEach(async () => {
  await db?.drop();
  db = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function migrationsIn(files: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'rinda-central-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return loadCentralMigrations(dir);
}

describe('head-office migrations', () => {
  it("applies head office's own migrations once, in order, and records them", async () => {
    db = await openTestDatabase();
    const all = loadCentralMigrations();
    expect(all.map((m) => m.version)[0]).toBe(1);
    expect(await migrateCentral(db.sql, all, 1000)).toEqual(all.map((m) => m.version));
    expect(await migrateCentral(db.sql, all, 2000)).toEqual([]);
    const tables = await db.sql.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY t");
    expect(tables.map((r) => r.t)).toEqual(expect.arrayContaining(['branch_events', 'branches', 'schema_migrations']));
  });

  it('refuses a database whose applied migration changed since, and applies nothing', async () => {
    db = await openTestDatabase();
    await migrateCentral(db.sql, migrationsIn({ '001-a.sql': 'CREATE TABLE a (x int);' }), 1);
    const changed = migrationsIn({ '001-a.sql': 'CREATE TABLE a (x bigint);', '002-b.sql': 'CREATE TABLE b (y int);' });
    await expect(migrateCentral(db.sql, changed, 2)).rejects.toBeInstanceOf(CentralSchemaMismatch);
    const b = await db.sql.query("SELECT 1 FROM pg_tables WHERE tablename = 'b'");
    expect(b).toEqual([]);
  });

  it('refuses a database written by a newer head office (a migration this code does not know)', async () => {
    db = await openTestDatabase();
    await migrateCentral(db.sql, migrationsIn({ '001-a.sql': 'CREATE TABLE a (x int);', '002-b.sql': 'CREATE TABLE b (y int);' }), 1);
    await expect(migrateCentral(db.sql, migrationsIn({ '001-a.sql': 'CREATE TABLE a (x int);' }), 2)).rejects.toThrow(/newer/);
  });

  it('rolls a failing migration back whole: its record and its first statements are not kept', async () => {
    db = await openTestDatabase();
    const bad = migrationsIn({ '001-a.sql': 'CREATE TABLE a (x int); CREATE TABLE a (x int);' });
    await expect(migrateCentral(db.sql, bad, 1)).rejects.toThrow();
    expect(await db.sql.query("SELECT 1 FROM pg_tables WHERE tablename = 'a'")).toEqual([]);
  });
});
