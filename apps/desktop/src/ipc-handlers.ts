import type { ShellApi, ShellDeviceInfo } from '@rinda/shared';
import { SHELL_CHANNELS, type ShellChannel } from './ipc-channels';
import { isTrustedSender } from './ipc-sender-check';
import type { PrintBridge } from './print-bridge';

class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

/** A handler as main.ts registers it: the calling frame's URL first, then the renderer's arguments. */
export type IpcHandler = (senderFrameUrl: string | undefined, args: unknown[]) => Promise<unknown>;

/**
 * The main-process handlers behind rindaShell, keyed by channel. The sender's frame must show the configured
 * server's origin before anything runs; otherwise the call is rejected and nothing is printed or told.
 */
export function createIpcHandlers(deps: {
  serverOrigin: string;
  bridge: PrintBridge;
  deviceInfo: ShellDeviceInfo;
  onUntrustedSender(channel: ShellChannel, senderFrameUrl: string | undefined): void;
}): Record<ShellChannel, IpcHandler> {
  const byMethod: { [K in keyof ShellApi]: (args: unknown[]) => Promise<unknown> } = {
    printTicket: (args) => deps.bridge.printTicket(args[0], args[1]),
    printerStatus: () => deps.bridge.printerStatus(),
    deviceInfo: async () => ({ ...deps.deviceInfo }),
  };
  const handlers = {} as Record<ShellChannel, IpcHandler>;
  for (const method of Object.keys(SHELL_CHANNELS) as (keyof ShellApi)[]) {
    const channel = SHELL_CHANNELS[method];
    handlers[channel] = async (senderFrameUrl, args) => {
      if (!isTrustedSender(senderFrameUrl, deps.serverOrigin)) {
        deps.onUntrustedSender(channel, senderFrameUrl);
        throw new UntrustedSenderError(`${channel}: refused, the calling page is not the branch server`);
      }
      return byMethod[method](args);
    };
  }
  return handlers;
}
