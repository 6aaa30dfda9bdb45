/**
 * A system notification while the page is open (or installed): the customer may be looking at another app.
 * Only when the customer allowed it (NotificationsToggle); otherwise the sound and vibration carry the alert.
 */
export function showNotification(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag, lang: document.documentElement.lang });
  } catch {
    // Some mobile browsers allow notifications only from a service worker: the sound and vibration remain.
  }
}
