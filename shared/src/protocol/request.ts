import { fail, type Result } from '../result';
import type { CommandName, CommandPayload } from './commands';
import type { CommandResults } from './events';

/** The part of a socket.io client socket that `request` needs; keeps shared free of socket.io. */
export interface AckEmitter {
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, res: unknown) => void): unknown };
}

// Web Crypto is global in browsers and Node ≥ 19; declared here because shared compiles without DOM types.
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
const webCrypto = crypto;

/** A fresh idempotency key for one user action: a retry of that action reuses it, a new action never does. */
export function newRequestId(): string {
  const bytes = new Uint8Array(16);
  webCrypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Emit a command and wait for its ack. A missing ack within `timeoutMs` resolves to a TIMEOUT-style
 * failure (code INTERNAL with a clear message) so the UI can re-enable its buttons; retrying with the
 * same requestId is safe because the server applies a requestId at most once.
 */
export function request<K extends CommandName>(
  socket: AckEmitter,
  name: K,
  payload: CommandPayload<K>,
  timeoutMs = 5000,
): Promise<Result<CommandResults[K]>> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(name, payload, (err, res) => {
      if (err) resolve(fail('INTERNAL', `No answer from the server within ${Math.round(timeoutMs / 1000)} s`));
      else resolve(res as Result<CommandResults[K]>);
    });
  });
}
