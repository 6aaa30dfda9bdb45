import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueueState, demoBranchConfig, type Command, type QueueState } from '@rinda/shared';
import { openDatabase } from '../db/database';
import { loadMigrations } from '../db/migrations';
import { rules } from '../queue/rules';
import { EventStore } from './event-store';
import { loadQueueState } from './hydrate';

const NOW = Date.parse('2026-03-10T09:00:00Z');

describe('hydration across migration 003 (the issue path’s indexes)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-hydrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ticketsOf = (state: QueueState) =>
    state.tickets
      .values()
      .map((t) => `${t.displayNumber} ${t.state}`)
      .sort();

  it('loads the same waiting, called, serving and no-show tickets from a branch file written before it and upgraded', () => {
    const path = join(dir, 'rinda.sqlite');
    const before003 = loadMigrations().filter((m) => m.version !== 3);
    const old = openDatabase(path, { now: NOW, migrations: before003 });
    const store = new EventStore(old);
    let state = createQueueState(demoBranchConfig);
    let id = 0;
    const run = (command: Command, at: number) => {
      const decided = rules.decide(state, command, { now: at, newId: () => `t${++id}` });
      if (!decided.ok) throw new Error(decided.error.message);
      state = old.transaction(() => store.persist(state, decided.data, rules.applyEvent))().after;
    };
    for (let i = 0; i < 5; i++) run({ type: 'issue', serviceId: 'cash', language: 'en', priorityReasonId: null }, NOW + i);
    const c1 = { counterId: 'c1', tellerId: 'anna' };
    const c2 = { counterId: 'c2', tellerId: 'bob' };
    run({ type: 'signIn', ...c1 }, NOW + 10);
    run({ type: 'signIn', ...c2 }, NOW + 11);
    run({ type: 'callNext', ...c1 }, NOW + 12);
    run({ type: 'noShow', ...c1 }, NOW + 13);
    run({ type: 'callNext', ...c1 }, NOW + 14);
    run({ type: 'start', ...c1 }, NOW + 15);
    run({ type: 'callNext', ...c2 }, NOW + 16);
    const loadedBefore = ticketsOf(loadQueueState(old, demoBranchConfig, NOW + 20));
    old.close();

    const upgraded = openDatabase(path, { now: NOW + 30 });
    try {
      expect(upgraded.prepare('SELECT version FROM schema_migrations WHERE version = 3').get()).toEqual({ version: 3 });
      const loadedAfter = ticketsOf(loadQueueState(upgraded, demoBranchConfig, NOW + 20));
      expect(loadedAfter).toEqual(loadedBefore);
      expect(loadedAfter).toEqual(['A001 no_show', 'A002 serving', 'A003 called', 'A004 waiting', 'A005 waiting']);
    } finally {
      upgraded.close();
    }
  });

  it('learns again what the wait estimate learned, in the order tickets finished, also when two finish in the same millisecond', () => {
    // Found by state-equivalence.property.test.ts: SQL broke the tie by issue order, memory keeps finish order.
    // The history is rebuilt by replaying the event log in commit order.
    const db = openDatabase(join(dir, 'rinda.sqlite'), { now: NOW });
    try {
      const store = new EventStore(db);
      let state = createQueueState(demoBranchConfig);
      let id = 0;
      const run = (command: Command, at: number) => {
        const decided = rules.decide(state, command, { now: at, newId: () => `t${++id}` });
        if (!decided.ok) throw new Error(decided.error.message);
        state = db.transaction(() => store.persist(state, decided.data, rules.applyEvent))().after;
      };
      const c1 = { counterId: 'c1', tellerId: 'anna' };
      const c2 = { counterId: 'c2', tellerId: 'bob' };
      run({ type: 'issue', serviceId: 'cash', language: 'en', priorityReasonId: null }, NOW);
      run({ type: 'issue', serviceId: 'cash', language: 'en', priorityReasonId: null }, NOW + 1);
      run({ type: 'signIn', ...c1 }, NOW + 2);
      run({ type: 'signIn', ...c2 }, NOW + 3);
      run({ type: 'callNext', ...c1 }, NOW + 10_000);
      run({ type: 'callNext', ...c2 }, NOW + 20_000);
      run({ type: 'start', ...c2 }, NOW + 30_000);
      // The later-issued ticket finishes first, both at the same instant.
      run({ type: 'finish', ...c2 }, NOW + 100_000);
      run({ type: 'finish', ...c1 }, NOW + 100_000);
      // Counters held from the call: c2 80 s (it finished first), then c1 90 s.
      expect(Object.values(state.waitHistory.occupancySec.cash ?? {})).toEqual([[80, 90]]);
      expect(loadQueueState(db, demoBranchConfig, NOW + 100_000).waitHistory).toEqual(state.waitHistory);
    } finally {
      db.close();
    }
  });
});
