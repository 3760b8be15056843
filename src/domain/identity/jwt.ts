import { SignJWT, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';

export interface AccessClaims {
  userId: number;
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
    return new SignJWT({ typ: 'access' })
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
      return { userId: Number(payload.sub) };
    } catch {
      return null;
    }
  }
}
