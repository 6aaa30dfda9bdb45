import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { GroupCommit, type Written } from './group-commit';

/** The state is the number of rows written; a commit carries the state after it. */
interface Commit {
  after: number;
}

describe('GroupCommit', () => {
  let dir: string;
  let db: Db;
  let reader: Database.Database;
  let memory: number;
  let applied: { after: number; inTransaction: boolean }[];
  let group: GroupCommit<number, Commit, string>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-group-commit-'));
    db = openDatabase(join(dir, 'test.sqlite'), { migrations: [] });
    db.exec('CREATE TABLE parents (id INTEGER PRIMARY KEY)');
    db.exec('CREATE TABLE rows (n INTEGER NOT NULL, parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)');
    reader = new Database(join(dir, 'test.sqlite'), { readonly: true });
    memory = 0;
    applied = [];
    group = new GroupCommit(
      db,
      () => memory,
      (commit) => {
        applied.push({ after: commit.after, inTransaction: db.inTransaction });
        memory = commit.after;
        return `applied ${commit.after}`;
      },
    );
  });
  afterEach(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = () => (db.prepare('SELECT n FROM rows ORDER BY n').all() as { n: number }[]).map((r) => r.n);
  /** Writes one row numbered by the state it was given, as a command deciding on the state before it. */
  const addRow =
    (seen: number[] = []) =>
    (before: number): Written<number, Commit> => {
      seen.push(before);
      db.prepare('INSERT INTO rows (n) VALUES (?)').run(before + 1);
      return { value: before + 1, commit: { after: before + 1 } };
    };

  it('writes the commands of one turn in one transaction, each on the state the one before it left, then applies them in order', async () => {
    const seen: number[] = [];
    let visibleToOthers = -1;
    const third = (before: number) => {
      // Still one transaction: another connection does not see the first two rows yet.
      visibleToOthers = (reader.prepare('SELECT COUNT(*) AS n FROM rows').get() as { n: number }).n;
      return addRow(seen)(before);
    };
    const results = await Promise.all([group.write(addRow(seen)), group.write(addRow(seen)), group.write(third)]);
    expect(seen).toEqual([0, 1, 2]);
    expect(visibleToOthers).toBe(0);
    expect(results.map((r) => [r.value, r.applied])).toEqual([
      [1, 'applied 1'],
      [2, 'applied 2'],
      [3, 'applied 3'],
    ]);
    // Memory moves on only after the commit, and in order.
    expect(applied).toEqual([
      { after: 1, inTransaction: false },
      { after: 2, inTransaction: false },
      { after: 3, inTransaction: false },
    ]);
    expect(rows()).toEqual([1, 2, 3]);
  });

  it('takes back only the writes of a command that throws, and fails only that command', async () => {
    const failing = (before: number): Written<number, Commit> => {
      db.prepare('INSERT INTO rows (n) VALUES (?)').run(100 + before);
      throw new Error('unexpected');
    };
    const outcomes = await Promise.allSettled([group.write(addRow()), group.write(failing), group.write(addRow())]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual([1, 2]);
    expect(applied.map((a) => a.after)).toEqual([1, 2]);
  });

  it('takes back every write of a command alone in its turn that throws, and the next command is written', async () => {
    const failing = (before: number): Written<number, Commit> => {
      db.prepare('INSERT INTO rows (n) VALUES (?)').run(100 + before);
      throw new Error('unexpected');
    };
    await expect(group.write(failing)).rejects.toThrow('unexpected');
    expect(db.inTransaction).toBe(false);
    expect(rows()).toEqual([]);
    expect(applied).toEqual([]);
    expect((await group.write(addRow())).value).toBe(1);
    expect(rows()).toEqual([1]);
  });

  it('moves memory on for a command alone in its turn only once its commit is durable', async () => {
    let visibleToOthers = -1;
    const alone = (before: number): Written<number, Commit> => {
      db.prepare('INSERT INTO rows (n) VALUES (?)').run(before + 1);
      visibleToOthers = (reader.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n;
      return { value: before + 1, commit: { after: before + 1 } };
    };
    const written = await group.write(alone);
    expect(visibleToOthers).toBe(0);
    expect(written).toEqual({ value: 1, commit: { after: 1 }, applied: 'applied 1' });
    expect(applied).toEqual([{ after: 1, inTransaction: false }]);
  });

  it('hands back a command that changed nothing without moving memory', async () => {
    const refused = await group.write(() => ({ value: -1, commit: null }));
    expect(refused).toEqual({ value: -1, commit: null, applied: null });
    expect(applied).toEqual([]);
  });

  it('fails every command of the group, and moves memory not at all, when the commit itself fails', async () => {
    // A deferred foreign key is checked at COMMIT: the savepoint succeeds, the transaction does not.
    const orphan = (before: number): Written<number, Commit> => {
      db.prepare('INSERT INTO rows (n, parent) VALUES (?, 42)').run(before + 1);
      return { value: before + 1, commit: { after: before + 1 } };
    };
    const outcomes = await Promise.allSettled([group.write(addRow()), group.write(orphan)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(rows()).toEqual([]);
    expect(applied).toEqual([]);
    expect(memory).toBe(0);
    // The next turn starts afresh.
    expect((await group.write(addRow())).value).toBe(1);
  });

  it('fails a command alone in its turn, and moves memory not at all, when its commit fails', async () => {
    const orphan = (before: number): Written<number, Commit> => {
      db.prepare('INSERT INTO rows (n, parent) VALUES (?, 42)').run(before + 1);
      return { value: before + 1, commit: { after: before + 1 } };
    };
    await expect(group.write(orphan)).rejects.toThrow();
    expect(rows()).toEqual([]);
    expect(applied).toEqual([]);
    expect(memory).toBe(0);
    expect((await group.write(addRow())).value).toBe(1);
  });

  it('fails every command of the group when one of them rolls the whole transaction back, and writes nothing after it', async () => {
    // RAISE(ROLLBACK) ends the transaction itself, as a full disk or an I/O error does: not just a savepoint.
    db.exec("CREATE TRIGGER rows_veto BEFORE INSERT ON rows WHEN NEW.n >= 100 BEGIN SELECT RAISE(ROLLBACK, 'vetoed'); END");
    const vetoed = (before: number): Written<number, Commit> => {
      db.prepare('INSERT INTO rows (n) VALUES (?)').run(100 + before);
      return { value: 100 + before, commit: { after: before + 1 } };
    };
    const outcomes = await Promise.allSettled([group.write(addRow()), group.write(vetoed), group.write(addRow())]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(rows()).toEqual([]);
    expect(applied).toEqual([]);
    expect(memory).toBe(0);
    expect((await group.write(addRow())).value).toBe(1);
  });
});
