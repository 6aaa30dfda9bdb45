import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, followBroadcasts, type BranchSnapshot, type ClientToServerEvents, type ServerToClientEvents } from '@rinda/shared';

export interface LiveState {
  online: boolean;
  view: BranchSnapshot | null;
  /** Server time minus local time, so waits tick on the server's clock. */
  clockOffsetMs: number;
  endedReason: string | null;
}

/**
 * The one owner of the manager's socket: the snapshot on every (re)connect, then broadcasts applied
 * with the shared reducer. Components read it through subscribe/getState and never touch the socket.
 */
export class ManagerConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private state: LiveState = { online: false, view: null, clockOffsetMs: 0, endedReason: null };
  private readonly listeners = new Set<() => void>();

  constructor(token: string) {
    this.socket = io({ auth: { protocolVersion: PROTOCOL_VERSION, token }, transports: ['websocket'] });
    this.socket.on('snapshot', (view) => this.update({ online: true, view, clockOffsetMs: view.serverTime - Date.now() }));
    followBroadcasts(this.socket, () => this.state.view, (view) => this.update({ view }));
    this.socket.on('session:ended', ({ reason }) => this.end(reason));
    this.socket.on('disconnect', () => this.update({ online: false }));
    this.socket.on('connect_error', (err) => {
      // socket.io gives up only when the server refused us (expired token, wrong protocol version).
      if (!this.socket.active) this.end(err.message);
      else this.update({ online: false });
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): LiveState => this.state;

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private end(reason: string): void {
    this.socket.disconnect();
    this.update({ online: false, endedReason: reason });
  }

  private update(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
