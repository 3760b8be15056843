import { Migration } from '@mikro-orm/migrations';

/**
 * Every index on `contacts` is written by every imported row, so each must serve a read (the list is in
 * docs/performance.md). Dropped: (tenant_id, industry) and (tenant_id, created_at), which no query
 * uses — the industry filter reads contacts_list_by_industry, the dashboard aggregates the tenant's
 * live rows in one scan, and nothing orders or ranges contacts by created_at. contacts_tenant_id and contacts_live become one index: newest
 * first per tenant with deleted_at included, so the unfiltered page and its count stay index-only and
 * a tenant's deletion still finds its contacts by index. The GIN indexes keep fastupdate (a bulk write
 * appends to the pending list and merges it in sorted runs; row by row it costs about 4× the WAL).
 */
export class Migration20261123000040ContactIndexesEarnTheirPlace extends Migration {
  override up(): void {
    this.addSql(`
      drop index if exists contacts_tenant_industry;
      drop index if exists contacts_tenant_created;
      create index contacts_by_tenant on contacts (tenant_id, id desc) include (deleted_at);
      drop index if exists contacts_live;
      drop index if exists contacts_tenant_id;
      alter index contacts_tags set (fastupdate = on);
      alter index contacts_name_trgm set (fastupdate = on);
    `);
  }
}
