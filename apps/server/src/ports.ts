import type { BranchConfig, IssuedTicket, PrinterHealth, PrintOutcome } from '@rinda/shared';

/**
 * How the server prints a kiosk's ticket. The printing feature implements it; the server only calls it.
 */
export interface TicketPrinting {
  /** Before a number is issued. 'none': this kiosk prints itself (Electron shell) or has no printer. */
  check(deviceId: string): Promise<PrinterHealth>;
  /** After commit. Never throws; records failures as device health itself. */
  print(deviceId: string, issued: Omit<IssuedTicket, 'print'>, config: BranchConfig): Promise<PrintOutcome>;
}

/** The default when no printing feature is wired: every kiosk prints itself (or has no printer). */
export const noPrinting: TicketPrinting = {
  check: async () => 'none',
  print: async () => ({ status: 'by-device' }),
};
