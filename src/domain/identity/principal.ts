import type { Role } from '../tenancy/roles.js';

/** Who is calling, and in which tenant; every request and socket carries one once authenticated. */
export interface Principal {
  userId: number;
  email: string;
  username: string;
  tenantId: number;
  role: Role;
  via: 'jwt' | 'api_key' | 'session';
}
