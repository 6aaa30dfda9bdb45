import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { writeRollups, type EncodedPeriod } from './rollup-writes';

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const bytes = (n: number) => new Uint8Array([n, n, n]);
const period = (name: string, rows: EncodedPeriod['rows']): EncodedPeriod => ({ period: name, startsAt: 1, endsAt: 2, rows });
const rowsOf = (d: Db, name: string) =>
  (d.prepare('SELECT dim, key, data FROM report_rollups WHERE business_day = ? ORDER BY dim, key').all(name) as { dim: string; key: string; data: Buffer }[]).map(
    (r) => [r.dim, r.key, [...r.data]],
  );

describe('roll-up writes', () => {
  it("stores a period in place of what it held, and leaves every other period's rows alone", () => {
    const d = (db = openDatabase(':memory:'));
    writeRollups(d, { kind: 'store', period: period('2026-03-10', [['service', 'cash', bytes(1)], ['counter', 'c1', bytes(2)]]), signature: 's1', computedAt: 10 });
    writeRollups(d, { kind: 'store', period: period('2026-03-11', [['service', 'cash', bytes(3)]]), signature: 's1', computedAt: 10 });
    writeRollups(d, { kind: 'store', period: period('2026-03-10', [['service', 'loans', bytes(4)]]), signature: 's2', computedAt: 20 });

    expect(rowsOf(d, '2026-03-10')).toEqual([['service', 'loans', [4, 4, 4]]]);
    expect(rowsOf(d, '2026-03-11')).toEqual([['service', 'cash', [3, 3, 3]]]);
    expect(d.prepare('SELECT signature, computed_at AS at FROM report_rollup_days WHERE business_day = ?').get('2026-03-10')).toEqual({ signature: 's2', at: 20 });
  });

  it('rewrites a JSON row only while it still holds the JSON that was converted', () => {
    const d = (db = openDatabase(':memory:'));
    writeRollups(d, { kind: 'store', period: period('2026-03-10', []), signature: 's1', computedAt: 10 });
    const insert = d.prepare('INSERT INTO report_rollups (business_day, dim, key, data) VALUES (?, ?, ?, ?)');
    insert.run('2026-03-10', 'service', 'cash', '{"legs":1}');
    insert.run('2026-03-10', 'service', 'loans', '{"legs":3}');
    writeRollups(d, {
      kind: 'convert',
      day: '2026-03-10',
      rows: [
        { dim: 'service', key: 'cash', data: '{"legs":1}', encoded: bytes(7) },
        // Rebuilt meanwhile: what was read as {"legs":2} is no longer there.
        { dim: 'service', key: 'loans', data: '{"legs":2}', encoded: bytes(8) },
      ],
    });
    const stored = d.prepare('SELECT key, data FROM report_rollups ORDER BY key').all() as { key: string; data: Buffer | string }[];
    expect(stored.map((r) => [r.key, typeof r.data === 'string' ? r.data : [...r.data]])).toEqual([
      ['cash', [7, 7, 7]],
      ['loans', '{"legs":3}'],
    ]);
  });

  it("finds a period's rows by an index, for its replacement and for the cascade of a late event's drop (migration 142)", () => {
    const d = (db = openDatabase(':memory:'));
    // Both statements look rows up by business_day alone: the primary key (dim, business_day, key) cannot serve them.
    const plan = (sql: string) => (d.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2026-03-10') as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('DELETE FROM report_rollups WHERE business_day = ?')).toContain('INDEX report_rollups_by_period');
    expect(plan('SELECT 1 FROM report_rollups WHERE business_day = ?')).toContain('INDEX report_rollups_by_period');
  });
});
