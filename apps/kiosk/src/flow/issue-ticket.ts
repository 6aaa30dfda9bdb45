import type { BranchConfig, CustomerLanguage, ErrorCode } from '@rinda/shared';
import type { LiveConnection } from '../connection/live-connection';
import type { KioskPrinter } from '../printing/kiosk-printer';
import type { KioskAction, RefusalReason, TicketChoice } from './kiosk-flow';

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
  const { result } =
    choice.code === undefined
      ? await connection.send('ticket:issue', { requestId: choice.requestId, serviceId: choice.serviceId, language, priorityReasonId: choice.priorityReasonId })
      : await connection.send('appointment:checkIn', { requestId: choice.requestId, code: choice.code, language });
  if (!result.ok) return { type: 'refused', reason: refusalOf(result.error.code) };
  const print = await printer.print(result.data, config);
  return { type: 'issued', issued: result.data, print };
}

/** What the customer is told about a refusal (kiosk translations, `refused.*`). */
function refusalOf(code: ErrorCode): RefusalReason {
  switch (code) {
    case 'PRINTER_UNAVAILABLE':
      return 'printerUnavailable';
    case 'SERVICE_CLOSED':
      return 'serviceClosed';
    case 'NOT_FOUND':
    case 'BAD_REQUEST':
      return 'codeNotFound';
    case 'CHECK_IN_TOO_EARLY':
      return 'tooEarly';
    case 'INVALID_STATE':
      return 'bookingUsed';
    case 'RATE_LIMITED':
      return 'tooManyTries';
    default:
      return 'failed';
  }
}
