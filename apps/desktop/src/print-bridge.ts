import { BranchConfig, IssuedTicket, printerBlocksIssue, type PrinterHealth, type ShellPrintResult } from '@rinda/shared';
import type { PrintedTicketLedger } from './printed-ticket-ledger';

/** The shell's printer as the bridge needs it; built from @rinda/hardware in shell-printer.ts. */
export interface ShellPrinter {
  status(): Promise<PrinterHealth>;
  /** Prints one ticket; resolves with the outcome (a rejection counts as `failed`). */
  print(issued: IssuedTicket, branch: BranchConfig): Promise<ShellPrintResult>;
}

export interface PrintBridgeLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}


/**
 * The main-process side of rindaShell.printTicket / printerStatus. The renderer's argument is outside input:
 * parsed with zod first. Each ticket id prints at most once, whatever the renderer asks after a crash,
 * a reload or a double touch; a printer that says it cannot print gets no job (so no backlog on refill).
 */
export function createPrintBridge(deps: { printer: ShellPrinter | null; ledger: PrintedTicketLedger; log: PrintBridgeLog }) {
  const { printer, ledger, log } = deps;
  return {
    async printTicket(issuedInput: unknown, branchInput: unknown): Promise<ShellPrintResult> {
      const parsed = IssuedTicket.safeParse(issuedInput);
      if (!parsed.success) return { ok: false, reason: 'invalid-ticket', message: describe('ticket', parsed.error) };
      const branch = BranchConfig.safeParse(branchInput);
      if (!branch.success) return { ok: false, reason: 'invalid-ticket', message: describe('branch', branch.error) };
      if (!printer) return { ok: false, reason: 'no-printer' };
      const ticketId = parsed.data.ticket.id;
      // Claimed before the first await, so two calls racing for one id cannot both get past here.
      if (!ledger.claim(ticketId)) {
        log.warn({ displayNumber: parsed.data.ticket.displayNumber }, 'refused a second print of a ticket');
        return { ok: false, reason: 'already-printed' };
      }
      const health = await printer.status().catch((): PrinterHealth => 'offline');
      if (printerBlocksIssue(health)) {
        ledger.release(ticketId);
        return { ok: false, reason: health };
      }
      // From here on the job may have reached paper: a failure keeps the claim, a retry could print twice.
      const result = await printer.print(parsed.data, branch.data).catch((e: unknown): ShellPrintResult => ({ ok: false, reason: 'failed', message: (e as Error).message }));
      if (result.ok) log.info({ displayNumber: parsed.data.ticket.displayNumber }, 'ticket printed');
      else log.warn({ displayNumber: parsed.data.ticket.displayNumber, reason: result.reason }, 'ticket not printed');
      return result;
    },
    async printerStatus(): Promise<PrinterHealth> {
      if (!printer) return 'none';
      return printer.status().catch((): PrinterHealth => 'unknown');
    },
  };
}
export type PrintBridge = ReturnType<typeof createPrintBridge>;

function describe(what: string, error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  return first ? `${what}.${first.path.map(String).join('.')}: ${first.message}` : `${what}: invalid`;
}
