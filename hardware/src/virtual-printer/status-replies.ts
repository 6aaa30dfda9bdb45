import { z } from 'zod';
import { STATUS_BITS } from '../printer/printer-status';
import { ASB_BITS } from '../printer/status-stream';

/** What the printer's sensors say: the state its status replies describe. */
export const VIRTUAL_PRINTER_STATES = ['ok', 'near_end', 'paper_out', 'cover_open', 'offline'] as const;
export type VirtualPrinterState = (typeof VIRTUAL_PRINTER_STATES)[number];

/**
 * Ways real printers misbehave, for tests:
 * - `silent`: prints, but never answers a status request nor sends automatic status;
 * - `drop_at_first_byte`: accepts the connection and closes it when the first byte arrives;
 * - `reset_mid_job`: answers ok, then resets part-way through the next ticket (the connection is reset, the
 *   half ticket stays on the paper uncut, the rest is lost) and comes back `ok`;
 * - `paper_out_mid_job`: answers ok, then runs out of paper part-way through the next ticket (state `paper_out`).
 */
export const VIRTUAL_PRINTER_FAULTS = ['silent', 'drop_at_first_byte', 'reset_mid_job', 'paper_out_mid_job'] as const;

export const VIRTUAL_PRINTER_MODES = [...VIRTUAL_PRINTER_STATES, ...VIRTUAL_PRINTER_FAULTS] as const;
export const VirtualPrinterMode = z.enum(VIRTUAL_PRINTER_MODES);
export type VirtualPrinterMode = z.infer<typeof VirtualPrinterMode>;

/** The state a mode's status replies describe: a fault that has not struck yet looks fine. */
export function stateOf(mode: VirtualPrinterMode): VirtualPrinterState {
  return isState(mode) ? mode : 'ok';
}

function isState(mode: VirtualPrinterMode): mode is VirtualPrinterState {
  return (VIRTUAL_PRINTER_STATES as readonly string[]).includes(mode);
}

export function printsIn(state: VirtualPrinterState): boolean {
  return state === 'ok' || state === 'near_end';
}

const FIXED = 0x12;

/** The byte a printer in `state` answers to DLE EOT `kind`, as an Epson TM printer sets its bits. */
export function statusReply(state: VirtualPrinterState, kind: number): number {
  const stopped = !printsIn(state);
  switch (kind) {
    case 1:
      return FIXED | (stopped ? STATUS_BITS.offline : 0);
    case 2:
      if (state === 'paper_out') return FIXED | STATUS_BITS.paperEndStop;
      if (state === 'cover_open') return FIXED | STATUS_BITS.coverOpen;
      if (state === 'offline') return FIXED | STATUS_BITS.error;
      return FIXED;
    case 3:
      return FIXED | (state === 'offline' ? STATUS_BITS.unrecoverableError : 0);
    case 4:
      if (state === 'paper_out') return FIXED | STATUS_BITS.paperEnd | STATUS_BITS.paperNearEnd;
      return FIXED | (state === 'near_end' ? STATUS_BITS.paperNearEnd : 0);
    default:
      return FIXED;
  }
}

/** The 4-byte automatic status back block (GS a) a printer in `state` sends. */
export function autoStatusBlock(state: VirtualPrinterState): Buffer {
  const first = 0x10 | (printsIn(state) ? 0 : ASB_BITS.offline) | (state === 'cover_open' ? ASB_BITS.coverOpen : 0);
  const errors = state === 'offline' ? 0x20 : 0;
  const paper = state === 'paper_out' ? ASB_BITS.paperEnd | ASB_BITS.paperNearEnd : state === 'near_end' ? ASB_BITS.paperNearEnd : 0;
  return Buffer.from([first, errors, paper, 0]);
}
