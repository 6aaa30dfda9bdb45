/**
 * The hostile client, in its own process: one socket of one role sending every event its role may send,
 * round robin, at a fixed rate, each with an ack it never waits for. When the server cuts it off it
 * tries to connect again every `reconnectEveryMs`, as an attacker would, and counts what it was told.
 * Times are process.hrtime.bigint() (CLOCK_MONOTONIC, shared with the other benchmark processes).
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Role } from '@rinda/shared';
import { floodEvents, type FloodTarget } from '../support/flood-events';
import { serveWorker } from './worker-rpc';

export interface FloodParams {
  url: string;
  role: Role;
  /** A token, or a ticket id for 'public'. */
  credential: string;
  target: FloodTarget;
  ratePerSecond: number;
  durationMs: number;
  reconnectEveryMs: number;
}

export interface FloodReport {
  startAt: string;
  endAt: string;
  sent: number;
  /** Milliseconds the socket was connected (it can only send then). */
  connectedMs: number;
  /** Answers by error code ('OK' for a success); events never answered are sent minus these. */
  answers: Record<string, number>;
  /** Times the server closed the socket. */
  cutOff: number;
  connectAttempts: number;
  /** Refused handshakes by code. */
  refusals: Record<string, number>;
}

const now = () => process.hrtime.bigint();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** At most this many emits per burst: the rest follow on the next, so the process keeps receiving acks. */
const MAX_PER_TURN = 100;

function connect(params: FloodParams): Promise<Socket | { refused: string }> {
  const auth = params.role === 'public' ? { protocolVersion: PROTOCOL_VERSION, ticketId: params.credential } : { protocolVersion: PROTOCOL_VERSION, token: params.credential };
  const socket = io(params.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    socket.once('snapshot', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ refused: (error as Error & { data?: { code?: string } }).data?.code ?? 'TRANSPORT' });
    });
  });
}

const count = (into: Record<string, number>, key: string) => void (into[key] = (into[key] ?? 0) + 1);

serveWorker({
  async flood(params: FloodParams): Promise<FloodReport> {
    const events = floodEvents(params.role, params.target);
    const report: FloodReport = { startAt: String(now()), endAt: '', sent: 0, connectedMs: 0, answers: {}, cutOff: 0, connectAttempts: 0, refusals: {} };
    const start = now();
    const end = start + BigInt(params.durationMs) * 1_000_000n;
    const onAck = (res: { ok?: boolean; error?: { code?: string } }) => count(report.answers, res.ok ? 'OK' : (res.error?.code ?? 'UNKNOWN'));
    while (now() < end) {
      report.connectAttempts++;
      const socket = await connect(params);
      if ('refused' in socket) {
        count(report.refusals, socket.refused);
        await sleep(params.reconnectEveryMs);
        continue;
      }
      const connectedAt = now();
      let open = true;
      socket.once('disconnect', () => {
        open = false;
        report.cutOff++;
      });
      // Emits are due at the rate from the moment of connecting; whatever is due goes out at once.
      let sentHere = 0;
      while (open && now() < end) {
        const due = Math.floor((Number(now() - connectedAt) / 1e9) * params.ratePerSecond) - sentHere;
        for (let i = 0; i < Math.min(due, MAX_PER_TURN); i++) {
          const event = events[(report.sent + i) % events.length]!;
          socket.emit(event.name, event.payload(), onAck);
        }
        const n = Math.max(0, Math.min(due, MAX_PER_TURN));
        sentHere += n;
        report.sent += n;
        // A millisecond between bursts: the rate holds, and the process does not spin a core the server needs.
        await sleep(1);
      }
      report.connectedMs += Number(now() - connectedAt) / 1e6;
      socket.removeAllListeners('disconnect');
      socket.close();
      if (now() < end) await sleep(params.reconnectEveryMs);
    }
    report.endAt = String(now());
    return report;
  },
});
