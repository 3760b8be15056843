import type pg from 'pg';
import { validationError } from '../../domain/shared/errors.js';
import type { InvitationStore } from '../../db/tenancy/invitation-store.js';
import type { Role } from '../../domain/tenancy/roles.js';
import { INVALID_INVITATION } from '../tenancy/tenant-invitations.js';
import { createOwnedTenant } from '../tenancy/tenant-creation.js';
import { tenantView, type TenantView } from '../tenancy/tenant-view.js';
import type { AddressEmailLimiter } from '../../db/identity/address-email-limiter.js';
import type { EmailVerification } from './email-verification.js';
import { hashPassword } from '../../domain/identity/passwords.js';
import { assertNewPassword } from '../../domain/identity/password-policy.js';
import type { TokenPair, TokenPairs } from './token-pair.js';
import type { UserDirectory } from '../../db/identity/user-directory.js';
import { EMAIL_UNIQUE, insertUser, setActiveTenant, USERNAME_UNIQUE } from '../../db/identity/user-accounts.js';
import { isUniqueViolation } from '../../db/errors.js';
import { inTransaction } from '../../db/transaction.js';
import type { UserView } from '../../domain/identity/user-view.js';
import { assertUsernameFor } from '../../domain/identity/usernames.js';

export interface NewAccount {
  email: string;
  password: string;
  passwordConfirmation?: string;
  firstName: string;
  lastName: string;
  username?: string;
  tenantName?: string;
  /** A tenant invitation emailed to this address: the new user joins that tenant too. */
  invitationToken?: string;
}

export interface Registered {
  user: UserView;
  tokens: TokenPair;
  tenant: TenantView;
  /** The tenant the invitation made them a member of, when one was presented. */
  joined?: { tenant_id: number; role: Role };
}

const EMAIL_TAKEN = 'A user with this email already exists.';
const USERNAME_TAKEN = 'A user with this username already exists.';

/** Sign-up: the user, a tenant they own and work in, a JWT pair, and the email-verification link. */
export class Registration {
  constructor(
    private readonly pool: pg.Pool,
    private readonly users: UserDirectory,
    private readonly tokenPairs: TokenPairs,
    private readonly verification: EmailVerification,
    private readonly limiter: AddressEmailLimiter,
    private readonly invitations: InvitationStore,
  ) {}

  async register(input: NewAccount, clientIp: string): Promise<Registered> {
    await this.limiter.spend(clientIp, input.email);
    assertNewPassword(input.password, input.passwordConfirmation, 'password', 'password_confirm');
    const username = input.username ?? input.email;
    assertUsernameFor(input.email, username);
    await this.assertFree(input.email, username);
    if (input.invitationToken !== undefined) await this.assertInvited(input.invitationToken, input.email);
    const passwordHash = await hashPassword(input.password);
    const { userId, tenant } = await inTransaction(this.pool, async (client) => {
      const userId = await insertUser(client, { email: input.email, username, passwordHash, firstName: input.firstName, lastName: input.lastName });
      const tenant = await createOwnedTenant(client, userId, input.tenantName ? { name: input.tenantName } : { name: defaultTenantName(input), defaultName: true });
      await setActiveTenant(client, userId, tenant.id);
      return { userId, tenant };
    }).catch((err: unknown) => {
      // Two sign-ups racing for one email or username: the unique index decides.
      if (isUniqueViolation(err) && err.constraint === EMAIL_UNIQUE) throw validationError({ email: [EMAIL_TAKEN] });
      if (isUniqueViolation(err) && err.constraint === USERNAME_UNIQUE) throw validationError({ username: [USERNAME_TAKEN] });
      throw err;
    });
    const accepted = input.invitationToken !== undefined ? await this.invitations.accept(input.invitationToken, userId) : null;
    await this.verification.send({ id: userId, email: input.email });
    const [user, tokens] = await Promise.all([this.users.view(userId), this.tokenPairs.issue(userId)]);
    const joined = accepted ? { tenant_id: accepted.tenantId, role: accepted.role } : undefined;
    return { user: user!, tokens, tenant: tenantView(tenant, 'owner', true), joined };
  }

  /** An invitation is honoured only by the address it was sent to; a bad one is refused before anything is written. */
  private async assertInvited(token: string, email: string) {
    const invitation = await this.invitations.find(token);
    if (!invitation || invitation.email.toLowerCase() !== email.toLowerCase()) {
      throw validationError({ invitation_token: [INVALID_INVITATION] }, INVALID_INVITATION);
    }
  }

  private async assertFree(email: string, username: string) {
    const fields: Record<string, string[]> = {};
    if (await this.users.byEmail(email)) fields.email = [EMAIL_TAKEN];
    const byName = await this.users.byLogin(username);
    if (byName && byName.username.toLowerCase() === username.toLowerCase()) fields.username = [USERNAME_TAKEN];
    if (Object.keys(fields).length) throw validationError(fields);
  }
}

function defaultTenantName(input: NewAccount): string {
  const who = input.firstName || input.email.split('@')[0];
  return `${who}'s workspace`;
}
