import { describe, expect, it } from 'vitest';
import { buildStartUrl } from './start-url';

describe('start URL', () => {
  it("opens the role's app with the device token in the fragment, never the query", () => {
    const url = new URL(buildStartUrl('http://192.168.1.10:8080', 'kiosk', 'tok+en/with=chars'));
    expect(url.origin).toBe('http://192.168.1.10:8080');
    expect(url.pathname).toBe('/kiosk/');
    expect(url.search).toBe('');
    expect(new URLSearchParams(url.hash.slice(1)).get('token')).toBe('tok+en/with=chars');
  });

  it('opens the app bare without a token, so a new device shows its pairing code', () => {
    expect(buildStartUrl('http://192.168.1.10:8080', 'display')).toBe('http://192.168.1.10:8080/display/');
  });

  it("tells a kiosk its headset output's label in the fragment, and that it has none when the config names none", () => {
    const withHeadset = new URL(buildStartUrl('http://h:1', 'kiosk', 't', 'USB Headset & Mic'));
    expect(new URLSearchParams(withHeadset.hash.slice(1)).get('headset')).toBe('USB Headset & Mic');
    expect(new URLSearchParams(withHeadset.hash.slice(1)).get('token')).toBe('t');
    expect(buildStartUrl('http://h:1', 'kiosk', 't')).toBe('http://h:1/kiosk/#token=t&headset=');
    expect(buildStartUrl('http://h:1', 'kiosk')).toBe('http://h:1/kiosk/#headset=');
    expect(buildStartUrl('http://h:1', 'display', 't')).toBe('http://h:1/display/#token=t');
  });

  it('opens the display app for a display', () => {
    expect(new URL(buildStartUrl('http://h:1', 'display', 't')).pathname).toBe('/display/');
  });
});
