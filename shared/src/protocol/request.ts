import { fail, type Result } from '../result';
import type { CommandName, CommandPayload } from './commands';
import type { CommandResults } from './events';

/** The part of a socket.io client socket that `request` needs; keeps shared free of socket.io. */
export interface AckEmitter {
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, res: unknown) => void): unknown };
}

/** A command's payload as a caller gives it: the requestId may be left out, and a fresh one is made for it. */
export type CommandInput<K extends CommandName> = Omit<CommandPayload<K>, 'requestId'> & { requestId?: string };

/** What a command came to: the server's ack, or a failure made here (no ack in time, not connected). */
export interface CommandOutcome<K extends CommandName> {
  result: Result<CommandResults[K]>;
  /** True when no ack came in time: the command may or may not have been applied. */
  timedOut: boolean;
}

// Web Crypto is global in browsers and Node ≥ 19; declared here because shared compiles without DOM types.
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
const webCrypto = crypto;

/**
 * A fresh idempotency key for one user action: a retry of that action reuses it, a new action never does.
 * 32 hex digits: the time in milliseconds (12 digits), then 80 random bits, so two keys never meet by chance.
 * Time first because the server's idempotency table is keyed by the request id first (migration 141): the rows
 * of a burst (every teller pressing "next" at once) land side by side on the table's last pages, not each on a
 * page of its own, which a random key made the largest part of what a group commit wrote.
 */
export function newRequestId(): string {
  return requestIdAt(Date.now());
}

/**
 * newRequestId for a given time (tests and tools that set the clock). Apart from newRequestId, which takes no
 * argument, so passing it as a callback (`useState(newRequestId)`, `.map(...)`) can never hand it a time.
 */
export function requestIdAt(now: number): string {
  const bytes = new Uint8Array(10);
  webCrypto.getRandomValues(bytes);
  return Math.floor(now).toString(16).padStart(12, '0') + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Emit a command and wait for its ack. A missing ack within `timeoutMs` resolves to a failure (code INTERNAL
 * with a clear message, `timedOut` set) so the UI can re-enable its buttons; retrying with the same requestId
 * is safe because the server applies a requestId at most once.
 */
export function sendCommand<K extends CommandName>(
  socket: AckEmitter,
  name: K,
  input: CommandInput<K>,
  timeoutMs = 5000,
): Promise<CommandOutcome<K>> {
  const payload = { ...input, requestId: input.requestId ?? newRequestId() };
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(name, payload, (err, res) => {
      if (err) resolve({ result: fail('INTERNAL', `No answer from the server within ${Math.round(timeoutMs / 1000)} s`), timedOut: true });
      // The server acks every command with a Result typed by CommandResults (ClientToServerEvents says so).
      else resolve({ result: res as Result<CommandResults[K]>, timedOut: false });
    });
  });
}

/** `sendCommand`'s ack alone: for callers (tests, tools) that treat a timeout as any other failure. */
export async function request<K extends CommandName>(
  socket: AckEmitter,
  name: K,
  payload: CommandPayload<K>,
  timeoutMs = 5000,
): Promise<Result<CommandResults[K]>> {
  return (await sendCommand(socket, name, payload, timeoutMs)).result;
}
