import { z } from 'zod';
import { STATUS_BITS } from '../printer/printer-status';

export const VIRTUAL_PRINTER_MODES = ['ok', 'paper_out', 'cover_open', 'offline'] as const;
export const VirtualPrinterMode = z.enum(VIRTUAL_PRINTER_MODES);
export type VirtualPrinterMode = z.infer<typeof VirtualPrinterMode>;

const FIXED = 0x12;

/** The byte a printer in `mode` answers to DLE EOT `kind`, as an Epson TM printer sets its bits. */
export function statusReply(mode: VirtualPrinterMode, kind: number): number {
  const stopped = mode !== 'ok';
  switch (kind) {
    case 1:
      return FIXED | (stopped ? STATUS_BITS.offline : 0);
    case 2:
      if (mode === 'paper_out') return FIXED | STATUS_BITS.paperEndStop;
      if (mode === 'cover_open') return FIXED | STATUS_BITS.coverOpen;
      if (mode === 'offline') return FIXED | STATUS_BITS.error;
      return FIXED;
    case 4:
      return FIXED | (mode === 'paper_out' ? STATUS_BITS.paperEnd | STATUS_BITS.paperNearEnd : 0);
    default:
      return FIXED;
  }
}
