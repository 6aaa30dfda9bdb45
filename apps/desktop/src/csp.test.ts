import { describe, expect, it } from 'vitest';
import { buildCsp, withCsp } from './csp';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name ?? '', values.join(' ')];
  }));
}

describe('CSP', () => {
  const csp = directives(buildCsp('http://192.168.1.10:8080'));

  it('runs scripts only from the server, with no inline script and no eval', () => {
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'self'");
  });

  it('connects only back to the server, over HTTP and its WebSocket', () => {
    expect(csp.get('connect-src')).toBe("'self' ws://192.168.1.10:8080");
    expect(directives(buildCsp('https://branch.local')).get('connect-src')).toBe("'self' wss://branch.local");
  });

  it('forbids plugins, framing and base rewriting', () => {
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('frame-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
  });

  it('is added to response headers, keeping a CSP the server already sent', () => {
    const headers = withCsp({ 'content-type': ['text/html'], 'content-security-policy': ["default-src 'self'"] }, 'X');
    expect(headers['content-security-policy']).toEqual(["default-src 'self'", 'X']);
    expect(headers['content-type']).toEqual(['text/html']);
    expect(withCsp(undefined, 'X')).toEqual({ 'Content-Security-Policy': ['X'] });
  });
});
