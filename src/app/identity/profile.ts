import type pg from 'pg';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { notFound, validationError } from '../../domain/shared/errors.js';
import type { UserDirectory } from '../../db/identity/user-directory.js';
import { findTenant } from '../../db/tenancy/tenant-store.js';
import { updateProfileFields, USERNAME_UNIQUE, type ProfileFields } from '../../db/identity/user-accounts.js';
import { isUniqueViolation } from '../../db/errors.js';
import { splitName, type UserView } from '../../domain/identity/user-view.js';
import { assertUsernameFor } from '../../domain/identity/usernames.js';

export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  name?: string;
  phoneNumber?: string | null;
  username?: string;
}

/** The caller's own account: read it in their current tenant, change the fields they own. */
export class Profiles {
  constructor(private readonly pool: pg.Pool, private readonly users: UserDirectory) {}

  async get(userId: number, tenantId: number): Promise<UserView> {
    const view = await this.users.view(userId, tenantId);
    if (!view) throw notFound('User not found.');
    return view;
  }

  /** `name` fills first and last name unless those are given too; phone numbers are stored in E.164. */
  async update(userId: number, tenantId: number, changes: ProfileChanges): Promise<UserView> {
    const user = await this.users.byId(userId);
    if (!user) throw notFound('User not found.');
    const fields: ProfileFields = changes.name !== undefined ? splitName(changes.name) : {};
    if (changes.firstName !== undefined) fields.firstName = changes.firstName;
    if (changes.lastName !== undefined) fields.lastName = changes.lastName;
    if (changes.phoneNumber !== undefined) {
      const tenant = await findTenant(this.pool, tenantId);
      fields.phoneNumber = changes.phoneNumber ? toE164(changes.phoneNumber, tenant?.defaultRegion ?? 'US') : null;
    }
    if (changes.username !== undefined && changes.username !== user.username) {
      assertUsernameFor(user.email, changes.username);
      const holder = await this.users.byLogin(changes.username);
      if (holder && holder.id !== userId && holder.username.toLowerCase() === changes.username.toLowerCase()) throw usernameTaken();
      fields.username = changes.username;
    }
    await updateProfileFields(this.pool, userId, fields).catch((err: unknown) => {
      throw isUniqueViolation(err) && err.constraint === USERNAME_UNIQUE ? usernameTaken() : err;
    });
    return this.get(userId, tenantId);
  }
}

const usernameTaken = () => validationError({ username: ['A user with this username already exists.'] });

function toE164(raw: string, region: string): string {
  const parsed = parsePhoneNumberFromString(raw, region as CountryCode);
  if (!parsed?.isValid()) throw validationError({ phone_number: ['Enter a valid phone number (E.164, e.g. +14155550123).'] });
  return parsed.number;
}
