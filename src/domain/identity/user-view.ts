import type { Role } from '../tenancy/roles.js';

/** A users row as read with plain SQL (snake_case, bigint as number). */
export interface UserRow {
  id: number;
  email: string;
  username: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  phone_number: string | null;
  role: string;
  is_active: boolean;
  email_verified_at: Date | null;
  download_limit: number;
  downloads_used: number;
  active_tenant_id: number | null;
  last_login: Date | null;
  date_joined: Date;
}

export interface ActiveTenant {
  id: number;
  name: string;
  role: Role;
}

export const fullName = (first: string, last: string) => `${first} ${last}`.trim();

/** The user as seeds 001 and 004 both describe it (login, register, profile). */
export function userView(user: UserRow, activeTenant: ActiveTenant | null) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    name: fullName(user.first_name, user.last_name),
    first_name: user.first_name,
    last_name: user.last_name,
    phone_number: user.phone_number,
    role: user.role,
    is_active: user.is_active,
    email_verified: user.email_verified_at !== null,
    download_limit: user.download_limit,
    downloads_used: user.downloads_used,
    last_login: user.last_login?.toISOString() ?? null,
    date_joined: user.date_joined.toISOString(),
    active_tenant: activeTenant,
  };
}

export type UserView = ReturnType<typeof userView>;

/** Splits a single `name` into first and last name at the first space. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const at = trimmed.indexOf(' ');
  return at < 0 ? { firstName: trimmed, lastName: '' } : { firstName: trimmed.slice(0, at), lastName: trimmed.slice(at + 1) };
}
