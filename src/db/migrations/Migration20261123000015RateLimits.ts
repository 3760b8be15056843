import { Migration } from '@mikro-orm/migrations';

/**
 * Counters for rate-limiter-flexible's PostgreSQL store (its own column layout), so every API replica
 * counts login attempts against the same budget.
 */
export class Migration20261123000015RateLimits extends Migration {
  override up(): void {
    this.addSql(`
      create table rate_limits (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint
      );
      create index rate_limits_expire on rate_limits (expire);
    `);
  }
}
