import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { withTenant } from '../../src/db/tenant-scope.js';
import { GLOBAL_TABLES_WITH_TENANT_ID } from '../../src/db/migrations/Migration20261123000030RowLevelSecurity.js';
import { LEAKPROOF_FUNCTIONS } from '../../src/db/migrations/Migration20261123000033LeakproofSearchOperators.js';
import { post } from '../phone/generation-support.js';
import { UploadClient } from '../imports/upload-client.js';
import { execFileSync } from 'node:child_process';

let app: TestApp;
let a: TestAccount;
let b: TestAccount;
let tenantTables: string[];

/** Rows in as many tenant-owned tables as the API fills in a few calls. */
async function furnish(account: TestAccount) {
  const as = { apiKey: account.apiKey };
  const phone = `+1415555${String(Math.floor(1000 + Math.random() * 8999))}`;
  const checks = [
    await app.http.post('/api/messaging/contacts/', { phone_number: phone, first_name: 'Ada', tags: ['vip'] }, as),
    await app.http.post('/api/api/contacts/', { email: `c-${account.tenantId}@example.test`, first_name: 'Bo' }, as),
    await app.http.post('/api/messaging/templates/', { name: 'Welcome', body_text: 'Hi {{first_name}}' }, as),
    await app.http.post('/api/messaging/segments/', { name: 'VIPs', criteria: { tags: ['vip'] } }, as),
    await app.http.post('/api/messaging/campaigns/', { name: 'Sale', campaign_type: 'sms', message_text: 'Hi' }, as),
    await app.http.post('/api/messaging/sms/send/', { message: 'Hello', recipients: [phone] }, as),
    await app.http.post('/api/users/', { phone_number: `+1312555${String(Math.floor(1000 + Math.random() * 8999))}` }, as),
    await post(app, account, '/generate-numbers/', { project_id: 'rls', area_code: '312', quantity: 120, batch_size: 100 }),
    await new UploadClient(app.http, account.apiKey).init({ fileName: 'a.csv', fileSize: 10, totalChunks: 1 }),
  ];
  for (const res of checks) expect({ status: res.status, body: res.status < 300 ? null : res.body }).toMatchObject({ body: null });
}

beforeAll(async () => {
  app = await startTestApp();
  [a, b] = await Promise.all([createAccount(app), createAccount(app)]);
  await furnish(a);
  await furnish(b);
  const { rows } = await app.owner.query<{ table: string }>(`
    select c.relname as table from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute att on att.attrelid = c.oid and att.attname = 'tenant_id' and not att.attisdropped
    where c.relkind = 'r' and c.relname <> all ($1::name[]) order by 1`, [GLOBAL_TABLES_WITH_TENANT_ID]);
  tenantTables = rows.map((r) => r.table);
});
afterAll(() => app.close());

