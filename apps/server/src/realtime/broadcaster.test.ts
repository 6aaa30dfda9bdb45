import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueSummary } from '@rinda/shared';
import { Broadcaster } from './broadcaster';

/** A stand-in for socket.io's server that records what was emitted to which rooms. */
function recordingIo() {
  const sent: { rooms: string[]; event: string; msg: { seq: number } & Record<string, unknown> }[] = [];
  const io = { to: (rooms: string[]) => ({ emit: (event: string, msg: { seq: number }) => void sent.push({ rooms, event, msg }) }) };
  return { io, sent };
}

describe('Broadcaster', () => {
  let now = 0;
  let waiting = 0;
  const queues = (): QueueSummary[] => [{ serviceId: 'cash', waiting, oldestWaitingSince: null, estimatedWaitMin: 0, open: true }];
  beforeEach(() => {
    vi.useFakeTimers();
    now = 1000;
  });
  afterEach(() => vi.useRealTimers());

  it('numbers every message, in order, across rooms', () => {
    const { io, sent } = recordingIo();
    const b = new Broadcaster(io as never, queues, ['role:kiosk'], () => {}, () => now);
    b.send('ticket:issued', { ticket: {} as never }, ['role:teller']);
    b.send('counter:updated', { counter: {} as never }, ['role:display']);
    expect(sent.map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['ticket:issued', 1, ['role:teller']],
      ['counter:updated', 2, ['role:display']],
    ]);
    expect(b.seq).toBe(2);
  });

  it('sends the displays their part at once and the other rooms theirs one turn later, each room in sequence order', () => {
    const { io, sent } = recordingIo();
    const b = new Broadcaster(io as never, queues, ['role:kiosk'], () => {}, () => now);
    b.send('ticket:called', { call: {} as never, ticket: {} as never }, ['role:display', 'role:teller', 'ticket:t1']);
    b.send('counter:updated', { counter: {} as never }, ['role:display', 'role:teller']);
    expect(sent.map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['ticket:called', 1, ['role:display']],
      ['counter:updated', 2, ['role:display']],
    ]);
    vi.runOnlyPendingTimers();
    expect(sent.slice(2).map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['ticket:called', 1, ['role:teller', 'ticket:t1']],
      ['counter:updated', 2, ['role:teller']],
    ]);
    // With nothing waiting, a message for other rooms goes at once; behind a waiting one, it waits its turn.
    b.send('ticket:issued', { ticket: {} as never }, ['role:teller']);
    expect(sent).toHaveLength(5);
    b.send('ticket:called', { call: {} as never, ticket: {} as never }, ['role:display', 'role:teller']);
    b.send('ticket:issued', { ticket: {} as never }, ['role:teller']);
    expect(sent.slice(5).map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([['ticket:called', 4, ['role:display']]]);
    vi.runOnlyPendingTimers();
    expect(sent.slice(6).map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['ticket:called', 4, ['role:teller']],
      ['ticket:issued', 5, ['role:teller']],
    ]);
    b.send('ticket:called', { call: {} as never, ticket: {} as never }, ['role:display', 'role:teller']);
    b.close();
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(9);
  });

  it('sends queue:changed at once, then at most once per interval with the latest queues', () => {
    const { io, sent } = recordingIo();
    const b = new Broadcaster(io as never, queues, ['role:kiosk'], () => {}, () => now);
    waiting = 1;
    b.queueChanged();
    for (waiting = 2; waiting <= 5; waiting++) b.queueChanged();
    waiting = 5;
    expect(sent.map((s) => s.msg.queues)).toEqual([queues().map((q) => ({ ...q, waiting: 1 }))]);
    now += 250;
    vi.advanceTimersByTime(250);
    expect(sent).toHaveLength(2);
    expect((sent[1]?.msg.queues as QueueSummary[])[0]?.waiting).toBe(5);
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(2);
  });

  it('reports a failing delayed send instead of throwing from a timer, and sends nothing after close', () => {
    const { io, sent } = recordingIo();
    const errors: unknown[] = [];
    let fail = false;
    const b = new Broadcaster(io as never, () => (fail ? (() => { throw new Error('boom'); })() : queues()), ['role:kiosk'], (e) => errors.push(e), () => now);
    b.queueChanged();
    fail = true;
    b.queueChanged();
    now += 250;
    vi.advanceTimersByTime(250);
    expect(errors).toHaveLength(1);
    fail = false;
    b.close();
    b.queueChanged();
    b.send('ticket:issued', { ticket: {} as never }, ['role:teller']);
    expect(sent).toHaveLength(1);
  });
});
