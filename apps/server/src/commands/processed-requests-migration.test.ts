import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { loadMigrations } from '../db/migrations';
import { ProcessedRequests } from './processed-requests';

describe('migration 140: stored acks keyed by actor and requestId alone', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-processed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every ack stored before it, so a retry after the upgrade still gets its first answer, and still refuses a second one', () => {
    const dbPath = join(dir, 'rinda.sqlite');
    const before = openDatabase(dbPath, { migrations: loadMigrations().filter((m) => m.version < 140) });
    new ProcessedRequests(before).save('device:k1', 'req-1', 'ticket:issue', 'hash-1', { ok: true, data: { n: 1 } }, 1000);
    before.close();

    const after = openDatabase(dbPath);
    try {
      const processed = new ProcessedRequests(after);
      expect(processed.find('device:k1', 'req-1')).toEqual({ command: 'ticket:issue', payloadHash: 'hash-1', response: { ok: true, data: { n: 1 } } });
      expect(processed.find('device:k2', 'req-1')).toBeNull();
      expect(() => processed.save('device:k1', 'req-1', 'ticket:issue', 'hash-1', { ok: true }, 2000)).toThrow(/UNIQUE|PRIMARY KEY/);
      // One b-tree per stored ack: the key is the row's own (no rowid table beside an index).
      const { sql } = after.prepare("SELECT sql FROM sqlite_master WHERE name = 'processed_requests'").get() as { sql: string };
      expect(sql).toMatch(/WITHOUT ROWID/);
      expect(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE tbl_name = 'processed_requests' AND type = 'index'").get()).toEqual({ n: 0 });
    } finally {
      after.close();
    }
  });
});
