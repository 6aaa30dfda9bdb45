import { PHONE_APP_SCOPE, PHONE_SERVICE_WORKER_PATH, phoneManifestPath, type CustomerLanguage } from '@rinda/shared';

/**
 * Makes the status page installable (docs/ARCHITECTURE.md, "The phone"): its manifest, named in the ticket's
 * language, and the service worker of the phone pages. Where the browser has no service workers (or not over
 * plain HTTP to a LAN address) the page works as before, alerting only while it is open.
 */
export function offerInstall(ticketId: string, language: CustomerLanguage): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'manifest';
    document.head.append(link);
  }
  link.href = phoneManifestPath(ticketId, language);
  if ('serviceWorker' in navigator)
    navigator.serviceWorker.register(PHONE_SERVICE_WORKER_PATH, { scope: PHONE_APP_SCOPE }).catch(() => undefined);
}
