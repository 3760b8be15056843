import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { migrationsList } from './migrations/index.js';
import { provisionAppRole, type AppRole } from './app-role.js';

/**
 * As the owner: applies pending migrations, then provisions the application role. MikroORM is here for
 * its migrator only (no entities; stores are SQL through the app pool), and its small owner pool lives
 * only while migrating: the owner is the one role that may change the schema, and the app never holds it.
 */
export async function migrateDatabase(ownerUrl: string, appRole: AppRole, opts: { silent?: boolean } = {}): Promise<string[]> {
  const orm = await MikroORM.init({
    clientUrl: ownerUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: opts.silent ?? false },
    pool: { min: 0, max: 2 },
    allowGlobalContext: false,
  });
  try {
    const applied = await orm.migrator.up();
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await provisionAppRole(owner, appRole);
    } finally {
      await owner.end();
    }
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
