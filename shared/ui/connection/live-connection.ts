import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import {
  ErrorCode,
  HealthRoute,
  PROTOCOL_VERSION,
  fail,
  followBroadcasts,
  sendCommand,
  type BatchedBroadcast,
  type BranchSnapshot,
  type CommandInput,
  type CommandName,
  type CommandOutcome,
  type HandshakeAuth,
  type RatingPrompt,
  type ServerToClientEvents,
} from '@rinda/shared';
import { callRoute } from '../http/api-client';

/**
 * online: connected AND holding a fresh snapshot of this connection. connecting: not (yet, or no longer),
 * for less than the client's `offlineAfterMs`. offline: longer than that, or refused.
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/**
 * Why the server will not talk to this client; the connection stops trying once refused. RATE_LIMITED is no
 * refusal: the connection tries again when the server says it may.
 */
export interface Refusal {
  code: ErrorCode;
  message: string;
  /** True when the server ended a session it had accepted (logout, revocation, expiry); false when it refused the handshake. */
  sessionEnded: boolean;
}

export interface ConnectionState {
  status: ConnectionStatus;
  /** The branch as this client may see it: null until the first snapshot, and after a refusal. */
  view: BranchSnapshot | null;
  /** Server time minus local time, from the last snapshot, so live durations tick on the server's clock. */
  clockOffsetMs: number;
  refusal: Refusal | null;
}

/** A half-open connection (cable pulled, no TCP reset) is found only by asking the server over HTTP. */
export interface HealthProbe {
  everyMs: number;
  timeoutMs: number;
}

export interface ConnectionOptions {
  /** A session or device token, or the one ticket a public status page follows (the protocol version is added). */
  credentials: Omit<HandshakeAuth, 'protocolVersion'>;
  /** How long without the server before `status` turns offline: a number, or read from the view (a setting). */
  offlineAfterMs: number | ((view: BranchSnapshot | null) => number);
  /** No ack within this time: the command's outcome says `timedOut`. By default DEFAULT_ACK_TIMEOUT_MS. */
  ackTimeoutMs?: number;
  probe?: HealthProbe;
  /** The server's origin; by default the page's own. */
  url?: string;
}

export const DEFAULT_ACK_TIMEOUT_MS = 5000;

/** How the server refuses a handshake: socket.io's connect_error carrying the code in `data`. */
const HandshakeRefusal = z.object({ data: z.object({ code: ErrorCode, retryAfterMs: z.number().positive().optional() }) });

/** A RATE_LIMITED handshake without a retry hint (an older server) is tried again after this long. */
const RATE_LIMITED_RETRY_MS = 5000;

/** Emits commands untyped: `send` types them from CommandPayload and CommandResults. */
type CommandEmitter = Record<string, (...args: unknown[]) => void>;

/**
 * The one owner of an app's socket (each app wraps it thinly in apps/<app>/src/connection): the handshake,
 * the snapshot advanced with the shared reducer, refusals, the health probe and typed commands. Components
 * read it through `subscribe`/`getState` (useSyncExternalStore) and never touch the socket.
 */
export class LiveConnection {
  private readonly socket: Socket<ServerToClientEvents, CommandEmitter>;
  private state: ConnectionState = { status: 'connecting', view: null, clockOffsetMs: 0, refusal: null };
  private readonly listeners = new Set<() => void>();
  private readonly broadcastListeners = new Set<(message: BatchedBroadcast) => void>();
  private readonly snapshotListeners = new Set<(view: BranchSnapshot) => void>();
  private readonly ratingListeners = new Set<(prompt: RatingPrompt | null) => void>();
  private ratingPrompt: RatingPrompt | null = null;
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly probing: ReturnType<typeof setInterval> | null;
  /** Aborted when the server is lost; a new one with each snapshot. */
  private connected = new AbortController();

