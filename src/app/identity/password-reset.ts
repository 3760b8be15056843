import type pg from 'pg';
import { validationError } from '../../domain/shared/errors.js';
import type { Mailer } from '../../domain/identity/mailer.js';
import type { OneTimeTokens } from '../../db/identity/one-time-tokens.js';
import { hashPassword } from '../../domain/identity/passwords.js';
import { assertNewPassword } from '../../domain/identity/password-policy.js';
import type { AddressEmailLimiter } from '../../db/identity/address-email-limiter.js';
import type { CredentialRevocation } from './credential-revocation.js';
import { inTransaction } from '../../db/transaction.js';
import type { UserDirectory } from '../../db/identity/user-directory.js';

export const RESET_REQUESTED = 'If the email exists, a password reset link will be sent';
const RESET_TTL_SECONDS = 3600;

export interface PasswordResetDeps {
  pool: pg.Pool;
  users: UserDirectory;
  tokens: OneTimeTokens;
  revocation: CredentialRevocation;
  mailer: Mailer;
  limiter: AddressEmailLimiter;
  publicBaseUrl: string;
}

/** Forgotten-password flow: a one-hour, single-use link by email, then a new password that signs out everywhere. */
export class PasswordReset {
  constructor(private readonly d: PasswordResetDeps) {}

  /** Sends the link when the account exists; the caller answers the same either way. */
  async request(email: string, clientIp: string): Promise<void> {
    await this.d.limiter.spend(clientIp, email);
    const user = await this.d.users.byEmail(email);
    if (!user || !user.is_active) return;
    const token = await this.d.tokens.create(user.id, 'password_reset', RESET_TTL_SECONDS);
    const link = `${this.d.publicBaseUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await this.d.mailer.send({
      to: user.email,
      kind: 'password_reset',
      subject: 'Reset your Switchboard password',
      body: `Someone asked to reset the password of ${user.email}.\n\nSet a new password here (valid for one hour, once):\n${link}\n\nIf this was not you, ignore this email.`,
    });
  }

  async confirm(token: string, newPassword: string, confirmation?: string): Promise<void> {
    assertNewPassword(newPassword, confirmation);
    const passwordHash = await hashPassword(newPassword);
    await inTransaction(this.d.pool, async (sql) => {
      const userId = await this.d.tokens.consume(token, 'password_reset', sql);
      if (userId === null) throw validationError({ token: ['Invalid or expired token.'] }, 'Invalid or expired token.');
      await sql.query(`update users set password_hash = $2, updated_at = now() where id = $1`, [userId, passwordHash]);
      await this.d.tokens.consumeAll(userId, 'password_reset', sql);
      await this.d.revocation.revokeAll(userId, sql);
    });
  }
}