describe('row-level security', () => {
  test('when the schema is inspected, then every table with a tenant_id has row-level security enabled and forced', async () => {
    const { rows } = await app.owner.query<{ table: string; enabled: boolean; forced: boolean; policies: string[] }>(
      `select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
              array(select p.polname::text from pg_policy p where p.polrelid = c.oid order by 1) as policies
       from pg_class c where c.relname = any ($1::name[]) and c.relnamespace = 'public'::regnamespace order by 1`,
      [tenantTables],
    );
    expect(tenantTables.length).toBeGreaterThan(25);
    expect(rows.filter((r) => !r.enabled || !r.forced || !r.policies.includes('tenant_isolation'))).toEqual([]);
  });

  test('when the application connects, then its role is no superuser, has no BYPASSRLS and owns no table', async () => {
    const { rows } = await app.db.pool.query(`
      select r.rolsuper, r.rolbypassrls,
             (select count(*)::int from pg_class c where c.relowner = r.oid and c.relnamespace = 'public'::regnamespace) as owned
      from pg_roles r where r.rolname = current_user`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  test("when a statement without any tenant filter runs in tenant A's scope, then it sees none of tenant B's rows, in every tenant-owned table", async () => {
    const withRowsOfB: string[] = [];
    for (const table of tenantTables) {
      const truth = await app.owner.query<{ a: number; b: number }>(
        `select count(*) filter (where tenant_id = $1)::int as a, count(*) filter (where tenant_id = $2)::int as b from ${table}`,
        [a.tenantId, b.tenantId],
      );
      if (truth.rows[0].b > 0) withRowsOfB.push(table);
      const seen = await withTenant(a.tenantId, () =>
        app.db.pool.query<{ tenants: number[]; n: number }>(`select coalesce(array_agg(distinct tenant_id)::int[], '{}') as tenants, count(*)::int as n from ${table}`),
      );
      expect({ table, n: seen.rows[0].n, foreign: seen.rows[0].tenants.filter((t) => t !== a.tenantId) }).toEqual({ table, n: truth.rows[0].a, foreign: [] });
    }
    // The sweep is not vacuous: tenant B has rows in the tables the calls above fill.
    expect(withRowsOfB).toEqual(expect.arrayContaining(['contacts', 'templates', 'segments', 'campaigns', 'messages', 'conversations', 'agent_users', 'tasks', 'phone_numbers', 'phone_generation_batches', 'uploads']));
  });

  test('when a statement runs outside every tenant scope, then tenant-owned tables show no rows at all', async () => {
    for (const table of tenantTables) {
      const { rows } = await app.db.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`);
      expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
    }
  });

  test("when tenant A's scope writes a row naming tenant B, or changes B's rows, then the database refuses or touches nothing", async () => {
    await expect(
      withTenant(a.tenantId, () => app.db.pool.query(`insert into templates (tenant_id, name, body_text) values ($1, 'x', 'y')`, [b.tenantId])),
    ).rejects.toMatchObject({ code: '42501' });
    const updated = await withTenant(a.tenantId, () => app.db.pool.query(`update contacts set first_name = 'pwned' where tenant_id = $1`, [b.tenantId]));
    expect(updated.rowCount).toBe(0);
    const deleted = await withTenant(a.tenantId, () => app.db.pool.query(`delete from messages`));
    const left = await app.owner.query<{ n: number }>(`select count(*)::int as n from messages where tenant_id = $1`, [b.tenantId]);
    expect(deleted.rowCount).toBeGreaterThanOrEqual(0);
    expect(left.rows[0].n).toBeGreaterThan(0);
  });

  test('when a connection goes back to the pool, then the next checkout carries only its own scope', async () => {
    const inA = await withTenant(a.tenantId, () => app.db.pool.query<{ t: string }>(`select current_setting('app.tenant_id') as t`));
    const after = await app.db.pool.query<{ t: string }>(`select current_setting('app.tenant_id', true) as t`);
    expect(inA.rows[0].t).toBe(String(a.tenantId));
    expect(after.rows[0].t).toBe('');
  });

  test('when a function reads across tenants, then it is a security-definer xt_ function with a fixed search_path, called only from the named modules', async () => {
    const { rows } = await app.owner.query<{ name: string; definer: boolean; config: string[] | null }>(
      `select p.proname as name, p.prosecdef as definer, p.proconfig as config from pg_proc p
       where p.pronamespace = 'public'::regnamespace and p.proname like 'xt\\_%' order by 1`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.filter((r) => !r.definer || !(r.config ?? []).some((c) => c.startsWith('search_path=')))).toEqual([]);
    const callers = execFileSync('grep', ['-rlE', "xt_[a-z_]+\\(", 'src', '--include=*.ts', '--exclude-dir=migrations'], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(callers).toEqual([
      'src/db/billing/payment-tenant.ts',
      'src/db/cross-tenant.ts',
      'src/db/housekeeping/cross-tenant-housekeeping.ts',
      'src/db/messaging/number-owner.ts',
      'src/db/tenancy/invitation-store.ts',
    ]);
  });

  test('when the owner migrated as a superuser, then the search built-ins are leakproof, so filters inside the policy still use their indexes', async () => {
    const { rows } = await app.owner.query<{ f: string; leakproof: boolean }>(
      `select f, (select proleakproof from pg_proc where oid = f::regprocedure) as leakproof from unnest($1::text[]) as f`,
      [LEAKPROOF_FUNCTIONS],
    );
    expect(rows.filter((r) => !r.leakproof)).toEqual([]);
  });
});
