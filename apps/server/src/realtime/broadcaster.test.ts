import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueSummary } from '@rinda/shared';
import { Broadcaster } from './broadcaster';

/** A stand-in for socket.io's server that records what was emitted to which rooms. */
function recordingIo() {
  const sent: { rooms: string[]; event: string; msg: { seq: number } & Record<string, unknown> }[] = [];
  const io = { to: (rooms: string[]) => ({ emit: (event: string, msg: { seq: number }) => void sent.push({ rooms, event, msg }) }) };
  return { io, sent };
}

/** What one task sends the displays goes out right after it (a microtask); the other rooms' at the turn's end. */
const afterTask = () => Promise.resolve();
type Batched = { messages: { event: string; payload: { seq: number } }[] };
const seqsOf = (msg: unknown) => (msg as Batched).messages.map((m) => [m.event, m.payload.seq]);

describe('Broadcaster', () => {
  let now = 0;
  let waiting = 0;
  const queues = (): QueueSummary[] => [{ serviceId: 'cash', waiting, oldestWaitingSince: null, wait: null, open: true }];
  beforeEach(() => {
    vi.useFakeTimers();
    now = 1000;
  });
  afterEach(() => vi.useRealTimers());

  it('numbers every message, in order, across rooms', async () => {
    const { io, sent } = recordingIo();
    const b = new Broadcaster(io as never, queues, ['role:kiosk'], () => {}, () => now);
    b.send('ticket:issued', { ticket: {} as never }, ['role:kiosk']);
    b.send('counter:updated', { counter: {} as never }, ['role:display']);
    await afterTask();
    vi.runOnlyPendingTimers();
    expect(sent.map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['counter:updated', 2, ['role:display']],
      ['ticket:issued', 1, ['role:kiosk']],
    ]);
    expect(b.seq).toBe(2);
  });

  it("sends the displays their task's part as one batch right after it, and the other rooms theirs at the end of the turn, each room in sequence order", async () => {
    const { io, sent } = recordingIo();
    const b = new Broadcaster(io as never, queues, ['role:kiosk'], () => {}, () => now);
    b.send('ticket:called', { call: {} as never, ticket: {} as never }, ['role:display', 'role:kiosk', 'ticket:t1']);
    b.send('counter:updated', { counter: {} as never }, ['role:display', 'role:kiosk']);
    b.send('ticket:updated', { ticket: {} as never }, ['ticket:t1']);
    expect(sent).toEqual([]);
    await afterTask();
    expect(sent.map((s) => [s.event, s.rooms])).toEqual([['batch', ['role:display']]]);
    expect(seqsOf(sent[0]!.msg)).toEqual([['ticket:called', 1], ['counter:updated', 2]]);
    vi.runOnlyPendingTimers();
    expect(sent.slice(1).map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['ticket:called', 1, ['role:kiosk', 'ticket:t1']],
      ['counter:updated', 2, ['role:kiosk']],
      ['ticket:updated', 3, ['ticket:t1']],
    ]);
    b.send('ticket:called', { call: {} as never, ticket: {} as never }, ['role:display', 'role:teller']);
    b.close();
    await afterTask();
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(4);
  });

  it('sends the displays a lone message of a task as itself, and the next task its own', async () => {
    const { io, sent } = recordingIo();
    const b = new Broadcaster(io as never, queues, ['role:kiosk'], () => {}, () => now);
    b.send('ticket:called', { call: { callId: 'a' } as never }, ['role:display']);
    await afterTask();
    b.send('ticket:called', { call: { callId: 'b' } as never }, ['role:display']);
    await afterTask();
    expect(sent.map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['ticket:called', 1, ['role:display']],
      ['ticket:called', 2, ['role:display']],
    ]);
  });

  it("sends each staff room one batch of its turn's messages in sequence order, and a single message as itself", async () => {
    const { io, sent } = recordingIo();
    const b = new Broadcaster(io as never, queues, ['role:kiosk'], () => {}, () => now);
    // A burst: three calls committed together, a status-page update between them.
    b.send('ticket:called', { call: { callId: 'a' } as never, ticket: {} as never }, ['role:display', 'role:teller', 'role:manager']);
    b.send('ticket:updated', { ticket: {} as never }, ['role:teller', 'role:manager', 'ticket:t1']);
    b.send('ticket:called', { call: { callId: 'b' } as never, ticket: {} as never }, ['role:display', 'role:teller', 'role:manager']);
    b.send('device:updated', { device: {} as never }, ['role:manager']);
    await afterTask();
    vi.runOnlyPendingTimers();
    const staff = sent.filter((s) => s.rooms.some((r) => r === 'role:teller' || r === 'role:manager'));
    expect(staff.map((s) => [s.event, s.rooms])).toEqual([
      ['batch', ['role:teller']],
      ['batch', ['role:manager']],
    ]);
    expect(seqsOf(staff[0]!.msg)).toEqual([['ticket:called', 1], ['ticket:updated', 2], ['ticket:called', 3]]);
    expect(seqsOf(staff[1]!.msg)).toEqual([['ticket:called', 1], ['ticket:updated', 2], ['ticket:called', 3], ['device:updated', 4]]);
    expect(sent.filter((s) => s.rooms.includes('ticket:t1')).map((s) => [s.event, s.msg.seq])).toEqual([['ticket:updated', 2]]);
    const toDisplays = sent.filter((s) => s.rooms.includes('role:display'));
    expect(toDisplays.map((s) => s.event)).toEqual(['batch']);
    expect(seqsOf(toDisplays[0]!.msg)).toEqual([['ticket:called', 1], ['ticket:called', 3]]);

    // One message in a turn goes out as itself, to tellers and managers in one emit.
    sent.length = 0;
    b.send('ticket:called', { call: { callId: 'c' } as never, ticket: {} as never }, ['role:display', 'role:teller', 'role:manager']);
    await afterTask();
    vi.runOnlyPendingTimers();
    expect(sent.map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['ticket:called', 5, ['role:display']],
      ['ticket:called', 5, ['role:teller', 'role:manager']],
    ]);
  });

  it('sends queue:changed at once, then at most once per interval with the latest queues', async () => {
    const { io, sent } = recordingIo();
    const b = new Broadcaster(io as never, queues, ['role:display'], () => {}, () => now);
    waiting = 1;
    b.queueChanged();
    for (waiting = 2; waiting <= 5; waiting++) b.queueChanged();
    waiting = 5;
    await afterTask();
    expect(sent.map((s) => s.msg.queues)).toEqual([queues().map((q) => ({ ...q, waiting: 1 }))]);
    now += 250;
    vi.advanceTimersByTime(250);
    await afterTask();
    expect(sent).toHaveLength(2);
    expect((sent[1]?.msg.queues as QueueSummary[])[0]?.waiting).toBe(5);
    vi.advanceTimersByTime(10_000);
    await afterTask();
    expect(sent).toHaveLength(2);
  });

  it('reports a failing delayed send instead of throwing from a timer, and sends nothing after close', async () => {
    const { io, sent } = recordingIo();
    const errors: unknown[] = [];
    let fail = false;
    const b = new Broadcaster(io as never, () => (fail ? (() => { throw new Error('boom'); })() : queues()), ['role:display'], (e) => errors.push(e), () => now);
    b.queueChanged();
    await afterTask();
    fail = true;
    b.queueChanged();
    now += 250;
    vi.advanceTimersByTime(250);
    expect(errors).toHaveLength(1);
    fail = false;
    b.close();
    b.queueChanged();
    b.send('ticket:issued', { ticket: {} as never }, ['role:teller']);
    await afterTask();
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(1);
  });

  it('emits nothing to a room without a socket, not even an encoding, and still numbers the message', async () => {
    const { io, sent } = recordingIo();
    const occupied = new Set(['role:display', 'role:teller']);
    const b = new Broadcaster(io as never, queues, ['role:kiosk'], () => {}, () => now, (room) => occupied.has(room));
    b.send('ticket:called', { call: {} as never, ticket: {} as never }, ['ticket:t1']);
    b.send('ticket:called', { call: {} as never, ticket: {} as never }, ['role:display', 'role:teller', 'role:manager']);
    b.send('ticket:updated', { ticket: {} as never }, ['role:manager', 'ticket:t1']);
    await afterTask();
    vi.runOnlyPendingTimers();
    expect(sent.map((s) => [s.event, s.msg.seq, s.rooms])).toEqual([
      ['ticket:called', 2, ['role:display']],
      ['ticket:called', 2, ['role:teller']],
    ]);
    expect(b.seq).toBe(3);
  });
});
