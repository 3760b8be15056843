import type pg from 'pg';
import type { Config } from '../../config.js';
import type { JwtIssuer } from '../../domain/identity/jwt.js';
import type { Mailer } from '../../domain/identity/mailer.js';
import { AddressEmailLimiter } from '../../db/identity/address-email-limiter.js';
import { ApiKeys } from '../../db/identity/api-keys.js';
import { CredentialRevocation } from './credential-revocation.js';
import { CredentialChecker } from './credentials.js';
import { CredentialsEpoch } from '../../db/identity/credentials-epoch.js';
import { EmailVerification } from './email-verification.js';
import { Login } from './login.js';
import { LoginLimiter } from '../../db/identity/login-limiter.js';
import { Logout } from './logout.js';
import { OneTimeTokens } from '../../db/identity/one-time-tokens.js';
import { PasswordChange } from './password-change.js';
import { PasswordReset } from './password-reset.js';
import { Profiles } from './profile.js';
import { RefreshTokenStore } from './refresh-tokens.js';
import { Registration } from './registration.js';
import { SessionStore } from '../../db/identity/sessions.js';
import { TokenPairs } from './token-pair.js';
import { UserDirectory } from '../../db/identity/user-directory.js';
import { InvitationStore } from '../../db/tenancy/invitation-store.js';

export interface IdentityDeps {
  pool: pg.Pool;
  jwt: JwtIssuer;
  mailer: Mailer;
  config: Pick<Config, 'publicBaseUrl' | 'jwt' | 'loginAttemptsPerHour' | 'authThrottles'>;
}

/** Wires the account and credential services once per API process. */
export function createIdentity(d: IdentityDeps) {
  const { pool, config } = d;
  const throttles = config.authThrottles;
  const users = new UserDirectory(pool);
  const sessions = new SessionStore(pool, config.jwt.refreshTtlSeconds);
  const refreshTokens = new RefreshTokenStore(pool, config.jwt.refreshTtlSeconds);
  const epochs = new CredentialsEpoch(pool);
  const tokenPairs = new TokenPairs(d.jwt, refreshTokens, epochs);
  const oneTimeTokens = new OneTimeTokens(pool);
  const apiKeys = new ApiKeys(pool);
  const revocation = new CredentialRevocation(sessions, refreshTokens, apiKeys, epochs);
  const verification = new EmailVerification(pool, oneTimeTokens, d.mailer, config.publicBaseUrl);
  const loginLimiter = new LoginLimiter(pool, { failuresPerAddressPerHour: config.loginAttemptsPerHour, failuresPerAccountPerHour: throttles.loginFailuresPerAccountPerHour }, users);
  const registrationLimiter = new AddressEmailLimiter(pool, 'register', throttles.registrations, 'Too many registrations. Try again in {s} seconds.');
  const resetLimiter = new AddressEmailLimiter(pool, 'password_reset', throttles.passwordResets, 'Too many password reset requests. Try again in {s} seconds.');
  return {
    users,
    sessions,
    refreshTokens,
    tokenPairs,
    apiKeys,
    verification,
    login: new Login(pool, users, new CredentialChecker(users), sessions, tokenPairs, apiKeys, loginLimiter),
    logout: new Logout(sessions, refreshTokens, epochs),
    registration: new Registration(pool, users, tokenPairs, verification, registrationLimiter, new InvitationStore(pool)),
    profiles: new Profiles(pool, users),
    passwordChange: new PasswordChange(pool, users, revocation),
    passwordReset: new PasswordReset({ pool, users, tokens: oneTimeTokens, revocation, mailer: d.mailer, limiter: resetLimiter, publicBaseUrl: config.publicBaseUrl }),
  };
}

export type Identity = ReturnType<typeof createIdentity>;
