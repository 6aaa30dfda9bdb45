import { z } from 'zod';
import type { PrinterHealth } from '@rinda/shared';

/** DLE EOT n: real-time status requests, answered by the printer even while it is offline. */
export const STATUS_REQUESTS = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const;

/** The four requests, in the order their replies are read: printer, offline cause, error cause, paper sensor. */
export const ALL_STATUS_REQUESTS = [STATUS_REQUESTS.printer, STATUS_REQUESTS.offlineCause, STATUS_REQUESTS.errorCause, STATUS_REQUESTS.paperSensor] as const;

export function statusRequest(kind: number): Buffer {
  return Buffer.from([0x10, 0x04, kind]);
}

/** DLE EOT 1, 2, 3 and 4 in one write. */
export const STATUS_QUERY = Buffer.concat(ALL_STATUS_REQUESTS.map(statusRequest));

/** Every DLE EOT reply byte has bits 1 and 4 set and bits 0 and 7 clear; anything else is not a status byte. */
export const StatusByte = z
  .number()
  .int()
  .min(0)
  .max(255)
  .refine((b) => (b & 0x93) === 0x12, 'not a DLE EOT status byte (fixed bits 1 and 4 set, 0 and 7 clear)');

/** Replies to DLE EOT 1, 2, 3 and 4, in that order. */
export const StatusReplies = z.tuple([StatusByte, StatusByte, StatusByte, StatusByte]);

export const STATUS_BITS = {
  /** n=1, bit 3: the printer is offline. */
  offline: 0x08,
  /** n=2, bit 2: the cover is open. */
  coverOpen: 0x04,
  /** n=2, bit 5: printing stopped because the paper ran out. */
  paperEndStop: 0x20,
  /** n=2, bit 6: an error occurred. */
  error: 0x40,
  /** n=3, bit 3: the autocutter failed (the ticket was not cut). */
  cutterError: 0x08,
  /** n=3, bit 5: an unrecoverable error (the printer must be switched off and on). */
  unrecoverableError: 0x20,
  /** n=3, bit 6: an error the printer recovers from by itself (head too hot). */
  autoRecoverableError: 0x40,
  /** n=4, bits 2–3: paper near its end. */
  paperNearEnd: 0x0c,
  /** n=4, bits 5–6: no paper. */
  paperEnd: 0x60,
} as const;

/** The facts a printer reports, whichever way it reports them (DLE EOT replies or an ASB block). */
export interface PrinterCondition {
  offline: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  error: boolean;
}

/** What the four DLE EOT replies say. */
export function conditionFromReplies([printer, offlineCause, errorCause, paperSensor]: z.infer<typeof StatusReplies>): PrinterCondition {
  return {
    offline: (printer & STATUS_BITS.offline) !== 0,
    coverOpen: (offlineCause & STATUS_BITS.coverOpen) !== 0,
    paperEnd: (paperSensor & STATUS_BITS.paperEnd) !== 0 || (offlineCause & STATUS_BITS.paperEndStop) !== 0,
    paperNearEnd: (paperSensor & STATUS_BITS.paperNearEnd) !== 0,
    error:
      (offlineCause & STATUS_BITS.error) !== 0 ||
      (errorCause & (STATUS_BITS.cutterError | STATUS_BITS.unrecoverableError | STATUS_BITS.autoRecoverableError)) !== 0,
  };
}

/**
 * A cause the kiosk can name before "offline"; near end is a warning only (the printer still prints);
 * "ok" only when nothing is wrong.
 */
export function healthOf(condition: PrinterCondition): PrinterHealth {
  if (condition.paperEnd) return 'paper_out';
  if (condition.coverOpen) return 'cover_open';
  if (condition.offline || condition.error) return 'offline';
  if (condition.paperNearEnd) return 'paper_near_end';
  return 'ok';
}

/** What four DLE EOT replies mean for a kiosk; anything but four status bytes is 'unknown'. */
export function parsePrinterStatus(replies: readonly number[]): PrinterHealth {
  const parsed = StatusReplies.safeParse(replies);
  return parsed.success ? healthOf(conditionFromReplies(parsed.data)) : 'unknown';
}

/** Whether a ticket can be counted as printed by a printer in this health. */
export function printsTickets(health: PrinterHealth): health is 'ok' | 'paper_near_end' {
  return health === 'ok' || health === 'paper_near_end';
}
