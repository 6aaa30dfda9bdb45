import { printerBlocksIssue, type PrintOutcome, type ShellApi } from '@rinda/shared';
import type { KioskPrinter } from './kiosk-printer';

/**
 * Inside the Electron shell. A shell with its own printer prints after the ack (the server answers
 * print.status 'by-device'); a shell without one leaves printing to the server, as a plain browser does.
 */
export function shellPrinter(shell: ShellApi): KioskPrinter {
  const hasPrinter = shell.deviceInfo().then((info) => info.hasPrinter).catch(() => false);
  return {
    async isReady() {
      if (!(await hasPrinter)) return true;
      try {
        return !printerBlocksIssue(await shell.printerStatus());
      } catch {
        return false;
      }
    },
    async print(issued, config): Promise<PrintOutcome> {
      // The server printed (or tried): printing here too would give the customer a second copy.
      if (issued.print.status !== 'by-device') return issued.print;
      try {
        const result = await shell.printTicket(issued, config);
        // 'already-printed': a retried choice got the same ticket back; its paper is already out.
        if (result.ok || result.reason === 'already-printed') return { status: 'printed' };
        return { status: 'failed', message: result.message ?? result.reason };
      } catch (err) {
        return { status: 'failed', message: err instanceof Error ? err.message : 'printing failed' };
      }
    },
  };
}
