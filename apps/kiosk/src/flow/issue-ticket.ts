import type { BranchConfig, CustomerLanguage } from '@rinda/shared';
import type { LiveConnection } from '../connection/live-connection';
import type { KioskPrinter } from '../printing/kiosk-printer';
import type { KioskAction, TicketChoice } from './kiosk-flow';

/**
 * One confirmed choice → at most one ticket. The printer is checked first (no number that cannot be
 * printed); the number shown is only ever the one in the server's ack.
 */
export async function issueTicket(
  connection: LiveConnection,
  printer: KioskPrinter,
  config: BranchConfig,
  language: CustomerLanguage,
  choice: TicketChoice,
): Promise<KioskAction> {
  if (!(await printer.isReady())) return { type: 'refused', reason: 'printerUnavailable' };
  const { result } = await connection.send('ticket:issue', {
    requestId: choice.requestId,
    serviceId: choice.serviceId,
    language,
    priorityReasonId: choice.priorityReasonId,
  });
  if (!result.ok) {
    switch (result.error.code) {
      case 'PRINTER_UNAVAILABLE':
        return { type: 'refused', reason: 'printerUnavailable' };
      case 'SERVICE_CLOSED':
        return { type: 'refused', reason: 'serviceClosed' };
      default:
        return { type: 'refused', reason: 'failed' };
    }
  }
  const print = await printer.print(result.data, config);
  return { type: 'issued', issued: result.data, print };
}
