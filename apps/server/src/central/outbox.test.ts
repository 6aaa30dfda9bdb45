import { applyEvent, businessDayStart, createQueueState, demoBranchConfig, DomainEvent, parseClockTime } from '@rinda/shared';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { loadMigrations, migrate } from '../db/migrations';
import { saveConfig } from '../store/config-store';
import { EventStore } from '../store/event-store';
import { generateHistory } from '../reports/test-support/generate-history';
import { historyWriter } from '../reports/test-support/write-history';
import { storeRating } from '../ratings/rating-store';

const config = demoBranchConfig;
const localAt = (date: string, clock: string) => businessDayStart(date, config.branch.timeZone, parseClockTime(clock));
const history = generateHistory(config, ['2026-03-27'], localAt);

type OutboxRow = { seq: number; kind: string; at: number; body: string };
const outbox = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT seq, kind, at, body FROM central_outbox ORDER BY seq').all() as OutboxRow[];

describe('the head-office outbox', () => {
  it('holds every committed event once, in commit order, numbered 1, 2, 3 … after the configuration', () => {
    const db = openDatabase(':memory:');
    saveConfig(db, config, 1);
    historyWriter(db, config).write(history.events);
    const rows = outbox(db);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.kind).toBe('config');
    expect(rows.slice(1).map((r) => JSON.parse(r.body) as unknown)).toEqual(history.events);
    db.close();
  });

  it('gets no record for a command whose transaction rolls back', () => {
    const db = openDatabase(':memory:');
    const store = new EventStore(db);
    const state = createQueueState(config);
    const [issued] = history.events;
    expect(() =>
      db.transaction(() => {
        store.persist(state, [issued!], applyEvent);
        throw new Error('the command fails after its events were written');
      })(),
    ).toThrow(/fails/);
    expect(outbox(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM ticket_events').get()).toEqual({ n: 0 });
    db.close();
  });

  it("fills itself, when first added, with the branch's earlier history in commit order (ticket and counter events interleaved)", () => {
    const all = loadMigrations();
    const db = openDatabase(':memory:', { migrations: all.filter((m) => m.version < 100) });
    // Today's event store also writes the columns of later migrations (110, 112: remote join, step back); they are
    // added here unrecorded, so the history can be written before 100 and 100 alone is what is being tested.
    for (const later of all.filter((m) => m.version === 110 || m.version === 112)) db.exec(later.sql);
    db.prepare('INSERT INTO branch_config (id, json, updated_at) VALUES (1, ?, 1)').run(JSON.stringify(config));
    const store = new EventStore(db, { outbox: false });
    let state = createQueueState(config);
    for (const event of history.events) state = db.transaction(() => store.persist(state, [event], applyEvent).after)();
    migrate(db, all.filter((m) => m.version <= 100), 2);
    const rows = outbox(db);
    expect(rows[0]!.kind).toBe('config');
    const replayed = rows.slice(1).map((r) => DomainEvent.parse(JSON.parse(r.body)));
    expect(replayed).toEqual(history.events.map((e) => DomainEvent.parse(e)));
    db.close();
  });

  it("gets a visit's rating as a record of its own kind, without the comment, or neither when the rating's transaction rolls back", () => {
    const db = openDatabase(':memory:');
    saveConfig(db, config, 1);
    historyWriter(db, config).write(history.events);
    const [served, other] = db.prepare("SELECT id FROM tickets WHERE state = 'done' ORDER BY id LIMIT 2").pluck().all() as string[];
    const before = outbox(db);
    storeRating(db, { ticketId: served!, score: 2, comment: 'The teller called me by name', ratedAt: 1_000 });
    expect(() =>
      db.transaction(() => {
        storeRating(db, { ticketId: other!, score: 5, comment: null, ratedAt: 2_000 });
        throw new Error('the request fails after the rating was written');
      })(),
    ).toThrow(/fails/);
    const added = outbox(db).slice(before.length);
    expect(added).toEqual([{ seq: before.length + 1, kind: 'rating', at: 1_000, body: JSON.stringify({ ticketId: served, score: 2, ratedAt: 1_000 }) }]);
    expect(added[0]!.body).not.toContain('teller');
    expect(db.prepare('SELECT ticket_id FROM ratings').pluck().all()).toEqual([served]);
    db.close();
  });

  it('ships, when migration 135 arrives, the ratings kept before it (without comments), numbered after every record already handed out', () => {
    const all = loadMigrations();
    const db = openDatabase(':memory:', { migrations: all.filter((m) => m.version < 135) });
    saveConfig(db, config, 1);
    historyWriter(db, config).write(history.events);
    const served = db.prepare("SELECT id, ended_at FROM tickets WHERE state = 'done' ORDER BY ended_at DESC LIMIT 2").all() as { id: string; ended_at: number }[];
    for (const [i, t] of served.entries()) db.prepare('INSERT INTO ratings (ticket_id, score, comment, rated_at) VALUES (?, ?, ?, ?)').run(t.id, i + 3, 'Private words', t.ended_at + 60_000);
    const handedOut = outbox(db).length;
    // Head office confirmed everything and the branch pruned it: the next record must still follow the last one.
    db.exec('DELETE FROM central_outbox');
    migrate(db, all, 2);
    const rows = outbox(db);
    expect(rows.map((r) => [r.seq, r.kind])).toEqual([
      [handedOut + 1, 'rating'],
      [handedOut + 2, 'rating'],
    ]);
    const byTime = [...served].reverse();
    expect(rows.map((r) => JSON.parse(r.body) as unknown)).toEqual(byTime.map((t) => ({ ticketId: t.id, score: served.indexOf(t) + 3, ratedAt: t.ended_at + 60_000 })));
    expect(rows.map((r) => r.body).join()).not.toContain('Private');
    db.close();
  });
});
