import type { Queryable } from '../queryable.js';

export interface NewUser {
  email: string;
  username: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
}

export interface ProfileFields {
  firstName?: string;
  lastName?: string;
  phoneNumber?: string | null;
  username?: string;
}

/** The unique indexes that decide a sign-up or rename racing another for the same address or name. */
export const EMAIL_UNIQUE = 'users_email_unique';
export const USERNAME_UNIQUE = 'users_username_unique';

/** Creates and changes user rows (reads are UserDirectory's); users are global, not tenant-owned. */
export async function insertUser(db: Queryable, user: NewUser): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into users (email, username, password_hash, first_name, last_name) values ($1, $2, $3, $4, $5) returning id`,
    [user.email, user.username, user.passwordHash, user.firstName, user.lastName],
  );
  return rows[0].id;
}

export async function setActiveTenant(db: Queryable, userId: number, tenantId: number): Promise<void> {
  await db.query(`update users set active_tenant_id = $2, updated_at = now() where id = $1`, [userId, tenantId]);
}

/** Writes the given fields; `updated_at` moves only when one of them changes a value. */
export async function updateProfileFields(db: Queryable, userId: number, fields: ProfileFields): Promise<void> {
  const phoneGiven = fields.phoneNumber !== undefined;
  await db.query(
    `update users set first_name = coalesce($2, first_name), last_name = coalesce($3, last_name),
            phone_number = case when $4::boolean then $5::text else phone_number end, username = coalesce($6, username), updated_at = now()
      where id = $1
        and (first_name, last_name, phone_number, username) is distinct from
            (coalesce($2, first_name), coalesce($3, last_name), case when $4::boolean then $5::text else phone_number end, coalesce($6, username))`,
    [userId, fields.firstName ?? null, fields.lastName ?? null, phoneGiven, fields.phoneNumber ?? null, fields.username ?? null],
  );
}
