import pg from 'pg';
import type { Config } from '../config.js';
import { resolveInstallSecret } from '../install-secret.js';

/**
 * The API and the workers connect as an application role of their own: not a superuser, not the
 * owner of any table, no BYPASSRLS, so row-level security binds it. Migrations run as the owner
 * (DATABASE_URL), which creates the role when it may and grants it the data privileges.
 */
export interface AppRole {
  name: string;
  password?: string;
}

/** The role the application connects as, and the URL it connects with. */
export function appConnection(config: Pick<Config, 'database' | 'databaseUrl' | 'dataDir' | 'env'>): { url: string; role: AppRole } {
  if (config.database.appUrl) {
    const url = new URL(config.database.appUrl);
    return { url: config.database.appUrl, role: { name: decodeURIComponent(url.username), password: decodeURIComponent(url.password) || undefined } };
  }
  if (!config.databaseUrl) throw new Error('appConnection: DATABASE_URL or DATABASE_APP_URL is required');
  const password = resolveInstallSecret({
    variable: 'DATABASE_APP_PASSWORD',
    value: config.database.appPassword,
    file: 'database-app-password',
    dataDir: config.dataDir,
    env: config.env,
    requirement: 'or give DATABASE_APP_URL',
  });
  const url = new URL(config.databaseUrl);
  url.username = encodeURIComponent(config.database.appRole);
  url.password = encodeURIComponent(password);
  return { url: url.toString(), role: { name: config.database.appRole, password } };
}

/** As the owner: creates the role if missing (and sets the password we hold), then grants data access. */
export async function provisionAppRole(owner: pg.ClientBase, role: AppRole): Promise<void> {
  const ident = pg.escapeIdentifier(role.name);
  const { rowCount } = await owner.query('select 1 from pg_roles where rolname = $1', [role.name]);
  if (!rowCount) {
    await owner.query(`create role ${ident} login nosuperuser nobypassrls nocreatedb nocreaterole`).catch((err: { code?: string }) => {
      if (err.code !== '42710') throw err; // created meanwhile by a parallel migrate
    });
  }
  if (role.password) await owner.query(`alter role ${ident} login password ${pg.escapeLiteral(role.password)}`);
  await owner.query(`
    grant usage on schema public to ${ident};
    grant select, insert, update, delete on all tables in schema public to ${ident};
    revoke all on table mikro_orm_migrations from ${ident};
    grant usage, select, update on all sequences in schema public to ${ident};
  `);
}

/** Refuses to serve through a connection that row-level security would not bind. */
export async function assertConfinedRole(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }>(`
    select r.rolname, r.rolsuper, r.rolbypassrls,
           (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and c.relrowsecurity and c.relowner = r.oid) as owns
    from pg_roles r where r.rolname = current_user`);
  const r = rows[0];
  if (r.rolsuper || r.rolbypassrls || r.owns > 0) {
    throw new Error(`database role "${r.rolname}" is a superuser, bypasses RLS or owns tenant tables: the application must connect as its own role (DATABASE_APP_URL / DATABASE_APP_ROLE)`);
  }
}
