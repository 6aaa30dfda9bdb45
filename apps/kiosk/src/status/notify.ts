/**
 * A system notification while the page is open or installed: the customer may be looking at another app. Through
 * the phone pages' service worker where there is one (mobile browsers show page notifications only that way, and
 * a tap then brings the ticket's page back), else from the page. Only when the customer allowed it
 * (NotificationsToggle); otherwise the sound and vibration carry the alert.
 */
export function showNotification(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const options = { body, tag, lang: document.documentElement.lang, data: { url: window.location.href } };
  const fromPage = () => {
    try {
      new Notification(title, options);
    } catch {
      // A browser that allows notifications only from a service worker, and has none here: sound and vibration remain.
    }
  };
  if (!('serviceWorker' in navigator)) return fromPage();
  void navigator.serviceWorker
    .getRegistration()
    .then((registration) => (registration?.active ? registration.showNotification(title, options) : fromPage()))
    .catch(fromPage);
}
