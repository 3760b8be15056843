export const ROLES = ['owner', 'admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** Owners and admins manage a tenant (its details and members); members only use it. */
export const canManage = (role: Role) => role === 'owner' || role === 'admin';

/** Only an owner may hand out ownership. */
export const canGrant = (granter: Role, role: Role) => canManage(granter) && (role !== 'owner' || granter === 'owner');
