import { webOrigin } from './navigation-guard';

/**
 * Whether an IPC call comes from a frame showing the branch server's pages. A frame elsewhere (an iframe of
 * another origin, an error page, a page reached despite the guard) gets nothing, not even the device info.
 */
export function isTrustedSender(senderFrameUrl: string | undefined, serverOrigin: string): boolean {
  return webOrigin(senderFrameUrl) === serverOrigin;
}
