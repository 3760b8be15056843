import type { CredentialsEpoch } from '../../db/identity/credentials-epoch.js';
import type { RefreshTokenStore } from './refresh-tokens.js';
import type { SessionStore } from '../../db/identity/sessions.js';

export interface LogoutRequest {
  /** The authenticated caller, when the request carried a valid credential. */
  userId?: number;
  sessionToken?: string;
  refreshToken?: string;
}

/**
 * Ends the session and the posted refresh family, and every access JWT of the user issued so far (the
 * credentials epoch advances), so a copied access token stops at logout rather than at its expiry.
 */
export class Logout {
  constructor(private readonly sessions: SessionStore, private readonly refreshTokens: RefreshTokenStore, private readonly epochs: CredentialsEpoch) {}

  async logout(req: LogoutRequest): Promise<void> {
    const fromSession = req.sessionToken ? await this.sessions.destroy(req.sessionToken) : null;
    const fromRefresh = req.refreshToken ? await this.refreshTokens.revokeFamily(req.refreshToken) : null;
    const userId = req.userId ?? fromSession ?? fromRefresh;
    if (userId !== null && userId !== undefined) await this.epochs.advance(userId);
  }
}
