import type { Server } from 'socket.io';
import type { BroadcastMessage, BroadcastName, QueueSummary } from '@rinda/shared';

/** Queue lengths change with every ticket; kiosks, displays and monitors need them a few times a second at most. */
const QUEUE_CHANGED_INTERVAL_MS = 250;

type Body<K extends BroadcastName> = Omit<BroadcastMessage<K>, 'seq'>;

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

  send<K extends BroadcastName>(name: K, body: Body<K>, rooms: readonly string[]): number {
    const seq = ++this.seqValue;
    if (!this.closed && rooms.length > 0) this.io.to([...rooms]).emit(name as string, { seq, ...body });
    return seq;
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
  }
}
