import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { compose, environmentOf, readCompose, root, type ComposeService } from './compose-file.js';

/**
 * The shape docker-compose.yml must keep, read from the file (no Docker engine here): today's Temporal
 * conventions (server image plus a one-shot admin-tools schema job, no auto-setup), Temporal's own
 * database role, the UI unpublished, pinned images, a healthcheck on every long-running service, the
 * order of start-up in depends_on conditions, and one worker service per task queue.
 */
const services = Object.entries(compose.services);
const dependencies = services.flatMap(([name, s]) => Object.entries(s.depends_on ?? {}).map(([on, { condition }]) => ({ name, on, condition })));
/** Jobs that run to completion: what another service waits for with service_completed_successfully. */
const oneShot = new Set(dependencies.filter((d) => d.condition === 'service_completed_successfully').map((d) => d.on));
const longRunning = services.filter(([name]) => !oneShot.has(name));
const text = (value: string[] | string | undefined) => (Array.isArray(value) ? value.join(' ') : (value ?? ''));
const mounted = (s: ComposeService) => (s.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => v.split(':')[0]);

describe('docker-compose.yml images', () => {
  test('when the images are read, then each is pinned to a version, none is :latest, and auto-setup is gone', () => {
    const images = services.map(([name, s]) => ({ name, image: s.image }));
    for (const { name, image } of images) {
      expect({ name, image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:(\d+[\w.-]*|\$\{SWITCHBOARD_VERSION:-\d[\w.-]*\})$/) });
      expect({ name, latest: /:latest$/.test(image!) }).toEqual({ name, latest: false });
      expect({ name, autoSetup: image!.includes('auto-setup') }).toEqual({ name, autoSetup: false });
    }
    expect(compose.services.temporal.image).toMatch(/^temporalio\/server:\d/);
  });

  test('when the Dockerfile is read, then it builds on a current Node LTS (22 or 24)', () => {
    const from = readFileSync(path.join(root, 'Dockerfile'), 'utf8').match(/^FROM\s+(\S+)/m)?.[1];
    expect(from).toMatch(/^node:(22|24)([.-]|$)/);
  });
});

describe('docker-compose.yml start-up order and health', () => {
  test('when the services are read, then every long-running one has a healthcheck and every one-shot job restarts only on failure', () => {
    for (const [name, s] of longRunning) {
      expect({ name, healthcheck: text(s.healthcheck?.test).length > 0 && !s.healthcheck?.disable }).toEqual({ name, healthcheck: true });
      expect({ name, restart: s.restart }).toEqual({ name, restart: 'unless-stopped' });
    }
    for (const name of oneShot) expect({ name, restart: compose.services[name].restart }).toEqual({ name, restart: expect.stringMatching(/^on-failure/) });
    expect([...oneShot].sort()).toEqual(['migrate', 'temporal-db-role', 'temporal-namespace', 'temporal-schema']);
  });

  test('when depends_on is read, then a service waits for a job to complete and for a server to be healthy, never merely started', () => {
    for (const d of dependencies) {
      const expected = oneShot.has(d.on) ? 'service_completed_successfully' : 'service_healthy';
      expect(d).toEqual({ ...d, condition: expected });
      expect({ ...d, exists: d.on in compose.services }).toEqual({ ...d, exists: true });
    }
    const waitsFor = (name: string) => Object.keys(compose.services[name].depends_on ?? {}).sort();
    expect(waitsFor('temporal')).toEqual(['temporal-schema']);
    expect(waitsFor('temporal-schema')).toEqual(['temporal-db-role']);
    expect(waitsFor('temporal-namespace')).toEqual(['temporal']);
    for (const app of ['api', 'worker-bulk', 'worker-messaging']) expect(waitsFor(app)).toEqual(['migrate', 'postgresql', 'temporal', 'temporal-namespace']);
  });

  test('when the mounted files are read, then each exists in the repository', () => {
    for (const [name, s] of services) for (const file of mounted(s)) expect({ name, file, exists: existsSync(path.join(root, file)) }).toEqual({ name, file, exists: true });
  });
});

