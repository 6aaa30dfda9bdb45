import type { Server } from 'socket.io';
import type { BatchedBroadcast, BroadcastMessage, BroadcastName, QueueSummary } from '@rinda/shared';

/** Queue lengths change with every ticket; kiosks, displays and monitors need them a few times a second at most. */
const QUEUE_CHANGED_INTERVAL_MS = 250;

type Body<K extends BroadcastName> = Omit<BroadcastMessage<K>, 'seq'>;
/** The lobby displays: a call must be seen (and heard) there first. */
const FIRST_ROOM = 'role:display';
/**
 * The staff rooms: a teller's or manager's socket is in its role room only, so the messages of one turn
 * can reach it as one `batch` without changing their order.
 */
const BATCHED_ROOMS: ReadonlySet<string> = new Set(['role:teller', 'role:manager']);

interface Pending {
  name: BroadcastName;
  message: BroadcastMessage<BroadcastName>;
  rooms: readonly string[];
}

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
  private pending: Pending[] = [];
  private pendingFlush: NodeJS.Immediate | null = null;
  private displayTurn: BatchedBroadcast[] = [];

  constructor(
    private readonly io: Server,
    private readonly queues: () => QueueSummary[],
    private readonly queueRooms: readonly string[],
    /** A timer has no caller to tell: failures of a delayed send are reported here instead of crashing. */
    private readonly onError: (error: unknown) => void,
    private readonly monotonicNow: () => number = () => performance.now(),
    /**
     * Whether a room has a socket now. socket.io encodes a message before it looks at the room, so an empty one
     * (most tickets' status-page rooms, a branch with no manager signed in) would cost a JSON encoding for nobody.
     * A socket that joins later lacks nothing: its snapshot is built from memory, which already holds the change.
     */
    private readonly occupied: (room: string) => boolean = () => true,
  ) {}

  get seq(): number {
    return this.seqValue;
  }

  /**
   * Displays first: a message reaches the displays right after the task that sent it (toDisplays), and its other
   * rooms at the end of the event-loop turn, in sequence order with the rest of that turn's messages. When many
   * tellers call at once, the burst then reaches the hall's displays before any of its staff fan-out.
   * A staff socket gets its turn's messages as one `batch` when there are several (group commit makes
   * the calls of a burst one turn's work): one socket write per teller instead of one per call
   * (docs/BENCHMARKS.md, call → display). Each socket is in one role room, plus a public page's ticket
   * room, which is never batched: every client still gets its messages in sequence order.
   */
  send<K extends BroadcastName>(name: K, body: Body<K>, rooms: readonly string[]): number {
    const seq = ++this.seqValue;
    if (this.closed) return seq;
    const listening = rooms.filter(this.occupied);
    if (listening.length === 0) return seq;
    const message = { seq, ...body } as BroadcastMessage<K>;
    const later = listening.filter((r) => r !== FIRST_ROOM);
    if (later.length < listening.length) this.toDisplays({ event: name, payload: message } as BatchedBroadcast);
    if (later.length === 0) return seq;
    this.pending.push({ name, message, rooms: later });
    this.pendingFlush ??= setImmediate(() => this.flushPending());
    return seq;
  }

  /**
   * The displays get what the current task sends them as one message, right after it (a microtask): a group
   * commit's calls are committed at the same instant, and one `batch` per display instead of one write per call and
   * display (5,000 for 100 calls and 50 displays) lets a display take in the whole burst at once. A lone message
   * goes as itself.
   */
  private toDisplays(message: BatchedBroadcast): void {
    this.displayTurn.push(message);
    if (this.displayTurn.length === 1) queueMicrotask(() => this.flushDisplays());
  }

  private flushDisplays(): void {
    const messages = this.displayTurn;
    this.displayTurn = [];
    if (this.closed) return;
    this.emitTurn([FIRST_ROOM], messages);
  }

  private flushPending(): void {
    this.pendingFlush = null;
    const turn = this.pending;
    this.pending = [];
    const staff = new Map<string, BatchedBroadcast[]>();
    for (const { name, message, rooms } of turn) {
      const others = rooms.filter((r) => !BATCHED_ROOMS.has(r));
      if (others.length > 0) this.emitSafely(others, name, message);
      for (const room of rooms) {
        if (!BATCHED_ROOMS.has(room)) continue;
        const list = staff.get(room) ?? [];
        list.push({ event: name, payload: message } as BatchedBroadcast);
        staff.set(room, list);
      }
    }
    // Rooms given the same messages (tellers and managers, usually) share one emit, encoded once.
    const byContent = new Map<string, { rooms: string[]; messages: BatchedBroadcast[] }>();
    for (const [room, messages] of staff) {
      const key = messages.map((m) => m.payload.seq).join(',');
      const same = byContent.get(key);
      if (same) same.rooms.push(room);
      else byContent.set(key, { rooms: [room], messages });
    }
    for (const { rooms, messages } of byContent.values()) this.emitTurn(rooms, messages);
  }

  /** A turn's messages to rooms that take batches: one message as itself, several as one `batch`. */
  private emitTurn(rooms: readonly string[], messages: BatchedBroadcast[]): void {
    const [only] = messages;
    if (messages.length === 1 && only) this.emitSafely(rooms, only.event, only.payload);
    else if (messages.length > 1) this.emitSafely(rooms, 'batch', { messages });
  }

  private emitSafely(rooms: readonly string[], event: string, payload: unknown): void {
    try {
      this.io.to(rooms as string[]).emit(event, payload);
    } catch (error) {
      this.onError(error);
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
    if (this.pendingFlush) clearImmediate(this.pendingFlush);
    this.pendingFlush = null;
    this.pending = [];
    this.displayTurn = [];
  }
}
