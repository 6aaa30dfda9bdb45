import { describe, expect, it } from 'vitest';
import { demoBranchConfig } from '../config/demo-config';
import { BROADCAST_NAMES, followBroadcasts, type BroadcastName } from './client-state';
import type { BranchSnapshot, QueueSummary } from './views';

const snapshot: BranchSnapshot = {
  epoch: 'e1',
  seq: 5,
  serverTime: 0,
  role: 'teller',
  me: null,
  config: demoBranchConfig,
  queues: [],
  counters: [],
  tickets: [],
  recentCalls: [],
  devices: [],
};
const queues: QueueSummary[] = [{ serviceId: 'cash', waiting: 2, oldestWaitingSince: 0, estimatedWaitMin: 4, open: true }];

/** An event source like a socket: listeners by name, and a way to deliver one event. */
function source() {
  const listeners = new Map<string, (msg: never) => void>();
  return {
    on: (event: BroadcastName, listener: (msg: never) => void) => listeners.set(event, listener),
    deliver: (event: BroadcastName, msg: unknown) => listeners.get(event)?.(msg as never),
    names: () => [...listeners.keys()].sort(),
  };
}

describe('followBroadcasts', () => {
  it('listens to every broadcast, ignores them before a snapshot, and applies them in sequence after', () => {
    const socket = source();
    let view: BranchSnapshot | null = null;
    const seen: BranchSnapshot[] = [];
    followBroadcasts(socket, () => view, (next) => {
      view = next;
      seen.push(next);
    });
    expect(socket.names()).toEqual([...BROADCAST_NAMES].sort());

    socket.deliver('queue:changed', { seq: 6, queues });
    expect(seen).toEqual([]);

    view = snapshot;
    socket.deliver('queue:changed', { seq: 5, queues });
    expect(seen).toEqual([]);
    socket.deliver('queue:changed', { seq: 6, queues });
    expect(seen).toHaveLength(1);
    expect(view).toMatchObject({ seq: 6, queues });
  });
});
