export { PaperWidth } from './ticket-layout';
export type { TicketContent } from './ticket-layout';
export { printTicket } from './print-ticket';
export type { PrintOptions, TicketPrintJob } from './print-ticket';
export type { PrintReport } from './network-print-job';
export { readPrinterStatus } from './read-printer-status';
export { PrinterTargetUrl } from './printer-target';
export type { PrinterTarget } from './printer-target';
export { sampleIssuedTicket } from './sample-ticket';
