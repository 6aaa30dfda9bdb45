import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, newRequestId, request, type AckEmitter, type CommandName, type Result } from '@rinda/shared';
import { createApp } from '@rinda/server';
import { insertUser } from '../../apps/server/src/auth/users';
import { activityViolations, integrity, issuedByRequest, repeatedNumbers } from './support/invariants';
import { freePort, ServerProcess } from './support/server-process';

const KIOSKS = 3;
const COUNTERS = ['c1', 'c2', 'c3'];
const KILLS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sent {
  actor: string;
  requestId: string;
  command: CommandName;
  ack: Result<unknown> | null;
  attempts: number;
}

/**
 * A client as the apps are written: one requestId per action, retried with the same id until an
 * answer comes (a missing ack is a timeout, so it may or may not have been applied), waiting as told
 * when rate-limited.
 */
class RetryingClient {
  readonly socket: Socket;
  readonly sent: Sent[] = [];
  constructor(
    url: string,
    token: string,
    readonly actor: string,
  ) {
    this.socket = io(url, {
      auth: { protocolVersion: PROTOCOL_VERSION, token },
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      forceNew: true,
    });
  }

  /** Sent once and never retried or awaited: its effect may or may not exist, but never twice. */
  abandon(command: CommandName, payload: Record<string, unknown>): void {
    const record: Sent = { actor: this.actor, requestId: newRequestId(), command, ack: null, attempts: 1 };
    this.sent.push(record);
    this.socket.emit(command, { requestId: record.requestId, ...payload });
  }

  async send(command: CommandName, payload: Record<string, unknown>, deadline: number): Promise<Result<unknown> | null> {
    const record: Sent = { actor: this.actor, requestId: newRequestId(), command, ack: null, attempts: 0 };
    this.sent.push(record);
    while (Date.now() < deadline) {
      record.attempts++;
      const ack = await request(this.socket as unknown as AckEmitter, command, { requestId: record.requestId, ...payload } as never, 600);
      // These loops send faster than any real device: a rate-limited request waits as told (retryAfterMs), then goes again.
      if (!ack.ok && ack.error.code === 'RATE_LIMITED') {
        await sleep(ack.error.retryAfterMs ?? 100);
        continue;
      }
      // request() turns a missing ack into INTERNAL: retry the same requestId.
      if (ack.ok || ack.error.code !== 'INTERNAL') {
        record.ack = ack;
        return ack;
      }
      await sleep(30);
    }
    return null;
  }
}

