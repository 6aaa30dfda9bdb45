import type { Server } from 'socket.io';
import type { BroadcastMessage, BroadcastName, QueueSummary } from '@rinda/shared';

/** Queue lengths change with every ticket; kiosks, displays and monitors need them a few times a second at most. */
const QUEUE_CHANGED_INTERVAL_MS = 250;

type Body<K extends BroadcastName> = Omit<BroadcastMessage<K>, 'seq'>;
/** The lobby displays: a call must be seen (and heard) there first. */
const FIRST_ROOM = 'role:display';

/**
 * The one way the server broadcasts: every message gets the next sequence number, so a client can drop
 * what its snapshot already contains. Numbers are global, so a client sees gaps for messages sent to
 * other rooms; gaps are normal, only order matters.
 */
export class Broadcaster {
  private seqValue = 0;
  private queueTimer: NodeJS.Timeout | null = null;
  private lastQueueEmit = 0;
  private closed = false;
  private deferred: (() => void)[] = [];
  private deferredFlush: NodeJS.Immediate | null = null;

  constructor(
    private readonly io: Server,
    private readonly queues: () => QueueSummary[],
    private readonly queueRooms: readonly string[],
    /** A timer has no caller to tell: failures of a delayed send are reported here instead of crashing. */
    private readonly onError: (error: unknown) => void,
    private readonly monotonicNow: () => number = () => performance.now(),
  ) {}

  get seq(): number {
    return this.seqValue;
  }

  /**
   * Displays first: a message that goes to the displays reaches them at once, and its other rooms one
   * event-loop turn later, with the rest of that turn's messages. When many tellers call at once, each
   * call then reaches the hall's displays before the staff fan-out of the calls before it (measured in
   * docs/BENCHMARKS.md: p99 call → display at 100 tellers about halved). Other messages go at once
   * unless deferred ones are waiting, then behind them: each socket is in one role room, so every
   * client still gets its messages in sequence order.
   */
  send<K extends BroadcastName>(name: K, body: Body<K>, rooms: readonly string[]): number {
    const seq = ++this.seqValue;
    if (this.closed || rooms.length === 0) return seq;
    const message = { seq, ...body };
    const later = rooms.filter((r) => r !== FIRST_ROOM);
    const emitLater = () => this.io.to(later).emit(name as string, message);
    if (later.length < rooms.length) this.io.to([FIRST_ROOM]).emit(name as string, message);
    if (later.length === 0) return seq;
    if (later.length === rooms.length && this.deferred.length === 0) emitLater();
    else {
      this.deferred.push(emitLater);
      this.deferredFlush ??= setImmediate(() => this.flushDeferred());
    }
    return seq;
  }

  private flushDeferred(): void {
    this.deferredFlush = null;
    const batch = this.deferred;
    this.deferred = [];
    for (const emit of batch) {
      try {
        emit();
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** Marks the queues changed: sent at once when the last send is old enough, otherwise once, a moment later. */
  queueChanged(): void {
    if (this.closed || this.queueTimer) return;
    const wait = this.lastQueueEmit + QUEUE_CHANGED_INTERVAL_MS - this.monotonicNow();
    if (wait <= 0) this.flushQueues();
    else this.queueTimer = setTimeout(() => this.flushQueues(), wait);
  }

  private flushQueues(): void {
    this.queueTimer = null;
    this.lastQueueEmit = this.monotonicNow();
    try {
      this.send('queue:changed', { queues: this.queues() }, this.queueRooms);
    } catch (error) {
      this.onError(error);
    }
  }

  close(): void {
    this.closed = true;
    if (this.queueTimer) clearTimeout(this.queueTimer);
    this.queueTimer = null;
    if (this.deferredFlush) clearImmediate(this.deferredFlush);
    this.deferredFlush = null;
    this.deferred = [];
  }
}
