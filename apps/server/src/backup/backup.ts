import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, migrate } from '../db/migrations';
import { ensurePrivateDir, ensurePrivateFile, restrictDatabaseFiles } from '../files/private-files';

/** rinda-2026-11-25T19-40-05-123Z.sqlite: sorts by time, safe on every file system. */
export function backupFileName(now: number): string {
  return `rinda-${new Date(now).toISOString().replace(/[:.]/g, '-')}.sqlite`;
}

/**
 * Copies a database that a running server may be writing, through SQLite's online backup API: the copy
 * is a consistent snapshot of one moment, never a torn file copy. Then checks the copy.
 */
export async function backupDatabase(dbPath: string, outDir: string, now: number): Promise<{ file: string; migrations: number[] }> {
  if (!existsSync(dbPath)) throw new Error(`No database at ${dbPath}`);
  // A backup holds everything the database does: private like it (0700 directory, 0600 file).
  ensurePrivateDir(outDir);
  const file = join(outDir, backupFileName(now));
  ensurePrivateFile(file);
  const source = new Database(dbPath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(file);
  } finally {
    source.close();
  }
  // A backup is one self-contained file: no -wal or -shm beside it (the server turns WAL on again at start).
  const copy = new Database(file);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  restrictDatabaseFiles(file);
  const check = checkDatabase(file);
  if (check.integrity !== 'ok') throw new Error(`The backup ${file} failed its integrity check: ${check.integrity}`);
  return { file, migrations: check.migrations };
}

/** `PRAGMA integrity_check` and the migrations recorded in a database file, read-only. */
export function checkDatabase(file: string): { integrity: string; migrations: number[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join('; ');
    const migrations = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    return { integrity, migrations };
  } finally {
    db.close();
  }
}

/**
 * Restores a backup over a stopped server's database: the backup is copied beside the target, checked
 * (integrity, and migrations this code knows with the same checksums; older ones are brought forward),
 * and only then renamed into place. The database it replaces is kept beside it, never deleted.
 */
export async function restoreDatabase(backupFile: string, dbPath: string, now: number): Promise<{ restored: string; previous: string | null }> {
  const before = checkDatabase(backupFile);
  if (before.integrity !== 'ok') throw new Error(`The backup ${backupFile} is damaged: ${before.integrity}`);
  ensurePrivateDir(dirname(dbPath));
  const staging = `${dbPath}.restoring`;
  removeDatabaseFiles(staging);
  ensurePrivateFile(staging);
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(staging);
  } finally {
    source.close();
  }
  try {
    const db = new Database(staging);
    try {
      // Refuses (SchemaMismatchError) a backup made by a newer Rinda or with changed migrations.
      migrate(db, loadMigrations(), now);
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    restrictDatabaseFiles(staging);
    const after = checkDatabase(staging);
    if (after.integrity !== 'ok') throw new Error(`The restored copy failed its integrity check: ${after.integrity}`);
  } catch (error) {
    removeDatabaseFiles(staging);
    throw error;
  }
  let previous: string | null = null;
  if (existsSync(dbPath)) {
    previous = join(dirname(dbPath), `${basename(dbPath)}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, previous + suffix);
  }
  renameSync(staging, dbPath);
  return { restored: dbPath, previous };
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
