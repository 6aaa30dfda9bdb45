import { z } from 'zod';
import type { PrinterHealth } from '@rinda/shared';

/** DLE EOT n: real-time status requests, answered by the printer even while it is offline. */
export const STATUS_REQUESTS = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const;

export function statusRequest(kind: number): Buffer {
  return Buffer.from([0x10, 0x04, kind]);
}

/** Every DLE EOT reply byte has bits 1 and 4 set and bits 0 and 7 clear; anything else is not a status byte. */
export const StatusByte = z
  .number()
  .int()
  .min(0)
  .max(255)
  .refine((b) => (b & 0x93) === 0x12, 'not a DLE EOT status byte (fixed bits 1 and 4 set, 0 and 7 clear)');

/** Replies to DLE EOT 1, 2 and 4, in that order. */
export const StatusReplies = z.tuple([StatusByte, StatusByte, StatusByte]);

export const STATUS_BITS = {
  /** n=1, bit 3: the printer is offline. */
  offline: 0x08,
  /** n=2, bit 2: the cover is open. */
  coverOpen: 0x04,
  /** n=2, bit 5: printing stopped because the paper ran out. */
  paperEndStop: 0x20,
  /** n=2, bit 6: an error occurred. */
  error: 0x40,
  /** n=4, bits 2–3: paper near its end. */
  paperNearEnd: 0x0c,
  /** n=4, bits 5–6: no paper. */
  paperEnd: 0x60,
} as const;

/** What the three replies mean for a kiosk: a cause it can name before "offline", "ok" only when nothing is wrong. */
export function parsePrinterStatus(replies: readonly number[]): PrinterHealth {
  const parsed = StatusReplies.safeParse(replies);
  if (!parsed.success) return 'unknown';
  const [printer, offlineCause, paperSensor] = parsed.data;
  if (paperSensor & STATUS_BITS.paperEnd || offlineCause & STATUS_BITS.paperEndStop) return 'paper_out';
  if (offlineCause & STATUS_BITS.coverOpen) return 'cover_open';
  if (printer & STATUS_BITS.offline || offlineCause & STATUS_BITS.error) return 'offline';
  return 'ok';
}
