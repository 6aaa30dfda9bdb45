import type { BranchConfig, IssuedTicket, PrinterHealth, PrintOutcome } from '@rinda/shared';

/**
 * How the server prints a kiosk's ticket. The printing feature implements it; the server only calls it.
 * The print of a ticket is durable state (a print job), so a retry after a crash finds it.
 */
export interface TicketPrinting {
  /** Before a number is issued. 'none': this kiosk prints itself (Electron shell) or has no printer. */
  check(deviceId: string): Promise<PrinterHealth>;
  /** Inside the ticket's transaction, for a kiosk `check` did not answer 'none': the server owes this ticket paper. */
  recordJob(deviceId: string, ticketId: string, at: number): void;
  /**
   * After commit, and on every replay of ticket:issue: what became of the ticket's print job, printing it
   * now if it is still pending (at most once, whoever asks). null: the ticket has no job (the kiosk prints
   * itself). `checkFirst`: read the printer's status before sending (a replay; a fresh issue just did).
   * Never throws; records the printer's health itself.
   */
  settle(issued: Omit<IssuedTicket, 'print'>, config: BranchConfig, options: { checkFirst: boolean }): Promise<PrintOutcome | null>;
}

/** The default when no printing feature is wired: every kiosk prints itself (or has no printer). */
export const noPrinting: TicketPrinting = {
  check: async () => 'none',
  recordJob: () => {
    throw new Error('no printing is wired: no kiosk is printed by the server');
  },
  settle: async () => null,
};
