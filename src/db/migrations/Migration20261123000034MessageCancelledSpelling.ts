import { Migration } from '@mikro-orm/migrations';

/**
 * A message's cancelled status is spelt `cancelled`, as the seed documents and campaigns spell it;
 * Twilio's `canceled` is folded onto it on the way in (src/domain/messaging/outbound-sms.ts).
 */
export class Migration20261123000034MessageCancelledSpelling extends Migration {
  override up(): void {
    this.addSql(`
      alter table messages drop constraint messages_status_check;
      update messages set status = 'cancelled' where status = 'canceled';
      alter table messages add constraint messages_status_check
        check (status in ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered', 'cancelled', 'received'));
    `);
  }
}
