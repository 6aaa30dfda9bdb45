import type { KioskPrinter } from './kiosk-printer';

/** In a plain browser the server checks the printer before issuing and prints; its ack says how that went. */
export const serverPrinter: KioskPrinter = {
  isReady: async () => true,
  print: async (issued) => issued.print,
};
