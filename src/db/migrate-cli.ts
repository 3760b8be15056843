/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
import { loadConfig } from '../config.js';
import { openDatabase, migrate } from './orm.js';

const config = loadConfig();
if (!config.databaseUrl) {
  process.stderr.write('DATABASE_URL: required for `npm run migrate`\n');
  process.exit(1);
}
const db = await openDatabase(config.databaseUrl);
const applied = await migrate(db);
process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
await db.close();
