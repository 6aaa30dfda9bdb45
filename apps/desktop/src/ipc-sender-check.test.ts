import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './ipc-sender-check';

const server = 'https://branch.local:8443';

describe('IPC sender check', () => {
  it('trusts a frame showing the branch server', () => {
    expect(isTrustedSender('https://branch.local:8443/kiosk/#token=abc', server)).toBe(true);
  });

  it.each([
    ['no frame (it navigated away or was destroyed)', undefined],
    ['an empty URL', ''],
    ['another origin', 'https://evil.example/'],
    ['the same host on another port', 'https://branch.local:8444/kiosk/'],
    ['plain http to the same host', 'http://branch.local:8443/kiosk/'],
    ['a chrome error page', 'chrome-error://chromewebdata/'],
    ['a local file', 'file:///tmp/page.html'],
    ['a data URL', 'data:text/html,hi'],
  ])('refuses %s', (_name, url) => {
    expect(isTrustedSender(url, server)).toBe(false);
  });
});
