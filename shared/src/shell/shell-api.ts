import type { IssuedTicket, PrinterHealth } from '../protocol/views';

/**
 * What the Electron shell's preload exposes to the kiosk and display renderers as `window.rindaShell`.
 * Declared once here; the preload's object ends with `satisfies ShellApi`. In a plain browser it is absent
 * and the apps use the server's paths instead (printing through the server, audio through <audio>).
 */
export interface ShellApi {
  printTicket(issued: IssuedTicket): Promise<{ ok: true } | { ok: false; reason: string }>;
  printerStatus(): Promise<PrinterHealth>;
  deviceInfo(): Promise<{ role: 'kiosk' | 'display'; serverUrl: string; version: string }>;
}
