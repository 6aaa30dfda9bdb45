import { describe, expect, it } from 'vitest';
import { takeFragmentSettings, takeFragmentToken, type TokenPage } from './fragment-token';
import { parseHeadsetLabel } from './headset-output';

function page(hash: string, stored: Record<string, string> = {}) {
  const replaced: string[] = [];
  const p: TokenPage = {
    location: { hash, pathname: '/display/', search: '' },
    history: { state: null, replaceState: (_d, _u, url) => void replaced.push(url ?? '') },
    localStorage: { getItem: (k) => stored[k] ?? null, setItem: (k, v) => void (stored[k] = v), removeItem: (k) => void delete stored[k] },
  };
  return { p, stored, replaced };
}

describe('takeFragmentToken', () => {
  it('keeps the token from the fragment and removes the fragment from the address bar', () => {
    const { p, stored, replaced } = page('#token=abc%2Bdef');
    expect(takeFragmentToken(p, 'key')).toBe('abc+def');
    expect(stored.key).toBe('abc+def');
    expect(replaced).toEqual(['/display/']);
  });

  it('uses the kept token on later loads, and leaves the address alone', () => {
    const { p, replaced } = page('', { key: 'kept' });
    expect(takeFragmentToken(p, 'key')).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('has no token for a device never given one', () => {
    expect(takeFragmentToken(page('#other=1').p, 'key')).toBeNull();
  });

  it('keeps an empty token as it was (an address cut short never unpairs a device)', () => {
    expect(takeFragmentToken(page('#token=', { key: 'kept' }).p, 'key')).toBe('kept');
  });
});

describe('takeFragmentSettings', () => {
  const kiosk = { token: { storageKey: 't' }, headset: { storageKey: 'h', parse: parseHeadsetLabel, emptyForgets: true } };

  it('keeps the token and the headset label from one fragment, then removes the fragment', () => {
    const { p, stored, replaced } = page('#token=abc&headset=USB%20Headset');
    expect(takeFragmentSettings(p, kiosk)).toEqual({ token: 'abc', headset: 'USB Headset' });
    expect(stored).toEqual({ t: 'abc', h: 'USB Headset' });
    expect(replaced).toEqual(['/display/']);
  });

  it('forgets the headset label on an empty value, and keeps the token', () => {
    const { p, stored } = page('#headset=', { t: 'abc', h: 'USB Headset' });
    expect(takeFragmentSettings(p, kiosk)).toEqual({ token: 'abc', headset: null });
    expect(stored).toEqual({ t: 'abc' });
  });

  it('refuses a label of more than 100 characters: says why, and the label kept before stays', () => {
    const refused: string[] = [];
    const { p, stored } = page(`#headset=${'x'.repeat(101)}`, { h: 'Headphones' });
    expect(takeFragmentSettings(p, kiosk, (name, error) => refused.push(`${name}: ${error.message}`))).toEqual({ token: null, headset: 'Headphones' });
    expect(stored).toEqual({ h: 'Headphones' });
    expect(refused).toEqual(['headset: at most 100 characters']);
  });
});
