import type { JwtIssuer } from './jwt.js';
import type { RefreshTokenStore } from './refresh-tokens.js';

export interface TokenPair {
  access: string;
  refresh: string;
}

/** Seed 004's JWT pair: a short-lived HS256 access token and a rotating opaque refresh token. */
export class TokenPairs {
  constructor(private readonly jwt: JwtIssuer, private readonly refreshTokens: RefreshTokenStore) {}

  async issue(userId: number): Promise<TokenPair> {
    const [access, refresh] = await Promise.all([this.jwt.sign({ userId }), this.refreshTokens.issue(userId)]);
    return { access, refresh };
  }

  async rotate(refreshToken: string): Promise<TokenPair> {
    const { userId, refresh } = await this.refreshTokens.rotate(refreshToken);
    return { access: await this.jwt.sign({ userId }), refresh };
  }
}
