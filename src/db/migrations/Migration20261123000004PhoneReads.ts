import { Migration } from '@mikro-orm/migrations';

/**
 * Reads over a tenant's numbers across all its projects, newest first (list-numbers without project_id)
 * and in id order (the CSV export), walk this index instead of sorting a million rows. Ids only grow, so
 * inserts append at its right edge and generation pays little for it.
 */
export class Migration20261123000004PhoneReads extends Migration {
  override up(): void {
    this.addSql(`create index phone_numbers_tenant_id on phone_numbers (tenant_id, id);`);
  }
}
