import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueueState, demoBranchConfig, type QueueState } from '@rinda/shared';
import { openDatabase, type Db } from '../db/database';
import { rules } from '../queue/rules';
import { EventStore } from './event-store';

const NOW = Date.parse('2026-03-10T09:00:00Z');

describe('EventStore and ticket ids', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-store-'));
    db = openDatabase(join(dir, 'rinda.sqlite'), { now: NOW });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const issue = (state: QueueState, id: string) => {
    const decided = rules.decide(state, { type: 'issue', serviceId: 'cash', language: 'en', priorityReasonId: null }, { now: NOW, newId: () => id });
    if (!decided.ok) throw new Error(decided.error.message);
    return decided.data;
  };
  const rows = () =>
    ['tickets', 'ticket_events', 'ticket_legs'].map((table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);

  it('refuses a reused ticket id at the tickets table, before any event or leg is written, leaving the first ticket as it was', () => {
    const store = new EventStore(db);
    const first = db.transaction(() => store.persist(createQueueState(demoBranchConfig), issue(createQueueState(demoBranchConfig), 'dup'), rules.applyEvent))();
    const firstRow = db.prepare('SELECT * FROM tickets WHERE id = ?').get('dup');
    const counts = rows();

    // The same id from a repeating id source (the rules number it A002: a different ticket under the same id).
    const again = issue(first.after, 'dup');
    expect(() => db.transaction(() => store.persist(first.after, again, rules.applyEvent))()).toThrow(/UNIQUE constraint failed: tickets\./);
    expect(rows()).toEqual(counts);
    expect(db.prepare('SELECT * FROM tickets WHERE id = ?').get('dup')).toEqual(firstRow);
  });

  it('leaves the state before a failed transaction as it was, so the next command decides as if it never ran', () => {
    const store = new EventStore(db);
    const before = db.transaction(() => store.persist(createQueueState(demoBranchConfig), issue(createQueueState(demoBranchConfig), 'first'), rules.applyEvent))().after;
    // The command's response could not be stored, say: the transaction rolls back after the rules moved on.
    expect(() =>
      db.transaction(() => {
        store.persist(before, issue(before, 'rolled-back'), rules.applyEvent);
        throw new Error('response not stored');
      })(),
    ).toThrow('response not stored');

    expect(before.tickets.values().map((t) => t.displayNumber)).toEqual(['A001']);
    expect(before.tickets.get('rolled-back')).toBeUndefined();
    const next = db.transaction(() => store.persist(before, issue(before, 'second'), rules.applyEvent))();
    expect(next.after.tickets.values().map((t) => `${t.id} ${t.displayNumber}`).sort()).toEqual(['first A001', 'second A002']);
    expect(db.prepare('SELECT id, display_number AS n FROM tickets ORDER BY n').all()).toEqual([
      { id: 'first', n: 'A001' },
      { id: 'second', n: 'A002' },
    ]);
  });
});
