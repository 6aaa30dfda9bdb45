import { io, type Socket } from 'socket.io-client';
import {
  applyBroadcast,
  PROTOCOL_VERSION,
  type BranchSnapshot,
  type BroadcastMessage,
  type BroadcastName,
  type CallView,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@rinda/shared';
import { CallTracker } from './call-tracker';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface DisplayState {
  status: ConnectionStatus;
  snapshot: BranchSnapshot | null;
  /** Why the server refused this screen (UNAUTHENTICATED: unknown or revoked token; PROTOCOL_MISMATCH…); null when nothing is wrong. */
  refusal: { code: string; message: string } | null;
}

const BROADCASTS: BroadcastName[] = ['ticket:issued', 'ticket:called', 'ticket:updated', 'queue:changed', 'counter:updated', 'config:changed', 'device:updated'];
/** A half-open connection (cable pulled, no TCP reset) is found by asking the server over HTTP. */
const PROBE_EVERY_MS = 2000;
const HEALTH_PATH = '/api/health';
/** Until the first snapshot brings the branch's own setting. */
const DEFAULT_OFFLINE_AFTER_SEC = 5;

/**
 * The display's one socket: connects with its device token, holds the snapshot and advances it with
 * the shared reducer, hands each new call (never an old one after a reconnect) to `onCall`, and turns
 * "offline" after the branch's `display.offlineAfterSec` without the server.
 */
export class DisplayConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly tracker = new CallTracker();
  private readonly listeners = new Set<() => void>();
  private state: DisplayState = { status: 'connecting', snapshot: null, refusal: null };
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly probe: ReturnType<typeof setInterval>;
  /** Aborted when the server is lost; a new one with each snapshot. */
  private connected = new AbortController();

  constructor(
    token: string,
    private readonly onCall: (call: CallView) => void,
  ) {
    this.socket = io({
      auth: { protocolVersion: PROTOCOL_VERSION, token },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
    this.socket.on('snapshot', (snapshot) => this.receiveSnapshot(snapshot));
    for (const name of BROADCASTS) this.socket.on(name, ((msg: BroadcastMessage<typeof name>) => this.receiveBroadcast(name, msg)) as never);
    this.socket.on('disconnect', () => this.lostServer());
    this.socket.on('connect_error', (error) => {
      // The server refuses with a code in `data`; a network failure has none and only counts towards offline.
      // A refused screen stops showing calls it can no longer vouch for.
      const code = (error as Error & { data?: { code?: unknown } }).data?.code;
      if (typeof code === 'string') this.set({ refusal: { code, message: error.message }, snapshot: null });
      this.lostServer();
    });
    // A device's session ends when its token is revoked: it must be paired again.
    this.socket.on('session:ended', (msg) => this.set({ refusal: { code: 'UNAUTHENTICATED', message: msg.reason }, snapshot: null }));
    this.lostServer();
    this.probe = setInterval(() => this.probeServer(), PROBE_EVERY_MS);
  }

  getState = (): DisplayState => this.state;

  /** Aborts when this screen loses the server: what waits on the server gives up then, rather than after a set time. */
  whileConnected(): AbortSignal {
    return this.connected.signal;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  close(): void {
    this.connected.abort();
    clearInterval(this.probe);
    this.clearOfflineTimer();
    this.socket.close();
  }

  private set(next: Partial<DisplayState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  private receiveSnapshot(snapshot: BranchSnapshot): void {
    this.clearOfflineTimer();
    if (this.connected.signal.aborted) this.connected = new AbortController();
    this.set({ status: 'online', snapshot, refusal: null });
    for (const call of this.tracker.fromSnapshot(snapshot)) this.onCall(call);
  }

  private receiveBroadcast<K extends BroadcastName>(name: K, msg: BroadcastMessage<K>): void {
    const view = this.state.snapshot;
    if (!view) return;
    const next = applyBroadcast(view, name, msg);
    if (next === view) return;
    this.set({ snapshot: next });
    if (name === 'ticket:called') for (const call of this.tracker.fromBroadcast((msg as BroadcastMessage<'ticket:called'>).call)) this.onCall(call);
  }

  private probeServer(): void {
    if (this.state.status !== 'online') return;
    fetch(HEALTH_PATH, { cache: 'no-store', signal: AbortSignal.timeout(PROBE_EVERY_MS) }).catch(() => {
      // The socket has not noticed yet: reconnect, which counts towards offline until a snapshot arrives.
      this.socket.disconnect();
      this.lostServer();
      this.socket.connect();
    });
  }

  private lostServer(): void {
    this.connected.abort();
    if (this.state.status === 'online') this.set({ status: 'connecting' });
    if (this.offlineTimer !== null) return;
    const afterSec = this.state.snapshot?.config.display.offlineAfterSec ?? DEFAULT_OFFLINE_AFTER_SEC;
    this.offlineTimer = setTimeout(() => {
      this.offlineTimer = null;
      if (this.state.status !== 'online') this.set({ status: 'offline' });
    }, afterSec * 1000);
  }

  private clearOfflineTimer(): void {
    if (this.offlineTimer !== null) clearTimeout(this.offlineTimer);
    this.offlineTimer = null;
  }
}
