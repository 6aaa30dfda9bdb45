import { printTicket, readPrinterStatus } from '@rinda/hardware';
import type { ShellPrinter } from './print-bridge';
import type { ShellConfig } from './shell-config';

/** The configured printer through @rinda/hardware, or null when this shell prints nothing itself. */
export function createShellPrinter(config: Pick<ShellConfig, 'printer' | 'paperWidthMm'>): ShellPrinter | null {
  const target = config.printer;
  if (target === 'none') return null;
  return {
    status: () => readPrinterStatus(target),
    print: async (issued, branch) => {
      await printTicket({ issued, config: branch, paperWidth: config.paperWidthMm }, target);
      return { ok: true };
    },
  };
}
