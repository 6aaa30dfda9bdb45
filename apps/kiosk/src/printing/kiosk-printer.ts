import type { BranchConfig, IssuedTicket, PrintOutcome } from '@rinda/shared';
import { serverPrinter } from './printer.server';
import { shellPrinter } from './printer.shell';

/** How this kiosk gets its tickets onto paper: through the Electron shell's printer, or through the server. */
export interface KioskPrinter {
  /** Checked before a number is issued: a kiosk never issues a number it cannot print. */
  isReady(): Promise<boolean>;
  /** After the server acknowledged the ticket: the final outcome to show the customer. */
  print(issued: IssuedTicket, config: BranchConfig): Promise<PrintOutcome>;
}

/** Chosen once: inside the Electron shell the device may print itself; in a plain browser the server prints. */
export function choosePrinter(): KioskPrinter {
  return window.rindaShell ? shellPrinter(window.rindaShell) : serverPrinter;
}
