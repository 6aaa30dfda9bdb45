import type { BranchConfig, IssuedTicket, PrinterHealth, ShellApi, ShellDeviceInfo, ShellPrintResult } from '@rinda/shared';
import { SHELL_CHANNELS, type ShellChannel } from './ipc-channels';

/** ipcRenderer.invoke, as the preload hands it in. */
export type Invoke = (channel: ShellChannel, ...args: unknown[]) => Promise<unknown>;

/**
 * The object the preload exposes as `window.rindaShell`. It only forwards to the main process, which checks
 * the sender and validates every argument; the page never gets ipcRenderer itself.
 */
export function createShellApiObject(invoke: Invoke) {
  return {
    printTicket: (issued: IssuedTicket, branch: BranchConfig) => invoke(SHELL_CHANNELS.printTicket, issued, branch) as Promise<ShellPrintResult>,
    printerStatus: () => invoke(SHELL_CHANNELS.printerStatus) as Promise<PrinterHealth>,
    deviceInfo: () => invoke(SHELL_CHANNELS.deviceInfo) as Promise<ShellDeviceInfo>,
  } satisfies ShellApi;
}
