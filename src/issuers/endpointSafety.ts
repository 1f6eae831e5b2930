// Which URLs may receive a token (issuer endpoints, custom issuers' calls). Apart from http.ts so that
// parsing the settings (also in the browser build, which sends nothing) does not need the HTTP client.

import { isIP } from 'node:net';
import { UnsafeEndpointError } from '../errors';

/**
 * `localhost`, 127.0.0.0/8 and ::1 only. Names under `.localhost` are not trusted: they are not
 * resolved here, and a resolver may send them anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Only `https:` URLs, or `http:` to a loopback address (127.0.0.0/8, ::1, localhost), may receive
 * a token. URLs with embedded credentials are refused too. Throws `UnsafeEndpointError`.
 */
export function assertSafeEndpoint(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeEndpointError('invalid-url', url, '');
  }
  if (parsed.username || parsed.password) throw new UnsafeEndpointError('credentials', url, parsed.host);
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed;
  throw new UnsafeEndpointError(parsed.protocol === 'http:' ? 'plain-http' : 'scheme', url, parsed.host, parsed.protocol);
}
