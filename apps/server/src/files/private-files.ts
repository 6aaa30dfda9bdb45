import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The branch's files are this service user's alone, whatever the umask it was started with: the data
 * directory 0700, the database with its -wal and -shm, backups and any other file written there 0600.
 * Each entry point also sets the process umask to 077 (restrictUmask) so files written later (speech
 * cache, demo tokens) are private too; these functions do not rely on it.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The sticky bit: a directory every user may write in, each keeping their own files (/tmp, /var/tmp). */
const STICKY = 0o1000;

/**
 * Creates the directory (and parents) if needed; the directory itself ends 0700. A sticky directory is refused,
 * not made 0700: it is shared by design, and `--data-dir /tmp` or a backup's `--out /tmp` would otherwise take
 * /tmp from every other user and service on the machine.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (statSync(dir).mode & STICKY) {
    throw new Error(`${dir} is a directory shared by every user (sticky bit, as /tmp): give the branch's files a directory of their own, such as ${join(dir, 'rinda')}`);
  }
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates an empty file 0600 if there is none, and makes an existing one 0600: before SQLite opens it. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** The database and the files SQLite keeps beside it (they take the database's mode; this makes sure). */
export function restrictDatabaseFiles(dbFile: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(dbFile + suffix)) chmodSync(dbFile + suffix, PRIVATE_FILE_MODE);
}

/** For entry points (server, setup, backup, restore): every file the process creates from now on is private. */
export function restrictUmask(): void {
  process.umask(0o077);
}
