import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, parseAllowedOrigins } from './origins';

const none = { allowed: [] };

describe('isAllowedOrigin', () => {
  it.each([
    ['no Origin header (not a browser page)', undefined, '10.0.0.2:8080', true],
    ['the same host and port', 'http://10.0.0.2:8080', '10.0.0.2:8080', true],
    ['the same host over https', 'https://branch.local', 'branch.local', true],
    ['host names compare without case', 'http://branch.local:8080', 'Branch.Local:8080', true],
    ['another port', 'http://10.0.0.2:9000', '10.0.0.2:8080', false],
    ['another host', 'http://evil.example', '10.0.0.2:8080', false],
    ['an opaque origin (sandboxed frame, file:)', 'null', '10.0.0.2:8080', false],
    ['a non-web scheme', 'file://10.0.0.2:8080', '10.0.0.2:8080', false],
    ['no Host header', 'http://10.0.0.2:8080', undefined, false],
  ])('%s', (_name, origin, host, expected) => {
    expect(isAllowedOrigin(origin, host, none)).toBe(expected);
  });

  it('allows exactly the configured origins', () => {
    const policy = { allowed: ['https://branch.example:8443'] };
    expect(isAllowedOrigin('https://branch.example:8443', '127.0.0.1:8080', policy)).toBe(true);
    expect(isAllowedOrigin('https://branch.example', '127.0.0.1:8080', policy)).toBe(false);
    expect(isAllowedOrigin('http://branch.example:8443', '127.0.0.1:8080', policy)).toBe(false);
  });
});

describe('parseAllowedOrigins', () => {
  it('reads a comma-separated list, tolerating spaces and a trailing slash', () => {
    expect(parseAllowedOrigins(' https://a.example , http://10.0.0.5:8080/ ')).toEqual(['https://a.example', 'http://10.0.0.5:8080']);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
  });

  it.each(['not a url', 'https://a.example/path', 'file:///etc'])('refuses %s loudly', (value) => {
    expect(() => parseAllowedOrigins(value)).toThrow();
  });
});
