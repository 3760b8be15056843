import type { CredentialsEpoch } from '../../db/identity/credentials-epoch.js';
import type { JwtIssuer } from '../../domain/identity/jwt.js';
import type { RefreshTokenStore } from './refresh-tokens.js';

export interface TokenPair {
  access: string;
  refresh: string;
}

/** Seed 004's JWT pair: a short-lived HS256 access token and a rotating opaque refresh token. */
export class TokenPairs {
  constructor(private readonly jwt: JwtIssuer, private readonly refreshTokens: RefreshTokenStore, private readonly epochs: CredentialsEpoch) {}

  async issue(userId: number): Promise<TokenPair> {
    const [access, refresh] = await Promise.all([this.access(userId), this.refreshTokens.issue(userId)]);
    return { access, refresh };
  }

  async rotate(refreshToken: string): Promise<TokenPair> {
    const { userId, refresh } = await this.refreshTokens.rotate(refreshToken);
    return { access: await this.access(userId), refresh };
  }

  private async access(userId: number): Promise<string> {
    return this.jwt.sign({ userId, epoch: await this.epochs.current(userId) });
  }
}
