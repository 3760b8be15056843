import { Migration } from '@mikro-orm/migrations';

/**
 * Every authenticated request spends a point in `rate_limits`; as a logged table each of those was a
 * durable commit, and one user's concurrent requests queued on its row behind each other's WAL flush
 * (62 req/s from 50 clients with fsync on). The counters are windows of minutes to an hour: after a
 * crash PostgreSQL empties an unlogged table, which resets the budgets, and nothing else is lost.
 */
export class Migration20261123000055UnloggedRateLimits extends Migration {
  override up(): void {
    this.addSql(`alter table rate_limits set unlogged;`);
  }
}
