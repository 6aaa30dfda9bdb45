import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, ensurePrivateFile, restrictDatabaseFiles } from '../files/private-files';
import { loadMigrations, migrate, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  now?: number;
  /** Tests pass their own list to prove refusals; the server uses the files in ./migrations. */
  migrations?: Migration[];
}

/**
 * Opens (creating if needed) the branch database and brings its schema up to date.
 * synchronous=FULL: an acknowledged ticket survives a power cut, which is the point of the product.
 * Its directory is made 0700 and the database with its -wal and -shm 0600, whatever the umask.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') {
    ensurePrivateDir(dirname(path));
    ensurePrivateFile(path);
  }
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    if (path !== ':memory:') restrictDatabaseFiles(path);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros, not left in free space: a customer's erased phone number (SMS
    // alerts) must not stay readable in the file. Costs a little on deletes only.
    db.pragma('secure_delete = ON');
    migrate(db, options.migrations ?? loadMigrations(), options.now ?? Date.now());
    // Savepoints keep the pages they change in a sub-journal, which SQLite spills to a temporary file past
    // 64 KiB: a group commit of a burst (one savepoint per command, commands/group-commit.ts) passes that after
    // a few commands, and then wrote and read that file for every page each later command touched, twice the
    // time of the statements themselves (docs/BENCHMARKS.md, eighth round). In memory, the sub-journal is bounded
    // by the group: the pages its commands change, a few MB for a hundred calls, freed at its commit. Set after the
    // migrations, whose index builds over years of history must still sort through temporary files; reports
    // (with their large sorts) run on connections of their own (reports/report-worker-main.ts).
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Runs `write` in its own transaction committed without waiting for the disk (synchronous=NORMAL for it
 * alone): it survives a crash of the server process (the WAL is already in the operating system's hands),
 * not a power cut until the next ordinary commit syncs the WAL. For bookkeeping on a path a customer waits
 * on, where an fsync would cost milliseconds and losing the write in a power cut is safe.
 */
export function commitWithoutSync<T>(db: Db, write: () => T): T {
  if (db.inTransaction) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(write)();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
