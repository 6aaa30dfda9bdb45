import { printTicket, readPrinterStatus } from '@rinda/hardware';
import type { PrinterHealth, ShellPrintFailure } from '@rinda/shared';
import type { ShellPrinter } from './print-bridge';
import { shellPrinterProfile, type ShellConfig } from './shell-config';

/**
 * The configured printer through @rinda/hardware, or null when this shell prints nothing itself. A ticket
 * is printed only when the printer confirmed it after the cut (a device file or system printer cannot: its
 * ticket counts once it took every byte). After a job that may have left a half ticket, the next one feeds
 * and cuts first.
 */
export function createShellPrinter(config: Pick<ShellConfig, 'printer' | 'paperWidthMm' | 'codePages' | 'qr' | 'autoStatusBack'>): ShellPrinter | null {
  const target = config.printer;
  if (target === 'none') return null;
  const profile = shellPrinterProfile(config);
  let halfTicketOnPaper = false;
  return {
    status: () => readPrinterStatus(target),
    print: async (issued, branch) => {
      const report = await printTicket({ issued, config: branch, profile }, target, { afterFailure: halfTicketOnPaper });
      if (report.printed) {
        halfTicketOnPaper = false;
        return { ok: true };
      }
      if (report.reachedPrinter) halfTicketOnPaper = true;
      return { ok: false, reason: failureOf(report.health), message: report.reason };
    },
  };
}

function failureOf(health: PrinterHealth): ShellPrintFailure {
  return health === 'paper_out' || health === 'cover_open' || health === 'offline' ? health : 'failed';
}
