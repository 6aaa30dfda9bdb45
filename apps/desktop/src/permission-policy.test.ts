import { describe, expect, it } from 'vitest';
import { isPermissionGranted, type PermissionQuestion, type PermissionScope } from './permission-policy';

const SERVER = 'http://192.168.1.10:8080';
const kioskWithHeadset: PermissionScope = { role: 'kiosk', serverOrigin: SERVER, hasHeadset: true };
const ask = (permission: string, kind: PermissionQuestion['kind'], mediaTypes: string[] = [], from: string | undefined = `${SERVER}/kiosk/`): PermissionQuestion => ({
  permission,
  kind,
  from,
  mediaTypes,
});

describe('permission policy', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'fullscreen', 'openExternal', 'speaker-selection'])(
    'refuses %s to a display and to a kiosk without a headset, asked or checked',
    (permission) => {
      for (const scope of [
        { role: 'display', serverOrigin: SERVER, hasHeadset: false },
        { role: 'kiosk', serverOrigin: SERVER, hasHeadset: false },
      ] as const)
        for (const kind of ['check', 'request'] as const) expect(isPermissionGranted(ask(permission, kind, ['audio']), scope)).toBe(false);
    },
  );

  it("lets a kiosk with a headset read its audio devices' names and choose its output, on the server's page only", () => {
    expect(isPermissionGranted(ask('media', 'check', ['audio']), kioskWithHeadset)).toBe(true);
    expect(isPermissionGranted(ask('speaker-selection', 'check'), kioskWithHeadset)).toBe(true);
    expect(isPermissionGranted(ask('speaker-selection', 'request'), kioskWithHeadset)).toBe(true);
    for (const from of ['http://192.168.1.11:8080/kiosk/', 'https://192.168.1.10:8080', 'not a url'])
      expect(isPermissionGranted(ask('media', 'check', ['audio'], from), kioskWithHeadset), from).toBe(false);
    expect(isPermissionGranted({ ...ask('media', 'check', ['audio']), from: undefined }, kioskWithHeadset), 'no origin').toBe(false);
  });

  it('never lets the kiosk open its microphone or a camera, nor know its cameras', () => {
    expect(isPermissionGranted(ask('media', 'request', ['audio']), kioskWithHeadset)).toBe(false);
    expect(isPermissionGranted(ask('media', 'request', ['audio', 'video']), kioskWithHeadset)).toBe(false);
    expect(isPermissionGranted(ask('media', 'check', ['video']), kioskWithHeadset)).toBe(false);
    expect(isPermissionGranted(ask('media', 'check', ['unknown']), kioskWithHeadset)).toBe(false);
    expect(isPermissionGranted(ask('geolocation', 'check'), kioskWithHeadset)).toBe(false);
  });
});
