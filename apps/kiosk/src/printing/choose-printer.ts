import type { KioskPrinter } from './kiosk-printer';
import { serverPrinter } from './printer.server';
import { shellPrinter } from './printer.shell';

/** Chosen once: inside the Electron shell the device may print itself; in a plain browser the server prints. */
export function choosePrinter(): KioskPrinter {
  return window.rindaShell ? shellPrinter(window.rindaShell) : serverPrinter;
}
