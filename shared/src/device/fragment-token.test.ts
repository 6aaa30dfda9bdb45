import { describe, expect, it } from 'vitest';
import { takeFragmentToken, type TokenPage } from './fragment-token';

function page(hash: string, stored: Record<string, string> = {}) {
  const replaced: string[] = [];
  const p: TokenPage = {
    location: { hash, pathname: '/display/', search: '' },
    history: { state: null, replaceState: (_d, _u, url) => void replaced.push(url ?? '') },
    localStorage: { getItem: (k) => stored[k] ?? null, setItem: (k, v) => void (stored[k] = v) },
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
});
