import { io, type Socket } from 'socket.io-client';
import {
  ErrorCode,
  PROTOCOL_VERSION,
  followBroadcasts,
  newRequestId,
  request,
  type AckEmitter,
  type BranchSnapshot,
  type CommandName,
  type CommandPayload,
  type CommandResults,
  type Result,
  type ServerToClientEvents,
  type ClientToServerEvents,
} from '@rinda/shared';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'ended';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Null until the first snapshot; kept (marked offline) while reconnecting, replaced by the next snapshot. */
  view: BranchSnapshot | null;
  /** Server time minus local time, from the last snapshot, so live durations tick on the server's clock. */
  clockOffsetMs: number;
  /** Why the server refused the connection; null when it ended the session itself (logout, revocation, expiry). */
  endedCode: ErrorCode | null;
}

export interface CommandOutcome<K extends CommandName> {
  result: Result<CommandResults[K]>;
  /** True when no ack came in time: the command may or may not have been applied. */
  timedOut: boolean;
}

/** A command's payload without its requestId: the connection adds a fresh one per user action. */
export type CommandInput<K extends CommandName> = Omit<CommandPayload<K>, 'requestId'>;

export const ACK_TIMEOUT_MS = 5000;

/**
 * The one owner of the counter's socket. It holds the snapshot, advances it with `applyBroadcast`,
 * and sends commands through `request()`. Components read it through `subscribe`/`getState` and
 * never touch the socket.
 */
export class BranchConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private state: ConnectionState = { status: 'connecting', view: null, clockOffsetMs: 0, endedCode: null };
  private readonly listeners = new Set<() => void>();

  constructor(token: string) {
    this.socket = io({ auth: { protocolVersion: PROTOCOL_VERSION, token }, transports: ['websocket'] });
    this.socket.on('snapshot', (snapshot) => {
      this.update({ status: 'online', view: snapshot, clockOffsetMs: snapshot.serverTime - Date.now() });
    });
    followBroadcasts(this.socket, () => this.state.view, (view) => this.update({ view }));
    this.socket.on('session:ended', () => this.end(null));
    this.socket.on('disconnect', (reason) => {
      if (this.state.status === 'ended') return;
      this.update({ status: 'offline' });
      // socket.io does not reconnect by itself after a server-side close; try once, and the handshake
      // tells us whether the session is still good (connect_error ends it otherwise).
      if (reason === 'io server disconnect') this.socket.connect();
    });
    this.socket.on('connect_error', (err) => {
      // socket.io stops retrying only when the server refused us (bad token, wrong protocol version).
      if (!this.socket.active) {
        const code = ErrorCode.safeParse((err as Error & { data?: { code?: unknown } }).data?.code);
        this.end(code.success ? code.data : 'UNAUTHENTICATED');
      }
      else this.update({ status: 'offline' });
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ConnectionState => this.state;

  /** One user action: a fresh requestId, the server's ack or a timeout failure. */
  async send<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutcome<K>> {
    let timedOut = false;
    // Wraps the socket only to learn whether the failure was a timeout; request() stays the one way to emit.
    const emitter: AckEmitter = {
      timeout: (ms) => ({
        emit: (event, payload, ack) =>
          (this.socket.timeout(ms) as unknown as ReturnType<AckEmitter['timeout']>).emit(event, payload, (err, res) => {
            timedOut = err !== null;
            ack(err, res);
          }),
      }),
    };
    const payload = { ...input, requestId: newRequestId() } as CommandPayload<K>;
    const result = await request(emitter, name, payload, ACK_TIMEOUT_MS);
    return { result, timedOut };
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private end(code: ErrorCode | null): void {
    this.update({ status: 'ended', endedCode: code });
    this.socket.disconnect();
  }

  private update(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
