import { SignJWT, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';

export interface AccessClaims {
  userId: number;
  /**
   * The user's credentials epoch when the token was signed (claim `cep`). A counter, not a time: `iat`
   * has one-second resolution and replicas' clocks differ, a counter compares exactly.
   */
  epoch: number;
}

/** HS256 access tokens; verification pins the algorithm, so `alg: none` and foreign algorithms fail. */
export class JwtIssuer {
  private readonly key: Uint8Array;
  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  get accessTtlSeconds() {
    return this.ttlSeconds;
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ typ: 'access', cep: claims.epoch })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(claims.userId))
      .setJti(randomUUID())
      .setIssuedAt()
      .setIssuer('switchboard')
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'switchboard' });
      if (payload.typ !== 'access' || !payload.sub || !/^\d+$/.test(payload.sub)) return null;
      // Tokens signed before epochs existed carry none: they belong to epoch 0, the column's default.
      const epoch = payload.cep === undefined ? 0 : payload.cep;
      if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 0) return null;
      return { userId: Number(payload.sub), epoch };
    } catch {
      return null;
    }
  }
}
