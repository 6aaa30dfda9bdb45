export { startVirtualPrinter } from './virtual-printer';
export type { VirtualPrinter, VirtualPrinterOptions, VirtualTicket } from './virtual-printer';
