import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security on every tenant-owned table: a statement sees and writes only the rows of the
 * tenant set on its connection (`app.tenant_id`, set by src/db/scoped-pool.ts), whatever its `where`
 * says. Child tables that were keyed by their parent alone get a `tenant_id` of their own, filled from
 * the scope by default. The policy reads the setting through a scalar subquery, so it is evaluated once
 * per statement (an InitPlan) rather than once per row. The owner (migrations and the `xt_*`
 * cross-tenant functions, which run as security definer) keeps a policy of its own; the application
 * role never owns a table.
 */
export class Migration20261123000030RowLevelSecurity extends Migration {
  override up(): void {
    this.addSql(`
      create function app_current_tenant() returns bigint
        language sql stable parallel safe
        as $$ select nullif(current_setting('app.tenant_id', true), '')::bigint $$;

      create function switchboard_protect_tenant_table(t regclass) returns void language plpgsql as $$
      begin
        execute format('alter table %s enable row level security', t);
        execute format('alter table %s force row level security', t);
        execute format('create policy tenant_isolation on %s using (tenant_id = (select app_current_tenant())) with check (tenant_id = (select app_current_tenant()))', t);
        execute format('create policy owner_maintenance on %s to %I using (true) with check (true)', t, current_user);
      end $$;
    `);
    for (const [child, parent, key] of CHILD_TABLES) {
      this.addSql(`
        alter table ${child} add column tenant_id bigint references tenants(id) on delete cascade;
        update ${child} c set tenant_id = p.tenant_id from ${parent} p where p.${key[1]} = c.${key[0]};
        alter table ${child} alter column tenant_id set not null, alter column tenant_id set default app_current_tenant();
      `);
    }
    this.addSql(`
      do $$
      declare t record;
      begin
        for t in
          select c.oid::regclass as rel
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
          where c.relkind in ('r', 'p') and c.relname <> all (${sqlArray(GLOBAL_TABLES_WITH_TENANT_ID)})
        loop
          perform switchboard_protect_tenant_table(t.rel);
        end loop;
      end $$;
    `);
  }
}

/** Tables whose rows name a tenant but are read before any tenant is known; each says why. */
export const GLOBAL_TABLES_WITH_TENANT_ID = [
  'memberships', // identity: which tenants a user may enter, read while authenticating
  'webhook_events', // provider de-duplication, recorded before the event is routed to a tenant
];

const CHILD_TABLES: [child: string, parent: string, key: [childColumn: string, parentColumn: string]][] = [
  ['phone_generation_batches', 'tasks', ['task_id', 'task_id']],
  ['phone_validation_batches', 'tasks', ['task_id', 'task_id']],
  ['phone_task_stop_requests', 'tasks', ['task_id', 'task_id']],
  ['upload_chunks', 'uploads', ['upload_id', 'id']],
  ['contact_import_rejections', 'contact_import_ledgers', ['task_id', 'task_id']],
  ['broadcast_deliveries', 'broadcasts', ['broadcast_id', 'id']],
];

const sqlArray = (names: string[]) => `array[${names.map((n) => `'${n}'`).join(', ')}]::name[]`;
