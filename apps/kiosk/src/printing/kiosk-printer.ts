import type { BranchConfig, IssuedTicket, PrintOutcome } from '@rinda/shared';

/** How this kiosk gets its tickets onto paper: through the Electron shell's printer, or through the server. */
export interface KioskPrinter {
  /** Checked before a number is issued: a kiosk never issues a number it cannot print. */
  isReady(): Promise<boolean>;
  /** After the server acknowledged the ticket: the final outcome to show the customer. */
  print(issued: IssuedTicket, config: BranchConfig): Promise<PrintOutcome>;
}
