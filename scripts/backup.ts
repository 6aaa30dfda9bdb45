// `npm run backup [-- --data-dir ./data --out ./data/backups]`: an online backup of the branch database,
// safe while the server runs (SQLite's backup API, never a file copy). See docs/OPERATIONS.md.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase } from '../apps/server/src/backup/backup';
import { restrictUmask } from '../apps/server/src/files/private-files';
import { messageOf } from '@rinda/shared';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, out: { type: 'string' } } });
const dataDir = values['data-dir'] ?? process.env.RINDA_DATA_DIR ?? './data';
const outDir = values.out ?? join(dataDir, 'backups');

// Whatever the caller's umask, what this writes is private (docs/OPERATIONS.md).
restrictUmask();
backupDatabase(join(dataDir, 'rinda.sqlite'), outDir, Date.now()).then(
  ({ file, migrations }) => console.log(`Backup written: ${file} (integrity ok, migrations ${migrations.join(', ')})`),
  (error: unknown) => {
    console.error(`Backup failed: ${messageOf(error)}`);
    process.exit(1);
  },
);
