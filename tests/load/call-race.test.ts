// Ten tellers at ten counters press "call next" at the same instant, round after round, against the real
// server on 127.0.0.1 with real socket.io clients. Whatever the interleaving, a ticket is never active at
// two counters, a counter never holds two, and every ack says what the database says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBranchConfig, newRequestId, type BranchConfig } from '@rinda/shared';
import { LOAD_TEST_LIMITS, startBranch, type Branch, type BranchSocket } from '../support/start-branch';

const COUNTERS = 10;
const ROUNDS = 6;
/** Tickets issued before each round: fewer than, as many as, and more than the counters. */
const TICKETS_PER_ROUND = [4, 10, 13, 7, 10, 16];

/** One service, ten counters that all serve it: every call competes for the same queue. */
const raceConfig: BranchConfig = {
  ...demoBranchConfig,
  services: [{ ...demoBranchConfig.services[0]!, id: 'cash', openingHours: null, priorityReasonIds: [] }],
  counters: Array.from({ length: COUNTERS }, (_, i) => ({ id: `c${i + 1}`, name: `Counter ${i + 1}`, number: i + 1, serviceIds: ['cash'] })),
  priorityReasons: [],
};

let branch: Branch;
let kiosk: BranchSocket;
const tellers: { counterId: string; socket: BranchSocket }[] = [];

interface ActiveRow {
  id: string;
  counter_id: string;
  state: string;
}

const activeTickets = () =>
  branch.ctx.db.prepare("SELECT id, counter_id, state FROM tickets WHERE state IN ('called', 'serving')").all() as ActiveRow[];
const counterRows = () =>
  branch.ctx.db.prepare('SELECT counter_id, active_ticket_id FROM counters').all() as { counter_id: string; active_ticket_id: string | null }[];
const waitingCount = () => (branch.ctx.db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE state = 'waiting'").get() as { n: number }).n;

beforeAll(async () => {
  // One kiosk feeds ten tellers as fast as it can: far above any real kiosk's rate limit.
  branch = await startBranch({ config: raceConfig, features: [], limits: LOAD_TEST_LIMITS });
  kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  for (let i = 1; i <= COUNTERS; i++) {
    await branch.createUser(`teller${i}`, `race-password-${i}`, 'teller', `Teller ${i}`);
    const socket = await branch.connect({ token: await branch.login(`teller${i}`, `race-password-${i}`) });
    const counterId = `c${i}`;
    const signedIn = await branch.request(socket, 'counter:signIn', { requestId: newRequestId(), counterId });
    expect(signedIn.ok, JSON.stringify(signedIn)).toBe(true);
    tellers.push({ counterId, socket });
  }
}, 120_000);

afterAll(async () => {
  await branch?.stop();
});

describe('ten tellers calling next at the same instant', () => {
  it('never calls one ticket to two counters, never gives a counter two, and every ack matches the database', async () => {
    const calledEver = new Map<string, string>();

    for (let round = 0; round < ROUNDS; round++) {
      const issue = TICKETS_PER_ROUND[round]!;
      for (let i = 0; i < issue; i++) {
        const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'lv', priorityReasonId: null });
        expect(issued.ok, JSON.stringify(issued)).toBe(true);
      }
      const waitingBefore = waitingCount();

      // All ten payloads are built first, then emitted back to back: the server sees them as one burst.
      const payloads = tellers.map((t) => ({ teller: t, payload: { requestId: newRequestId(), counterId: t.counterId } }));
      const acks = await Promise.all(payloads.map(({ teller, payload }) => branch.request(teller.socket, 'ticket:callNext', payload)));

      const winners = new Map<string, string>();
      for (const [i, ack] of acks.entries()) {
        const counterId = payloads[i]!.teller.counterId;
        if (!ack.ok) {
          expect(ack.error.code, `round ${round}, ${counterId}`).toBe('QUEUE_EMPTY');
          continue;
        }
        expect(ack.data.ticket.state).toBe('called');
        expect(ack.data.ticket.counterId).toBe(counterId);
        expect(winners.has(ack.data.ticket.id), `ticket ${ack.data.ticket.displayNumber} acked to two counters`).toBe(false);
        winners.set(ack.data.ticket.id, counterId);
      }
      expect(winners.size).toBe(Math.min(waitingBefore, COUNTERS));

      // The database agrees with every ack: the same tickets, at the same counters, and nothing else active.
      const active = activeTickets();
      expect(new Map(active.map((r) => [r.id, r.counter_id]))).toEqual(winners);
      const holding = counterRows().filter((c) => c.active_ticket_id !== null);
      expect(new Map(holding.map((c) => [c.active_ticket_id!, c.counter_id]))).toEqual(winners);
      expect(new Set(holding.map((c) => c.counter_id)).size).toBe(holding.length);

      for (const [ticketId, counterId] of winners) {
        expect(calledEver.has(ticketId), `ticket ${ticketId} called again in round ${round}`).toBe(false);
        calledEver.set(ticketId, counterId);
      }

      // Serve them, so the next round starts with every counter free.
      const finishes = await Promise.all(
        tellers
          .filter((t) => [...winners.values()].includes(t.counterId))
          .map((t) => branch.request(t.socket, 'ticket:finish', { requestId: newRequestId(), counterId: t.counterId })),
      );
      expect(finishes.every((f) => f.ok)).toBe(true);
    }

    // The event log, the source of truth, has exactly one call per ticket that was called.
    const calls = branch.ctx.db.prepare("SELECT ticket_id, counter_id FROM ticket_events WHERE type = 'called'").all() as { ticket_id: string; counter_id: string }[];
    expect(calls.length).toBe(calledEver.size);
    expect(new Map(calls.map((c) => [c.ticket_id, c.counter_id]))).toEqual(calledEver);
  }, 120_000);

  it('gives a specific ticket that all ten call at once to exactly one counter', async () => {
    for (let round = 0; round < 4; round++) {
      const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en', priorityReasonId: null });
      if (!issued.ok) throw new Error(issued.error.message);
      const ticketId = issued.data.ticket.id;

      const acks = await Promise.all(
        tellers.map((t) => branch.request(t.socket, 'ticket:call', { requestId: newRequestId(), counterId: t.counterId, ticketId })),
      );
      const winners = tellers.filter((_, i) => acks[i]!.ok);
      expect(winners).toHaveLength(1);
      for (const ack of acks) if (!ack.ok) expect(ack.error.code).toBe('INVALID_STATE');

      const winner = winners[0]!;
      expect(activeTickets()).toEqual([{ id: ticketId, counter_id: winner.counterId, state: 'called' }]);
      const finished = await branch.request(winner.socket, 'ticket:finish', { requestId: newRequestId(), counterId: winner.counterId });
      expect(finished.ok).toBe(true);
    }
  }, 60_000);
});
