import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permission-policy';

describe('permission policy', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'fullscreen', 'openExternal', 'speaker-selection'])(
    'refuses %s',
    (permission) => {
      expect(isPermissionGranted(permission)).toBe(false);
    },
  );
});
