import type { ApiKeys } from '../../db/identity/api-keys.js';
import type { CredentialsEpoch } from '../../db/identity/credentials-epoch.js';
import type { RefreshTokenStore } from './refresh-tokens.js';
import type { SessionStore } from '../../db/identity/sessions.js';
import type { Queryable } from '../../db/queryable.js';

/**
 * What a new password ends: every session (but the one that changed it, when given), refresh token,
 * API key, and, through the credentials epoch, every access JWT issued so far. Password change and reset
 * both call this inside the transaction that stores the new hash, so the two commit together.
 */
export class CredentialRevocation {
  constructor(
    private readonly sessions: SessionStore,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly apiKeys: ApiKeys,
    private readonly epochs: CredentialsEpoch,
  ) {}

  async revokeAll(userId: number, sql: Queryable, keepSession?: string): Promise<void> {
    await this.sessions.destroyAll(userId, keepSession, sql);
    await this.refreshTokens.revokeAll(userId, sql);
    await this.apiKeys.revokeAll(userId, sql);
    await this.epochs.advance(userId, sql);
  }
}
