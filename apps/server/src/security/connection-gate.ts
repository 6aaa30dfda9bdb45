import type { ServerLimits } from './server-limits';
import { KeyedBuckets } from './token-bucket';

/**
 * Connections a client has opened at the transport level (engine.io) but not finished as a socket: a
 * socket.io client closes a refused one at once, a hand-made one may leave it open until socket.io's
 * connect timeout (45 s). This many of them per address, beyond the socket limit, are tolerated.
 */
const UNFINISHED_PER_ADDRESS = 50;
const UNFINISHED_TOTAL = 200;
/** Credentials cooling down after a flood: bounded, the oldest forgotten first. */
const MAX_COOLING = 10_000;

export interface GateRefusal {
  message: string;
  retryAfterMs: number;
}

/** Counts per key, forgetting a key at zero. */
class Counts {
  private readonly counts = new Map<string, number>();
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  add(key: string): void {
    this.counts.set(key, this.get(key) + 1);
  }
  remove(key: string): void {
    const n = this.get(key) - 1;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }
}

type GateLimits = Pick<
  ServerLimits,
  'connectionsPerAddress' | 'connectionsPerCredential' | 'connectionsTotal' | 'handshakesPerAddress' | 'reconnectCooldownMs'
>;

/**
 * Who may connect. Two steps, as socket.io has two: the transport's handshake (`admitTransport`, before
 * any credential is known: new connections per address, and a hard cap on open transports), then the
 * socket's (`admitSocket`, with the credential: sockets per address, per credential and in all, and a
 * credential cut off for flooding). The second gives the clear refusal a client shows; the first only
 * stops what a socket.io client never does.
 */
export class ConnectionGate {
  private readonly transportsByAddress = new Counts();
  private transports = 0;
  private readonly socketsByAddress = new Counts();
  private readonly socketsByCredential = new Counts();
  private sockets = 0;
  private readonly handshakes: KeyedBuckets;
  private readonly cooling = new Map<string, number>();

  constructor(private readonly limits: GateLimits) {
    this.handshakes = new KeyedBuckets(limits.handshakesPerAddress);
  }

  /** A new transport connection from `address`: null to accept it, or why not. */
  admitTransport(address: string, now: number): GateRefusal | null {
    const wait = this.handshakes.take(address, now);
    if (wait > 0) return { message: 'Too many new connections from this address; try again shortly', retryAfterMs: wait };
    if (this.transportsByAddress.get(address) >= this.limits.connectionsPerAddress + UNFINISHED_PER_ADDRESS || this.transports >= this.limits.connectionsTotal + UNFINISHED_TOTAL)
      return { message: 'Too many connections', retryAfterMs: 5000 };
    return null;
  }

  transportOpened(address: string): void {
    this.transportsByAddress.add(address);
    this.transports++;
  }

  transportClosed(address: string): void {
    this.transportsByAddress.remove(address);
    this.transports--;
  }

  /**
   * A socket with this credential from this address: null to accept it, or the refusal the client shows.
   * Sockets count once connected, so handshakes of the same moment may pass together: a few over at most,
   * as many as the handshake rate lets in at once.
   */
  admitSocket(address: string, credential: string, now: number): GateRefusal | null {
    const until = this.cooling.get(credential);
    if (until !== undefined) {
      if (until > now) return { message: 'This connection sent too many requests and was closed; wait before connecting again', retryAfterMs: until - now };
      this.cooling.delete(credential);
    }
    const { connectionsPerAddress, connectionsPerCredential, connectionsTotal } = this.limits;
    if (this.sockets >= connectionsTotal) return { message: `The branch server has its maximum of ${connectionsTotal} connections; try again shortly`, retryAfterMs: 5000 };
    if (this.socketsByAddress.get(address) >= connectionsPerAddress)
      return { message: `This address already has ${connectionsPerAddress} connections to the branch server, the most it may have`, retryAfterMs: 5000 };
    if (this.socketsByCredential.get(credential) >= connectionsPerCredential)
      return { message: `These credentials already have ${connectionsPerCredential} connections open, the most they may have`, retryAfterMs: 5000 };
    return null;
  }

  socketOpened(address: string, credential: string): void {
    this.socketsByAddress.add(address);
    this.socketsByCredential.add(credential);
    this.sockets++;
  }

  socketClosed(address: string, credential: string): void {
    this.socketsByAddress.remove(address);
    this.socketsByCredential.remove(credential);
    this.sockets--;
  }

  /** A credential whose socket was cut off for flooding may not connect again for a while. */
  coolDown(credential: string, now: number): void {
    this.cooling.delete(credential);
    this.cooling.set(credential, now + this.limits.reconnectCooldownMs);
    if (this.cooling.size > MAX_COOLING) {
      for (const [key, until] of this.cooling) if (until <= now) this.cooling.delete(key);
      for (const key of this.cooling.keys()) {
        if (this.cooling.size <= MAX_COOLING) break;
        this.cooling.delete(key);
      }
    }
  }
}
