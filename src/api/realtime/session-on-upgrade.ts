import type http from 'node:http';
import { SESSION_COOKIE } from '../middleware/authenticate.js';

/**
 * The session cookie of a WebSocket handshake, read only when the page that opens the socket is this
 * deployment's own: `Origin` is PUBLIC_BASE_URL's origin or names the host the request was sent to. A
 * browser attaches cookies to a cross-site upgrade as well (WebSockets have no CORS), and the Origin
 * it sends is the one thing a page cannot forge; without an Origin (not a browser) the cookie is not read.
 */
export function sessionCookieOnUpgrade(headers: http.IncomingHttpHeaders, publicBaseUrl: string): string | null {
  const origin = typeof headers.origin === 'string' ? originOf(headers.origin) : null;
  if (!origin || !isOwnOrigin(origin, headers.host, publicBaseUrl)) return null;
  return cookieValue(headers.cookie, SESSION_COOKIE);
}

function isOwnOrigin(origin: URL, host: string | undefined, publicBaseUrl: string): boolean {
  if (origin.origin === new URL(publicBaseUrl).origin) return true;
  return host !== undefined && origin.host === host.toLowerCase() && (origin.protocol === 'http:' || origin.protocol === 'https:');
}

function originOf(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
