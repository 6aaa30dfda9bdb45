// `npm run restore -- <backup file> [--data-dir ./data]`, with the server STOPPED: checks the backup
// (integrity, migrations), then puts it in place; the database it replaces is kept beside it.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreDatabase } from '../apps/server/src/backup/backup';
import { restrictUmask } from '../apps/server/src/files/private-files';
import { messageOf } from '@rinda/shared';

const { values, positionals } = parseArgs({ options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
const backupFile = positionals[0];
if (!backupFile || positionals.length > 1) {
  console.error('Usage: npm run restore -- <backup file> [--data-dir ./data]   (stop the server first)');
  process.exit(2);
}
const dataDir = values['data-dir'] ?? process.env.RINDA_DATA_DIR ?? './data';

// Whatever the caller's umask, what this writes is private (docs/OPERATIONS.md).
restrictUmask();
restoreDatabase(backupFile, join(dataDir, 'rinda.sqlite'), Date.now()).then(
  ({ restored, previous }) => {
    console.log(`Restored ${backupFile} to ${restored} (integrity ok, migrations match this version).`);
    if (previous) console.log(`The database it replaced is kept as ${previous}.`);
  },
  (error: unknown) => {
    console.error(`Restore failed, nothing was changed: ${messageOf(error)}`);
    process.exit(1);
  },
);
