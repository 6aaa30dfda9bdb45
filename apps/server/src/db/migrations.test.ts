import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { loadMigrations, SchemaMismatchError, type Migration } from './migrations';

describe('migrations', () => {
  let dir: string;
  let dbPath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-migrations-'));
    dbPath = join(dir, 'rinda.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const migration = (version: number, name: string, sql: string): Migration => ({ version, name, sql, checksum: `${version}:${sql}` });

  it('applies every migration once, in order, recording each with its checksum', () => {
    const migrations = loadMigrations();
    expect(migrations[0]).toMatchObject({ version: 1, name: 'foundation' });
    openDatabase(dbPath).close();
    const db = openDatabase(dbPath);
    const rows = db.prepare('SELECT version, checksum FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, checksum: m.checksum })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('adds a new migration to an existing database', () => {
    const first = [migration(1, 'one', 'CREATE TABLE a (x INTEGER)')];
    openDatabase(dbPath, { migrations: first }).close();
    const db = openDatabase(dbPath, { migrations: [...first, migration(2, 'two', 'CREATE TABLE b (y INTEGER)')] });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toEqual({ name: 'b' });
    db.close();
  });

  it('refuses a database with a migration the code does not know (written by a newer version)', () => {
    const newer = [migration(1, 'one', 'CREATE TABLE a (x INTEGER)'), migration(2, 'two', 'CREATE TABLE b (y INTEGER)')];
    openDatabase(dbPath, { migrations: newer }).close();
    expect(() => openDatabase(dbPath, { migrations: newer.slice(0, 1) })).toThrow(SchemaMismatchError);
    expect(() => openDatabase(dbPath, { migrations: newer.slice(0, 1) })).toThrow(/migration 2 \(two\).*newer Rinda/);
  });

  it('refuses a database whose applied migration has since changed', () => {
    openDatabase(dbPath, { migrations: [migration(1, 'one', 'CREATE TABLE a (x INTEGER)')] }).close();
    expect(() => openDatabase(dbPath, { migrations: [migration(1, 'one', 'CREATE TABLE a (x TEXT)')] })).toThrow(/Migration 1 \(one\) differs/);
  });

  it('refuses a new migration numbered below one the database already has, and applies none', () => {
    const applied = [migration(1, 'one', 'CREATE TABLE a (x INTEGER)'), migration(60, 'sixty', 'CREATE TABLE b (y INTEGER)')];
    openDatabase(dbPath, { migrations: applied }).close();
    const withLate = [applied[0]!, migration(55, 'late', 'CREATE TABLE c (z INTEGER)'), applied[1]!, migration(70, 'seventy', 'CREATE TABLE d (w INTEGER)')];
    expect(() => openDatabase(dbPath, { migrations: withLate })).toThrow(SchemaMismatchError);
    expect(() => openDatabase(dbPath, { migrations: withLate })).toThrow(/Migration 55 \(late\) is numbered below migration 60.*above 60/);
    const db = new Database(dbPath);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('c', 'd')").all()).toEqual([]);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 60 }]);
    db.close();
  });

  it('still applies the historical 003 to a database that has later migrations', () => {
    const applied = [migration(1, 'one', 'CREATE TABLE a (x INTEGER)'), migration(40, 'forty', 'CREATE TABLE b (y INTEGER)')];
    openDatabase(dbPath, { migrations: applied }).close();
    const db = openDatabase(dbPath, { migrations: [applied[0]!, migration(3, 'three', 'CREATE TABLE c (z INTEGER)'), applied[1]!] });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 3 }, { version: 40 }]);
    db.close();
  });

  it('refuses a migration renamed after it was applied', () => {
    openDatabase(dbPath, { migrations: [migration(1, 'one', 'CREATE TABLE a (x INTEGER)')] }).close();
    const renamed: Migration = { ...migration(1, 'one', 'CREATE TABLE a (x INTEGER)'), name: 'first' };
    expect(() => openDatabase(dbPath, { migrations: [renamed] })).toThrow(/applied to this database as one but is now named first/);
  });

  it('rolls back a failing migration entirely and records nothing', () => {
    const broken = [migration(1, 'one', 'CREATE TABLE a (x INTEGER); INSERT INTO missing VALUES (1);')];
    expect(() => openDatabase(dbPath, { migrations: broken })).toThrow(/no such table: missing/);
    const db = new Database(dbPath);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    db.close();
  });

  it('reads NNN-name.sql files and refuses two with one number', () => {
    const files = join(dir, 'm');
    mkdirSync(files);
    writeFileSync(join(files, '001-first.sql'), 'SELECT 1;');
    writeFileSync(join(files, '002-second.sql'), 'SELECT 2;');
    writeFileSync(join(files, 'README.md'), 'not a migration');
    expect(loadMigrations(files).map((m) => [m.version, m.name])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    writeFileSync(join(files, '002-again.sql'), 'SELECT 3;');
    expect(() => loadMigrations(files)).toThrow(/share the number 2/);
  });
});
