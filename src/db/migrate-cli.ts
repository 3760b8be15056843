/** `npm run migrate`: applies pending migrations to DATABASE_URL (the owner) and provisions the application role. */
import { loadConfig } from '../config.js';
import { migrateDatabase } from './migrator.js';
import { appConnection } from './app-role.js';

const config = loadConfig();
if (!config.databaseUrl) {
  process.stderr.write('DATABASE_URL: required for `npm run migrate` (the owner of the schema)\n');
  process.exit(1);
}
const applied = await migrateDatabase(config.databaseUrl, appConnection(config).role);
process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
