import type pg from 'pg';
import { notFound, validationError } from '../../domain/shared/errors.js';
import { hashPassword, verifyPassword } from '../../domain/identity/passwords.js';
import { assertNewPassword } from '../../domain/identity/password-policy.js';
import type { CredentialRevocation } from './credential-revocation.js';
import { inTransaction } from '../../db/transaction.js';
import type { UserDirectory } from '../../db/identity/user-directory.js';

const problem = (field: string, message: string) => validationError({ [field]: [message] }, message);

export interface PasswordChangeRequest {
  userId: number;
  oldPassword: string;
  newPassword: string;
  confirmation?: string;
  /** The session making the request survives; every other credential ends (the caller gets a new JWT pair). */
  keepSession?: string;
}

export class PasswordChange {
  constructor(private readonly pool: pg.Pool, private readonly users: UserDirectory, private readonly revocation: CredentialRevocation) {}

  async change(req: PasswordChangeRequest): Promise<void> {
    const user = await this.users.byId(req.userId);
    if (!user) throw notFound('User not found.');
    if (!(await verifyPassword(user.password_hash, req.oldPassword))) throw problem('old_password', 'Current password is incorrect.');
    assertNewPassword(req.newPassword, req.confirmation);
    if (req.newPassword === req.oldPassword) throw problem('new_password', 'New password must differ from the current one.');
    const passwordHash = await hashPassword(req.newPassword);
    await inTransaction(this.pool, async (sql) => {
      await sql.query(`update users set password_hash = $2, updated_at = now() where id = $1`, [user.id, passwordHash]);
      await this.revocation.revokeAll(user.id, sql, req.keepSession);
    });
  }
}
