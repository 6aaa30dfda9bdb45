/**
 * The Content-Security-Policy the shell adds to every response, on top of what the server sends
 * (browsers enforce both). Scripts only from the server itself, no eval, no inline script, no plugins,
 * no framing; connections only back to the server (HTTP and its socket.io WebSocket).
 */
export function buildCsp(serverOrigin: string): string {
  const socketOrigin = serverOrigin.replace(/^http/, 'ws');
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    // React sets style attributes and Vite injects <style> in CSS-in-JS-free builds too.
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'media-src': "'self' blob:",
    'font-src': "'self' data:",
    'connect-src': `'self' ${socketOrigin}`,
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
    'frame-src': "'none'",
    'frame-ancestors': "'none'",
    'worker-src': "'self'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

export type ResponseHeaders = Record<string, string[] | string>;

/** The response headers with the shell's CSP added (any CSP already there stays, and both apply). */
export function withCsp(headers: ResponseHeaders | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = Array.isArray(value) ? [...value] : [value];
  const key = Object.keys(out).find((name) => name.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
  out[key] = [...(out[key] ?? []), csp];
  return out;
}
