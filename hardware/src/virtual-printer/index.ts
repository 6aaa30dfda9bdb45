export { startVirtualPrinter } from './virtual-printer';
export type { VirtualPrinter, VirtualPrinterOptions, VirtualTicket } from './virtual-printer';
export { VirtualPrinterMode, VIRTUAL_PRINTER_MODES } from './status-replies';
export { decodeEscPos } from './decode-esc-pos';
export type { DecodedTicket, DecodedItem, DecodedTextLine, DecodedQr } from './decode-esc-pos';
export { renderTicketPng } from './render-preview';
