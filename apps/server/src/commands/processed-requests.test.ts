import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueueState, demoBranchConfig, ok, requestIdAt, type IssuedTicket } from '@rinda/shared';
import { openDatabase, type Db } from '../db/database';
import { loadMigrations, migrate } from '../db/migrations';
import { rules } from '../queue/rules';
import { EventStore } from '../store/event-store';
import { issuedAnswer, ProcessedRequests } from './processed-requests';

const NOW = Date.parse('2026-03-10T09:00:00Z');

describe('the idempotency table', () => {
  let dir: string;
  let dbPath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-processed-'));
    dbPath = join(dir, 'rinda.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** One ticket issued and persisted through the real store, as the pipeline does. */
  const issueOne = (db: Db) => {
    const state = createQueueState(demoBranchConfig);
    const decided = rules.decide(state, { type: 'issue', serviceId: 'cash', language: 'en', priorityReasonId: null }, { now: NOW, newId: () => 't1' });
    if (!decided.ok) throw new Error(decided.error.message);
    return db.transaction(() => new EventStore(db).persist(state, decided.data, rules.applyEvent))();
  };
  const storedText = (db: Db, requestId: string) =>
    (db.prepare('SELECT response FROM processed_requests WHERE request_id = ?').get(requestId) as { response: string }).response;

  it("keeps a new ticket's answer as a reference to its issue event, and a replay gets the same answer back", () => {
    const db = openDatabase(dbPath, { now: NOW });
    const commit = issueOne(db);
    const ticket = commit.records[0]!.ticket!;
    const answer = ok<IssuedTicket>(issuedAnswer(ticket, 'https://branch.example/queue/t/t1', { status: 'by-device' }));
    const processed = new ProcessedRequests(db);
    processed.save('device:k1', 'r1', 'ticket:issue', 'hash', answer, NOW, commit);

    const text = storedText(db, 'r1');
    expect(JSON.parse(text)).toEqual({ issuedEvent: commit.records[0]!.rowId, ticketId: 't1', statusBase: 'https://branch.example/queue', print: { status: 'by-device' } });
    expect(text).not.toContain(ticket.displayNumber);
    expect(processed.find('device:k1', 'r1')).toEqual({ command: 'ticket:issue', payloadHash: 'hash', response: JSON.parse(JSON.stringify(answer)) });
    db.close();
  });

  it('keeps any other answer whole', () => {
    const db = openDatabase(dbPath, { now: NOW });
    const commit = issueOne(db);
    const answer = ok({ ticket: commit.records[0]!.ticket! });
    const processed = new ProcessedRequests(db);
    processed.save('user:u1', 'r2', 'ticket:callNext', 'hash', answer, NOW, commit);
    expect(JSON.parse(storedText(db, 'r2'))).toEqual(JSON.parse(JSON.stringify(answer)));
    expect(processed.find('user:u1', 'r2')?.response).toEqual(JSON.parse(JSON.stringify(answer)));
    db.close();
  });

  it('migration 140 rekeys an existing table in place, WITHOUT ROWID, and answers stored whole before it still replay', () => {
    const all = loadMigrations();
    const before = openDatabase(dbPath, { now: NOW, migrations: all.filter((m) => m.version < 140) });
    const commit = issueOne(before);
    const answer = issuedAnswer(commit.records[0]!.ticket!, 'http://10.0.0.5:8080/t/t1', { status: 'printed' });
    before
      .prepare('INSERT INTO processed_requests (request_id, actor, command, payload_hash, response, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('old', 'device:k1', 'ticket:issue', 'h', JSON.stringify(ok(answer)), NOW);
    expect(migrate(before, all, NOW)).toContain(140);
    const sql = (before.prepare("SELECT sql FROM sqlite_master WHERE name = 'processed_requests'").get() as { sql: string }).sql;
    expect(sql).toMatch(/WITHOUT ROWID/);
    expect(new ProcessedRequests(before).find('device:k1', 'old')).toEqual({ command: 'ticket:issue', payloadHash: 'h', response: ok(answer) });
    expect(before.pragma('integrity_check', { simple: true })).toBe('ok');
    before.close();
  });

  it('migration 141 keys the table by request id first, and answers stored under the old key still replay', () => {
    const all = loadMigrations();
    const before = openDatabase(dbPath, { now: NOW, migrations: all.filter((m) => m.version < 141) });
    const answer = ok({ ticket: issueOne(before).records[0]!.ticket! });
    new ProcessedRequests(before).save('user:u1', 'old-random-id', 'ticket:callNext', 'h', answer, NOW, null);
    expect(migrate(before, all, NOW)).toContain(141);
    const sql = (before.prepare("SELECT sql FROM sqlite_master WHERE name = 'processed_requests'").get() as { sql: string }).sql;
    expect(sql).toMatch(/PRIMARY KEY \(request_id, actor\)\s*\) WITHOUT ROWID/);
    expect(new ProcessedRequests(before).find('user:u1', 'old-random-id')?.response).toEqual(JSON.parse(JSON.stringify(answer)));
    expect(before.pragma('integrity_check', { simple: true })).toBe('ok');
    before.close();
  });

  it("writes a burst of a hundred actors' answers on a few pages, not a page each", () => {
    const db = openDatabase(dbPath, { now: NOW });
    const processed = new ProcessedRequests(db);
    const answer = ok({ counter: { id: 'c1', name: 'Counter 1', note: 'x'.repeat(500) } });
    const burst = (at: number) => {
      for (let actor = 0; actor < 100; actor++) processed.save(`user:u${actor}`, requestIdAt(at), 'ticket:callNext', 'h', answer, at, null);
    };
    // A morning of calls already stored: a hundred bursts, each a second apart.
    db.transaction(() => {
      for (let n = 0; n < 100; n++) burst(NOW + n * 1000);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.transaction(burst)(NOW + 100_000);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const framesWritten = (statSync(`${dbPath}-wal`).size - 32) / (pageSize + 24);
    // 100 rows of about 600 bytes: 25-30 pages, the splits of the table's last pages included. Keyed by actor
    // first (before migration 141), each row went into its actor's part of the table, and this burst wrote 305.
    expect(framesWritten).toBeLessThan(60);
    db.close();
  });
});
