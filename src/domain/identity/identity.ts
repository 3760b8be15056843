import type pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import type { JwtIssuer } from './jwt.js';
import type { Mailer } from './mailer.js';
import { ApiKeys } from './api-keys.js';
import { CredentialChecker } from './credentials.js';
import { EmailVerification } from './email-verification.js';
import { Login } from './login.js';
import { LoginLimiter } from './login-limiter.js';
import { OneTimeTokens } from './one-time-tokens.js';
import { PasswordChange } from './password-change.js';
import { PasswordReset } from './password-reset.js';
import { Profiles } from './profile.js';
import { RefreshTokenStore } from './refresh-tokens.js';
import { Registration } from './registration.js';
import { SessionStore } from './sessions.js';
import { TokenPairs } from './token-pair.js';
import { UserDirectory } from './user-directory.js';

export interface IdentityDeps {
  pool: pg.Pool;
  orm: MikroORM;
  jwt: JwtIssuer;
  mailer: Mailer;
  config: Pick<Config, 'publicBaseUrl' | 'jwt' | 'loginAttemptsPerHour'>;
}

/** Wires the account and credential services once per API process. */
export function createIdentity(d: IdentityDeps) {
  const { pool, orm, config } = d;
  const users = new UserDirectory(pool);
  const sessions = new SessionStore(pool, config.jwt.refreshTtlSeconds);
  const refreshTokens = new RefreshTokenStore(pool, config.jwt.refreshTtlSeconds);
  const tokenPairs = new TokenPairs(d.jwt, refreshTokens);
  const oneTimeTokens = new OneTimeTokens(pool);
  const apiKeys = new ApiKeys(pool);
  const verification = new EmailVerification(pool, oneTimeTokens, d.mailer, config.publicBaseUrl);
  return {
    users,
    sessions,
    refreshTokens,
    tokenPairs,
    apiKeys,
    verification,
    loginLimiter: new LoginLimiter(pool, config.loginAttemptsPerHour),
    login: new Login(pool, users, new CredentialChecker(users), sessions, tokenPairs, apiKeys),
    registration: new Registration(orm, users, tokenPairs, verification),
    profiles: new Profiles(orm, users),
    passwordChange: new PasswordChange(pool, users, sessions, refreshTokens),
    passwordReset: new PasswordReset({ pool, users, tokens: oneTimeTokens, sessions, refreshTokens, mailer: d.mailer, publicBaseUrl: config.publicBaseUrl }),
  };
}

export type Identity = ReturnType<typeof createIdentity>;