  constructor(private readonly options: ConnectionOptions) {
    const socketOptions = {
      auth: { protocolVersion: PROTOCOL_VERSION, ...options.credentials },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    };
    this.socket = options.url === undefined ? io(socketOptions) : io(options.url, socketOptions);
    this.socket.on('snapshot', (view) => {
      this.clearOfflineTimer();
      if (this.connected.signal.aborted) this.connected = new AbortController();
      this.set({ status: 'online', view, clockOffsetMs: view.serverTime - Date.now(), refusal: null });
      for (const listener of this.snapshotListeners) listener(view);
    });
    followBroadcasts(
      this.socket,
      () => this.state.view,
      (view) => this.set({ view }),
      (message) => {
        for (const listener of this.broadcastListeners) listener(message);
      },
    );
    this.socket.on('rating:prompt', ({ prompt }) => {
      this.ratingPrompt = prompt;
      for (const listener of this.ratingListeners) listener(prompt);
    });
    this.socket.on('session:ended', ({ reason }) => this.refused({ code: 'UNAUTHENTICATED', message: reason, sessionEnded: true }));
    this.socket.on('disconnect', (reason) => {
      this.lostServer();
      // socket.io does not reconnect by itself after a server-side close; try, and the handshake says
      // whether this client is still welcome (a refusal stops it).
      if (reason === 'io server disconnect' && !this.state.refusal) this.socket.connect();
    });
    this.socket.on('connect_error', (error) => {
      // socket.io stops retrying only when the server refused the handshake (bad token, wrong protocol
      // version), which carries a code in `data`; a network failure only counts towards offline.
      if (this.socket.active) return this.lostServer();
      const refusal = HandshakeRefusal.safeParse(error);
      // Too many requests says nothing of who this client is (a flood cut it off, or the branch is full): it
      // comes back when told, and stays connecting or offline meanwhile.
      if (refusal.success && refusal.data.data.code === 'RATE_LIMITED') return this.reconnectAfter(refusal.data.data.retryAfterMs ?? RATE_LIMITED_RETRY_MS);
      this.refused({ code: refusal.success ? refusal.data.data.code : 'UNAUTHENTICATED', message: error.message, sessionEnded: false });
    });
    this.lostServer();
    const { probe } = options;
    this.probing = probe ? setInterval(() => void this.probeServer(probe), probe.everyMs) : null;
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Each snapshot (on every connect and reconnect), after the view took it. */
  onSnapshot(listener: (view: BranchSnapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Each broadcast that advanced the view, after the view took it (a batch's one by one, in order). */
  onBroadcast(listener: (message: BatchedBroadcast) => void): () => void {
    this.broadcastListeners.add(listener);
    return () => this.broadcastListeners.delete(listener);
  }

  /**
   * A counter rating screen's `rating:prompt`: what to ask now (null: idle), at once (the latest, which may have come
   * before the listener) and whenever it changes.
   */
  onRatingPrompt(listener: (prompt: RatingPrompt | null) => void): () => void {
    this.ratingListeners.add(listener);
    listener(this.ratingPrompt);
    return () => this.ratingListeners.delete(listener);
  }

  /** Aborts when this client loses the server: what waits on the server gives up then, rather than after a set time. */
  whileConnected(): AbortSignal {
    return this.connected.signal;
  }

  /** One user action: its requestId (a fresh one unless given, for a retry), then the server's ack or a failure. */
  send<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutcome<K>> {
    // socket.io buffers emits while disconnected and sends them on reconnect: a command the user was already
    // told had failed would then take effect. Refuse instead; the user can retry.
    if (!this.socket.connected) return Promise.resolve({ result: fail('INTERNAL', 'Not connected to the server'), timedOut: false });
    return sendCommand(this.socket, name, input, this.options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS);
  }

  close(): void {
    this.connected.abort();
    if (this.probing !== null) clearInterval(this.probing);
    this.clearOfflineTimer();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private set(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** A refused client shows nothing it can no longer vouch for, and stops asking. */
  private refused(refusal: Refusal): void {
    this.set({ refusal, view: null });
    this.socket.disconnect();
    this.lostServer();
  }

  /**
   * Connects again once the server's wait has passed, plus up to a second of jitter so that screens cut off
   * together (a branch full after a restart) do not all come back in the same instant.
   */
  private reconnectAfter(waitMs: number): void {
    this.lostServer();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        this.socket.connect();
      },
      waitMs + Math.random() * Math.min(waitMs, 1000),
    );
  }

  private lostServer(): void {
    this.connected.abort();
    if (this.state.status === 'offline' || this.offlineTimer !== null) return;
    const { offlineAfterMs } = this.options;
    const afterMs = typeof offlineAfterMs === 'number' ? offlineAfterMs : offlineAfterMs(this.state.view);
    if (afterMs <= 0) return this.set({ status: 'offline' });
    if (this.state.status === 'online') this.set({ status: 'connecting' });
    this.offlineTimer = setTimeout(() => {
      this.offlineTimer = null;
      if (this.state.status !== 'online') this.set({ status: 'offline' });
    }, afterMs);
  }

  private clearOfflineTimer(): void {
    if (this.offlineTimer !== null) clearTimeout(this.offlineTimer);
    this.offlineTimer = null;
  }

  private async probeServer(probe: HealthProbe): Promise<void> {
    if (this.state.status !== 'online') return;
    const health = await callRoute(HealthRoute, { cache: 'no-store', signal: AbortSignal.timeout(probe.timeoutMs), origin: this.options.url });
    // Only an unreachable server counts: one that answers, even badly, is there.
    if (health.ok || health.code !== 'NETWORK' || this.state.status !== 'online') return;
    // The socket has not noticed yet: reconnect, which counts towards offline until a snapshot arrives.
    this.socket.disconnect();
    this.lostServer();
    this.socket.connect();
  }
}
