import { hashPassword, verifyPassword } from '../../domain/identity/passwords.js';
import type { UserDirectory } from '../../db/identity/user-directory.js';
import type { UserRow } from '../../domain/identity/user-view.js';

let decoyHash: Promise<string> | undefined;

/**
 * Checks an email-or-username and password. An unknown account still costs one argon2 verification,
 * so the answer time does not tell whether the account exists.
 */
export class CredentialChecker {
  constructor(private readonly users: UserDirectory) {}

  async check(identifier: string, password: string): Promise<UserRow | null> {
    const user = await this.users.byLogin(identifier);
    if (!user) {
      decoyHash ??= hashPassword('decoy-password-for-unknown-accounts');
      await verifyPassword(await decoyHash, password);
      return null;
    }
    const ok = await verifyPassword(user.password_hash, password);
    return ok && user.is_active ? user : null;
  }
}