describe('docker-compose.yml Temporal', () => {
  test('when the schema job is read, then admin-tools of the server version creates and migrates both databases with temporal-sql-tool', () => {
    const job = compose.services['temporal-schema'];
    expect(job.image).toBe(compose.services.temporal.image!.replace('temporalio/server', 'temporalio/admin-tools'));
    expect(text(job.entrypoint)).toContain('/deploy/setup-schema.sh');
    const script = readFileSync(path.join(root, 'deploy/temporal/setup-schema.sh'), 'utf8');
    for (const step of ['create', 'setup-schema -v 0.0', 'update-schema -d "$SCHEMA_ROOT/$schema/versioned"']) expect(script).toContain(step);
    expect(script).toContain('temporal-sql-tool --plugin postgres12');
    expect(script).toMatch(/\$\{DBNAME:-temporal\}:temporal" "\$\{VISIBILITY_DBNAME:-temporal_visibility\}:visibility"/);
    expect(environmentOf('temporal-schema')).toEqual(expect.objectContaining({ DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility', DB: 'postgres12' }));
  });

  test("when the server's database user is read, then it is Temporal's own: neither the PostgreSQL owner nor the application's role", () => {
    const temporal = environmentOf('temporal');
    const owner = environmentOf('postgresql').POSTGRES_USER;
    const appRole = new URL(environmentOf('api').DATABASE_APP_URL).username;
    expect(temporal.POSTGRES_USER).toBe('temporal');
    expect([owner, appRole]).not.toContain(temporal.POSTGRES_USER);
    expect(temporal.POSTGRES_PWD).toBe(environmentOf('temporal-db-role').TEMPORAL_DB_PASSWORD);
    expect(temporal.POSTGRES_PWD).not.toBe(environmentOf('postgresql').POSTGRES_PASSWORD);
    expect(text(compose.services['temporal-db-role'].command)).toContain(`-v role=${temporal.POSTGRES_USER}`);
  });

  test('when the role script runs twice as the owner, then the role logs in and may create databases, and is no superuser', async () => {
    const role = `temporal_shape_${randomBytes(3).toString('hex')}`;
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      for (const password of ["first 'quoted' password", 'second-password']) await runPsqlScript(owner, 'deploy/postgres/temporal-role.sql', { role, password });
      const { rows } = await owner.query(`select rolcanlogin, rolcreatedb, rolsuper, rolcreaterole, rolbypassrls from pg_roles where rolname = $1`, [role]);
      expect(rows).toEqual([{ rolcanlogin: true, rolcreatedb: true, rolsuper: false, rolcreaterole: false, rolbypassrls: false }]);
      const asRole = new URL(process.env.DATABASE_URL!);
      [asRole.username, asRole.password] = [role, 'second-password'];
      const client = new pg.Client({ connectionString: asRole.toString() });
      await client.connect();
      await client.end();
    } finally {
      await owner.query(`drop role if exists ${role}`);
      await owner.end();
    }
  });

  test('when the UI is read, then no port of it is published; the local override binds it to the loopback address only', () => {
    expect(compose.services['temporal-ui'].ports).toBeUndefined();
    expect(compose.services.temporal.ports).toBeUndefined();
    expect(services.filter(([, s]) => s.ports).map(([name]) => name)).toEqual(['edge']);
    const override = readCompose('deploy/temporal-ui.local.yml').services['temporal-ui'];
    expect(override.ports).toEqual([expect.stringMatching(/^127\.0\.0\.1:/)]);
  });
});

describe('docker-compose.yml workers', () => {
  test('when the worker services are read, then one polls the bulk queue and the other the messaging queue, each scaled on its own', () => {
    const queuesOf = (service: string) => loadConfig(environmentOf(service)).temporal.workerQueues;
    expect(queuesOf('worker-bulk')).toEqual(['bulk']);
    expect(queuesOf('worker-messaging')).toEqual(['messaging']);
    expect(compose.services['worker-bulk'].deploy?.replicas).toBe('${WORKER_BULK_REPLICAS:-2}');
    expect(compose.services['worker-messaging'].deploy?.replicas).toBe('${WORKER_MESSAGING_REPLICAS:-2}');
    expect(compose.services.api.deploy?.replicas).toBe('${API_REPLICAS:-2}');
    expect(services.filter(([, s]) => text(s.command) === 'npm run worker').map(([name]) => name).sort()).toEqual(['worker-bulk', 'worker-messaging']);
  });

  test('when WORKER_TASK_QUEUES is unset, then a worker polls both queues; when it names an unknown queue or none, then start-up stops naming the variable', () => {
    expect(loadConfig({}).temporal.workerQueues).toEqual(['bulk', 'messaging']);
    expect(loadConfig({ WORKER_TASK_QUEUES: ' messaging , messaging' }).temporal.workerQueues).toEqual(['messaging']);
    expect(() => loadConfig({ WORKER_TASK_QUEUES: 'bulk,sms' })).toThrow(/WORKER_TASK_QUEUES.*must list bulk and\/or messaging/);
    expect(() => loadConfig({ WORKER_TASK_QUEUES: ' , ' })).toThrow(/WORKER_TASK_QUEUES: must name at least one of bulk, messaging/);
  });
});

/**
 * Runs a psql script the way its compose job does (`psql -v name=value -f file`) over a pg client:
 * `\set` lines are psql settings, `:'name'` is the variable as a quoted literal, and `\gexec` runs
 * every value the statement before it returns.
 */
async function runPsqlScript(client: pg.Client, file: string, variables: Record<string, string>): Promise<void> {
  const script = readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--') && !line.startsWith('\\set'))
    .join('\n')
    .replace(/:'(\w+)'/g, (_, name: string) => client.escapeLiteral(variables[name]));
  for (const statement of script.split('\\gexec').map((s) => s.trim()).filter(Boolean)) {
    const { rows } = await client.query<Record<string, string>>(statement);
    for (const row of rows) for (const generated of Object.values(row)) await client.query(generated);
  }
}
