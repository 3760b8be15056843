import type pg from 'pg';
import { validationError } from '../../domain/shared/errors.js';
import type { Mailer } from '../../domain/identity/mailer.js';
import type { OneTimeTokens } from '../../db/identity/one-time-tokens.js';
import { inTransaction } from '../../db/transaction.js';
import type { UserRow } from '../../domain/identity/user-view.js';

const VERIFY_TTL_SECONDS = 3 * 24 * 3600;

/** Proves the user owns their email: a single-use link sent at registration (and on request). */
export class EmailVerification {
  constructor(private readonly pool: pg.Pool, private readonly tokens: OneTimeTokens, private readonly mailer: Mailer, private readonly publicBaseUrl: string) {}

  async send(user: Pick<UserRow, 'id' | 'email'>): Promise<void> {
    const token = await this.tokens.create(user.id, 'email_verification', VERIFY_TTL_SECONDS);
    const link = `${this.publicBaseUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await this.mailer.send({
      to: user.email,
      kind: 'email_verification',
      subject: 'Confirm your email for Switchboard',
      body: `Welcome to Switchboard.\n\nConfirm ${user.email} by opening this link (valid for three days):\n${link}\n\nYour verification token: ${token}`,
    });
  }

  /** Marks the email verified; an unknown, expired or used token is a 400. */
  async verify(token: string): Promise<number> {
    return inTransaction(this.pool, async (sql) => {
      const userId = await this.tokens.consume(token, 'email_verification', sql);
      if (userId === null) throw validationError({ token: ['Invalid or expired token.'] }, 'Invalid or expired token.');
      await sql.query(`update users set email_verified_at = coalesce(email_verified_at, now()), updated_at = now() where id = $1`, [userId]);
      await this.tokens.consumeAll(userId, 'email_verification', sql);
      return userId;
    });
  }
}
