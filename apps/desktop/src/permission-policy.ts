/**
 * Every web permission (camera, microphone, geolocation, notifications, clipboard, HID, ...) is refused:
 * kiosk and display pages need none. Audio autoplay, which a display does need, is not a permission in
 * Chromium; it is granted to displays through the window's autoplayPolicy (see window-options.ts).
 */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}
