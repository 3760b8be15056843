import type { Authenticator } from '../../app/identity/authenticator.js';
import type { Principal } from '../../domain/identity/principal.js';

export interface Credential {
  kind: 'jwt' | 'api_key' | 'session';
  value: string;
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * Reads one credential: `Bearer <jwt>` / `Token <api key>` as in the Authorization header, or a bare
 * token (Socket.IO `auth.token`, `?token=`), which is a JWT when it has a JWT's three parts.
 */
function parseCredential(raw: string | undefined | null): Credential | null {
  const parts = (raw ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 1) return { kind: JWT_SHAPE.test(parts[0]) ? 'jwt' : 'api_key', value: parts[0] };
  if (parts.length !== 2) return null;
  const scheme = parts[0].toLowerCase();
  if (scheme === 'bearer' || scheme === 'jwt') return { kind: 'jwt', value: parts[1] };
  if (scheme === 'token' || scheme === 'api-key' || scheme === 'apikey') return { kind: 'api_key', value: parts[1] };
  return null;
}

/**
 * The first credential a socket handshake offers, in the order a client is most likely to mean it; the
 * session cookie last, and only as `sessionCookieOnUpgrade` hands it over (from this deployment's own pages).
 */
export function handshakeCredential(sources: {
  authToken?: unknown;
  queryToken?: unknown;
  authorization?: string;
  apiKeyHeader?: string;
  sessionCookie?: string | null;
}): Credential | null {
  for (const raw of [sources.authToken, sources.queryToken, sources.authorization, sources.apiKeyHeader]) {
    if (typeof raw === 'string' && raw.trim()) return parseCredential(raw);
  }
  return sources.sessionCookie ? { kind: 'session', value: sources.sessionCookie } : null;
}

const verify = (authenticator: Authenticator, credential: Credential) =>
  credential.kind === 'jwt'
    ? authenticator.fromJwt(credential.value)
    : credential.kind === 'session'
      ? authenticator.fromSession(credential.value)
      : authenticator.fromApiKey(credential.value);

export type SocketAuthResult = { principal: Principal } | { refused: string; code: 'UNAUTHENTICATED' | 'FORBIDDEN' };

/**
 * The caller, in the tenant the handshake asks for (`tenant_id`, as the REST API's X-Tenant-Id) or else
 * in the user's active tenant.
 */
export async function authenticateSocket(authenticator: Authenticator, credential: Credential | null, tenantId?: unknown): Promise<SocketAuthResult> {
  if (!credential) return { refused: 'Authentication credentials were not provided.', code: 'UNAUTHENTICATED' };
  const principal = await verify(authenticator, credential);
  if (!principal) return { refused: 'Invalid token.', code: 'UNAUTHENTICATED' };
  const wanted = typeof tenantId === 'string' || typeof tenantId === 'number' ? String(tenantId).trim() : '';
  if (!wanted || wanted === String(principal.tenantId)) return { principal };
  const inTenant = /^\d{1,18}$/.test(wanted) ? await authenticator.principalFor(principal.userId, principal.via, Number(wanted)) : null;
  return inTenant ? { principal: inTenant } : { refused: 'You are not a member of this tenant.', code: 'FORBIDDEN' };
}
