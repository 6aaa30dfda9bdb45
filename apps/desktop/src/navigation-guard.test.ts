import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from './navigation-guard';

const server = 'http://192.168.1.10:8080';

describe('navigation guard', () => {
  it('allows any page of the branch server', () => {
    expect(isAllowedNavigation('http://192.168.1.10:8080/kiosk/', server)).toBe(true);
    expect(isAllowedNavigation('http://192.168.1.10:8080/display/#token=abc', server)).toBe(true);
    expect(isAllowedNavigation('http://192.168.1.10:8080/t/xyz?lang=lv', server)).toBe(true);
  });

  it.each([
    ['another host', 'http://evil.example/kiosk/'],
    ['another port', 'http://192.168.1.10:8081/kiosk/'],
    ['the default port', 'http://192.168.1.10/kiosk/'],
    ['another scheme', 'https://192.168.1.10:8080/kiosk/'],
    ['a local file', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<h1>hi</h1>'],
    ['about:blank', 'about:blank'],
    ['a host that only starts like the server', 'http://192.168.1.10:8080.evil.example/'],
    ['credentials in front of another host', 'http://192.168.1.10:8080@evil.example/'],
    ['garbage', 'not a url'],
  ])('blocks %s', (_name, url) => {
    expect(isAllowedNavigation(url, server)).toBe(false);
  });
});
