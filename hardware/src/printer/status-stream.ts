import { z } from 'zod';
import { StatusByte, type PrinterCondition } from './printer-status';

/**
 * GS a n: automatic status back. With n = 0x0E the printer sends a 4-byte block at once and again whenever
 * it goes on or offline, hits an error or a paper sensor changes (bits 1, 2, 3 of n); n = 0 stops it.
 */
export function autoStatusBackCommand(enabled: boolean): Buffer {
  return Buffer.from([0x1d, 0x61, enabled ? 0x0e : 0x00]);
}

/** First byte of an ASB block: bit 4 set, bits 0, 1 and 7 clear (a DLE EOT reply has bit 1 set instead). */
const AsbHeader = z
  .number()
  .int()
  .refine((b) => (b & 0x93) === 0x10, 'not the first byte of an automatic status block');
/** The three other bytes of a block: bits 4 and 7 clear. */
const AsbByte = z
  .number()
  .int()
  .min(0)
  .max(255)
  .refine((b) => (b & 0x90) === 0, 'not a byte of an automatic status block');
export const AsbBlock = z.tuple([AsbHeader, AsbByte, AsbByte, AsbByte]);

export const ASB_BITS = {
  /** Byte 1, bit 3: offline. */
  offline: 0x08,
  /** Byte 1, bit 5: cover open. */
  coverOpen: 0x20,
  /** Byte 2, bits 3, 5, 6: autocutter, unrecoverable and automatically recoverable errors. */
  errors: 0x68,
  /** Byte 3, bits 0–1: paper near end. */
  paperNearEnd: 0x03,
  /** Byte 3, bits 2–3: paper end. */
  paperEnd: 0x0c,
} as const;

export function conditionFromAsb([first, errors, paper]: z.infer<typeof AsbBlock>): PrinterCondition {
  return {
    offline: (first & ASB_BITS.offline) !== 0,
    coverOpen: (first & ASB_BITS.coverOpen) !== 0,
    paperEnd: (paper & ASB_BITS.paperEnd) !== 0,
    paperNearEnd: (paper & ASB_BITS.paperNearEnd) !== 0,
    error: (errors & ASB_BITS.errors) !== 0,
  };
}

/**
 * What a printer sends back during a job, read as it arrives: single DLE EOT reply bytes and, when
 * automatic status back is on, 4-byte blocks. Each is parsed with zod; a byte that is neither makes the
 * stream `garbled` (then nothing it says is believed).
 */
export class StatusStream {
  readonly replies: number[] = [];
  readonly autoStatus: PrinterCondition[] = [];
  garbled = false;
  private block: number[] = [];

  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (this.garbled) return;
      if (this.block.length > 0) {
        this.block.push(byte);
        if (this.block.length === 4) this.takeBlock();
        continue;
      }
      if (StatusByte.safeParse(byte).success) this.replies.push(byte);
      else if (AsbHeader.safeParse(byte).success) this.block.push(byte);
      else this.garbled = true;
    }
  }

  private takeBlock(): void {
    const parsed = AsbBlock.safeParse(this.block);
    this.block = [];
    if (parsed.success) this.autoStatus.push(conditionFromAsb(parsed.data));
    else this.garbled = true;
  }
}
