import { createHmac } from 'node:crypto';
import { z } from 'zod';

/** Where and how SMS are sent (RINDA_SMS_URL and the secret file: docs/OPERATIONS.md, "SMS"). */
export const SmsGatewayOptions = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** Shared with the gateway: it checks each request's HMAC-SHA256 signature with it. At least 32 characters. */
  secret: z.string().min(32),
  /** Tries per message (the first and the retries). */
  attempts: z.number().int().min(1).max(10).default(4),
  /** The wait before the first retry; each next retry waits twice as long. */
  retryBaseMs: z.number().int().min(1).max(60_000).default(2000),
  /** One request's time limit. */
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});
export type SmsGatewayOptions = z.infer<typeof SmsGatewayOptions>;
export type SmsGatewayInput = z.input<typeof SmsGatewayOptions>;

export interface SmsMessage {
  /** The delivery log's id: the gateway may use it to drop a duplicate after a retry. */
  id: string;
  to: string;
  text: string;
}

/** A way to send one SMS: resolves when the operator took it, rejects with the reason when it did not. */
export interface SmsGateway {
  send(message: SmsMessage, onAttempt: (attempt: number, error: string | null) => void): Promise<void>;
}

export const SIGNATURE_HEADER = 'x-rinda-signature';
export const TIMESTAMP_HEADER = 'x-rinda-timestamp';

/** The signature of a body sent at a time: hex HMAC-SHA256 of "timestamp.body" (a replayed body with another time fails). */
export function signBody(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The generic HTTP adapter: a JSON POST {id, to, text} to the configured URL, signed (x-rinda-signature:
 * sha256=<hex>, over the timestamp and the body), retried with exponential back-off on a network error, a
 * timeout or a 5xx or 429; any other 4xx is final (the gateway refused this message; sending it again cannot help).
 */
export class HttpSmsGateway implements SmsGateway {
  constructor(
    private readonly options: SmsGatewayOptions,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async send(message: SmsMessage, onAttempt: (attempt: number, error: string | null) => void): Promise<void> {
    const body = JSON.stringify(message);
    let lastError = '';
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      if (attempt > 1) await this.sleep(this.options.retryBaseMs * 2 ** (attempt - 2));
      const outcome = await this.post(body);
      onAttempt(attempt, outcome.error);
      if (outcome.error === null) return;
      lastError = outcome.error;
      if (!outcome.retry) break;
    }
    throw new Error(lastError);
  }

  private async post(body: string): Promise<{ error: string | null; retry: boolean }> {
    const timestamp = String(this.clock());
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `sha256=${signBody(this.options.secret, timestamp, body)}` },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { error: null, retry: false };
      return { error: `HTTP ${response.status}`, retry: response.status >= 500 || response.status === 429 };
    } catch (error) {
      return { error: error instanceof Error ? error.name : 'network error', retry: true };
    }
  }
}
