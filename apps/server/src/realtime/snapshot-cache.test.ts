import { describe, expect, it } from 'vitest';
import { demoBranchConfig } from '@rinda/shared';
import type { Principal } from '../auth/principal';
import { SnapshotCache, type SharedSnapshot } from './snapshot-cache';

const anna: Principal = { kind: 'user', role: 'teller', userId: 'u-anna', name: 'Anna', tokenHash: 'h1' };
const boris: Principal = { kind: 'user', role: 'teller', userId: 'u-boris', name: 'Boris', tokenHash: 'h2' };
const display: Principal = { kind: 'device', role: 'display', deviceId: 'd-1', name: 'Hall', tokenHash: 'h3' };
const phone = (ticketId: string): Principal => ({ kind: 'public', role: 'public', ticketId });

function setup() {
  const clocks = { seq: 1, branch: 1_000_000, monotonic: 0 };
  const built: string[] = [];
  const cache = new SnapshotCache({
    build: (principal): SharedSnapshot => {
      built.push(principal.kind === 'public' ? `public:${principal.ticketId}` : principal.role);
      return { epoch: 'e', seq: clocks.seq, role: principal.role, config: demoBranchConfig, queues: [], counters: [], tickets: [], recentCalls: [], devices: [], alerts: [] };
    },
    seq: () => clocks.seq,
    clock: () => clocks.branch,
    monotonic: () => clocks.monotonic,
  });
  return { cache, built, clocks };
}

describe('SnapshotCache', () => {
  it('builds a view once per seq and shares it, each socket getting its own `me` and the time it leaves', () => {
    const { cache, built, clocks } = setup();
    const first = cache.get(anna);
    clocks.branch += 200;
    clocks.monotonic += 200;
    const second = cache.get(boris);
    expect(built).toEqual(['teller']);
    expect(first.me).toEqual({ id: 'u-anna', name: 'Anna', role: 'teller' });
    expect(second.me).toEqual({ id: 'u-boris', name: 'Boris', role: 'teller' });
    expect(second.serverTime).toBe(first.serverTime + 200);
    expect(second.tickets).toBe(first.tickets);
  });

  it('keeps views apart: roles, and each status page its own ticket', () => {
    const { cache, built } = setup();
    cache.get(anna);
    cache.get(display);
    cache.get(phone('ticket-aaaaaaaaaaaaaaaa'));
    cache.get(phone('ticket-bbbbbbbbbbbbbbbb'));
    cache.get(phone('ticket-aaaaaaaaaaaaaaaa'));
    expect(built).toEqual(['teller', 'display', 'public:ticket-aaaaaaaaaaaaaaaa', 'public:ticket-bbbbbbbbbbbbbbbb']);
  });

  it('builds again after a broadcast moved seq, after a second, and when the branch clock jumps', () => {
    const { cache, built, clocks } = setup();
    cache.get(anna);
    clocks.seq++;
    cache.get(anna);
    clocks.monotonic += 1001;
    cache.get(anna);
    clocks.branch += 60_000;
    cache.get(anna);
    expect(built).toHaveLength(4);
  });

  it("coalesces a socket's requests: all it sends in one turn share one snapshot", async () => {
    const { cache, built } = setup();
    const waiter = { pendingSnapshot: null };
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.coalesced(waiter, anna)));
    expect(built).toEqual(['teller']);
    expect(new Set(answers).size).toBe(1);
    expect(waiter.pendingSnapshot).toBeNull();
  });

  it('stays bounded under many status pages', () => {
    const { cache } = setup();
    for (let i = 0; i < 5000; i++) cache.get(phone(`ticket-${String(i).padStart(16, '0')}`));
    expect(cache.size).toBeLessThanOrEqual(512);
  });
});
