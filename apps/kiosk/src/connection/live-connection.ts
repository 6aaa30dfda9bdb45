import { io, type Socket } from 'socket.io-client';
import {
  fail,
  followBroadcasts,
  request,
  type BranchSnapshot,
  type AckEmitter,
  type ClientToServerEvents,
  type CommandName,
  type CommandPayload,
  type CommandResults,
  type HandshakeAuth,
  type Result,
  type ServerToClientEvents,
} from '@rinda/shared';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  snapshot: BranchSnapshot | null;
  /** Why the server refused us (e.g. UNAUTHENTICATED), for staff; null when nothing is wrong. */
  refusal: string | null;
}

export interface LiveConnection {
  getState(): ConnectionState;
  subscribe(listener: () => void): () => void;
  /** Called after every broadcast that advanced the snapshot. */
  onBroadcast(listener: () => void): () => void;
  send<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<Result<CommandResults[K]>>;
  close(): void;
}

/** Not connected for this long → offline: long enough to hide a blip. */
export const OFFLINE_AFTER_MS = 2000;

/** A half-open connection (cable pulled, no TCP reset) is found only by probing the server over HTTP. */
export interface HealthProbe {
  everyMs: number;
  timeoutMs: number;
}
/**
 * A kiosk shows "out of service" within 5 s of a cut: at worst (a cut just after a probe)
 * everyMs + timeoutMs + OFFLINE_AFTER_MS = 4.5 s.
 */
export const KIOSK_PROBE: HealthProbe = { everyMs: 1000, timeoutMs: 1500 };
/** The longest a cut can go unseen with this probe: a cut just after a probe, found by the next one timing out. */
export function worstCaseOfflineNoticeMs(probe: HealthProbe): number {
  return probe.everyMs + probe.timeoutMs + OFFLINE_AFTER_MS;
}
/** A phone may be on a slow mobile network, and its page only says "reconnecting": no deadline to meet. */
export const PHONE_PROBE: HealthProbe = { everyMs: 2000, timeoutMs: 2000 };
const HEALTH_PATH = '/api/health';
const COMMAND_TIMEOUT_MS = 8000;
/** After a server upgrade the old page cannot talk to it; an unattended kiosk reloads to get the new one. */
const RELOAD_ON_MISMATCH_MS = 10_000;

/**
 * The one owner of a socket: connects to the same origin with the given handshake, holds the snapshot
 * and advances it with the shared reducer, and tells the UI whether the server is reachable.
 */
export function createLiveConnection(auth: HandshakeAuth, probe: HealthProbe): LiveConnection {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    auth: { ...auth },
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
  });
  let state: ConnectionState = { status: 'connecting', snapshot: null, refusal: null };
  const listeners = new Set<() => void>();
  const broadcastListeners = new Set<() => void>();
  let offlineTimer: ReturnType<typeof setTimeout> | null = null;

  const set = (next: Partial<ConnectionState>) => {
    state = { ...state, ...next };
    for (const l of listeners) l();
  };
  const goingOffline = () => {
    if (offlineTimer !== null || state.status === 'offline') return;
    offlineTimer = setTimeout(() => {
      offlineTimer = null;
      if (!socket.connected || state.status !== 'online') set({ status: 'offline' });
    }, OFFLINE_AFTER_MS);
  };
  const clearOfflineTimer = () => {
    if (offlineTimer !== null) clearTimeout(offlineTimer);
    offlineTimer = null;
  };

  // Online means: connected AND holding a fresh snapshot for this connection.
  socket.on('snapshot', (snapshot) => {
    clearOfflineTimer();
    set({ status: 'online', snapshot, refusal: null });
  });
  followBroadcasts(socket, () => state.snapshot, (snapshot) => {
    set({ snapshot });
    for (const l of broadcastListeners) l();
  });
  socket.on('disconnect', () => {
    if (state.status === 'online') set({ status: 'connecting' });
    goingOffline();
  });
  let reloadScheduled = false;
  socket.on('connect_error', (err) => {
    const code = (err as Error & { data?: { code?: string } }).data?.code;
    set({ refusal: code ?? err.message });
    if (code === 'PROTOCOL_MISMATCH' && !reloadScheduled) {
      reloadScheduled = true;
      setTimeout(() => window.location.reload(), RELOAD_ON_MISMATCH_MS);
    }
    goingOffline();
  });
  socket.on('session:ended', (msg) => set({ refusal: msg.reason }));
  goingOffline();

  const probing = setInterval(() => {
    if (state.status !== 'online') return;
    fetch(HEALTH_PATH, { cache: 'no-store', signal: AbortSignal.timeout(probe.timeoutMs) }).catch(() => {
      // The server is unreachable though the socket has not noticed: reconnect, which shows offline until back.
      socket.disconnect();
      set({ status: 'connecting' });
      goingOffline();
      socket.connect();
    });
  }, probe.everyMs);

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onBroadcast(listener) {
      broadcastListeners.add(listener);
      return () => broadcastListeners.delete(listener);
    },
    send(name, payload) {
      // socket.io buffers emits while disconnected and sends them on reconnect: a command the user was
      // already told had failed would then take effect. Refuse instead; the user can retry.
      if (!socket.connected) return Promise.resolve(fail('INTERNAL', 'Not connected to the server'));
      // The typed socket's emit is narrower than AckEmitter's; request() keeps names and payloads typed itself.
      return request(socket as unknown as AckEmitter, name, payload, COMMAND_TIMEOUT_MS);
    },
    close() {
      clearInterval(probing);
      clearOfflineTimer();
      socket.close();
    },
  };
}