describe('kill -9 under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinda-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged ticket, repeats no number, never doubles an active ticket, applies each request at most once', async () => {
    // Seed users and devices, then let the child process own the database.
    const seed = createApp({ dataDir, logLevel: 'error' });
    const kiosks = Array.from({ length: KIOSKS }, (_, i) => seed.ctx.auth.enrolDevice('kiosk', `Kiosk ${i + 1}`));
    const plain = { isDemo: false, mustChangePassword: false };
    const tellers = await Promise.all(COUNTERS.map((c) => insertUser(seed.ctx.db, { username: `t-${c}`, password: 'secret', name: `Teller ${c}`, role: 'teller' }, plain, Date.now())));
    await seed.close();

    const server = new ServerProcess(dataDir, await freePort());
    await server.start();
    const tokens = await Promise.all(
      tellers.map(async (t) => {
        const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: t.username, password: 'secret' }) });
        return ((await res.json()) as { token: string }).token;
      }),
    );
    const kioskClients = kiosks.map((k) => new RetryingClient(server.url, k.token, `device:${k.id}`));
    const tellerClients = tellers.map((t, i) => new RetryingClient(server.url, tokens[i]!, `user:${t.id}`));

    let running = true;
    const loopDeadline = () => (running ? Date.now() + 60_000 : Date.now() + 8000);
    const kioskLoops = kioskClients.map(async (client, i) => {
      for (let n = 0; running; n++) {
        const payload = { serviceId: i % 2 === 0 ? 'cash' : 'accounts', language: 'en' };
        if (n % 5 === 4) client.abandon('ticket:issue', payload);
        await client.send('ticket:issue', payload, loopDeadline());
      }
    });
    const tellerLoops = tellerClients.map(async (client, i) => {
      const counterId = COUNTERS[i]!;
      await client.send('counter:signIn', { counterId }, loopDeadline());
      while (running) {
        const called = await client.send('ticket:callNext', { counterId }, loopDeadline());
        if (!called?.ok) {
          await sleep(20);
          continue;
        }
        await client.send('ticket:start', { counterId }, loopDeadline());
        await client.send('ticket:finish', { counterId }, loopDeadline());
      }
    });

    const schedule: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const after = 300 + Math.floor(Math.random() * 700);
      schedule.push(after);
      await sleep(after);
      await server.kill();
      await server.start();
    }
    await sleep(800);
    running = false;
    await Promise.all([...kioskLoops, ...tellerLoops]);
    // A last burst the final kill cuts short: these requests are never answered.
    for (const client of kioskClients) for (let n = 0; n < 3; n++) client.abandon('ticket:issue', { serviceId: 'cash', language: 'en' });
    await sleep(5);
    await server.kill();
    for (const c of [...kioskClients, ...tellerClients]) c.socket.close();

    const db = new Database(join(dataDir, 'rinda.sqlite'), { readonly: true });
    try {
      expect(integrity(db)).toBe('ok');
      expect(repeatedNumbers(db)).toEqual([]);
      expect(activityViolations(db)).toEqual([]);

      const sent = [...kioskClients, ...tellerClients].flatMap((c) => c.sent);
      const acked = sent.filter((s) => s.ack !== null);
      expect(acked.filter((s) => s.command === 'ticket:issue' && s.ack?.ok).length).toBeGreaterThan(10);

      // Every acknowledged ticket exists, as acknowledged.
      const stored = issuedByRequest(db);
      for (const s of acked) {
        if (s.command !== 'ticket:issue' || !s.ack?.ok) continue;
        const ticket = (s.ack.data as { ticket: { id: string; number: number; serviceId: string } }).ticket;
        expect(stored.get(`${s.actor}\n${s.requestId}`)).toBe(ticket.id);
        expect(db.prepare('SELECT number, service_id AS serviceId FROM tickets WHERE id = ?').get(ticket.id)).toEqual({ number: ticket.number, serviceId: ticket.serviceId });
      }
      // Every ticket is the effect of exactly one request, and no request (acknowledged or not) made two.
      const tickets = (db.prepare('SELECT id FROM tickets').all() as { id: string }[]).map((r) => r.id);
      expect([...stored.values()].sort()).toEqual([...tickets].sort());
      const sentKeys = new Set(sent.map((s) => `${s.actor}\n${s.requestId}`));
      for (const key of stored.keys()) expect(sentKeys.has(key)).toBe(true);
      // Every acknowledged success was recorded once; nothing was recorded for a request never sent.
      const processed = db.prepare('SELECT actor, request_id AS requestId FROM processed_requests').all() as { actor: string; requestId: string }[];
      const processedKeys = new Set(processed.map((p) => `${p.actor}\n${p.requestId}`));
      expect(processedKeys.size).toBe(processed.length);
      for (const s of acked) if (s.ack?.ok) expect(processedKeys.has(`${s.actor}\n${s.requestId}`)).toBe(true);
      for (const key of processedKeys) expect(sentKeys.has(key)).toBe(true);
      // The kills landed under load: some requests went unanswered and were retried with their requestId.
      expect(sent.filter((s) => s.attempts > 1).length).toBeGreaterThan(0);
      expect(schedule).toHaveLength(KILLS);
      console.log(`kill -9 test: ${tickets.length} tickets, ${sent.length} requests, ${sent.filter((s) => s.attempts > 1).length} retried, ${sent.length - acked.length} unanswered, kills after ${schedule.join('/')} ms`);
    } finally {
      db.close();
    }
  }, 120_000);
});
