export { buildTicketLayout, formatIssuedAt, COLUMNS, PaperWidth } from './ticket-layout';
export type { TicketLayout, LayoutLine, TextLine, TicketContent } from './ticket-layout';
export { printTicket, CODE_PAGE_FOR } from './print-ticket';
export type { TicketPrintJob } from './print-ticket';
export { readPrinterStatus } from './read-printer-status';
export { parsePrinterStatus } from './printer-status';
export { parsePrinterTarget, PrinterTargetUrl } from './printer-target';
export type { PrinterTarget } from './printer-target';
export { sampleIssuedTicket } from './sample-ticket';
