import type { ShellApi } from '@rinda/shared';

/** One IPC channel per ShellApi method; the preload invokes them and main.ts handles them. */
export const SHELL_CHANNELS = {
  printTicket: 'rinda:print-ticket',
  printerStatus: 'rinda:printer-status',
  deviceInfo: 'rinda:device-info',
} as const satisfies Record<keyof ShellApi, `rinda:${string}`>;

export type ShellChannel = (typeof SHELL_CHANNELS)[keyof ShellApi];
