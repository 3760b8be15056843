import { Migration20261123000001Foundation } from './Migration20261123000001Foundation.js';
import { Migration20261123000002PhoneNumbers } from './Migration20261123000002PhoneNumbers.js';
import { Migration20261123000003PhoneGeneration } from './Migration20261123000003PhoneGeneration.js';
import { Migration20261123000004PhoneReads } from './Migration20261123000004PhoneReads.js';
import { Migration20261123000006Contacts } from './Migration20261123000006Contacts.js';
import { Migration20261123000007ContactsApi } from './Migration20261123000007ContactsApi.js';
import { Migration20261123000008Uploads } from './Migration20261123000008Uploads.js';
import { Migration20261123000009Messaging } from './Migration20261123000009Messaging.js';
import { Migration20261123000010Campaigns } from './Migration20261123000010Campaigns.js';
import { Migration20261123000011ChannelsBilling } from './Migration20261123000011ChannelsBilling.js';
import { Migration20261123000012AiAgent } from './Migration20261123000012AiAgent.js';
import { Migration20261123000015RateLimits } from './Migration20261123000015RateLimits.js';
import { Migration20261123000017NumberOwnership } from './Migration20261123000017NumberOwnership.js';
import { Migration20261123000018PaymentWebhooks } from './Migration20261123000018PaymentWebhooks.js';
import { Migration20261123000019Credentials } from './Migration20261123000019Credentials.js';
import { Migration20261123000020IdempotencyEverywhere } from './Migration20261123000020IdempotencyEverywhere.js';
import { Migration20261123000021UploadHousekeeping } from './Migration20261123000021UploadHousekeeping.js';
import { Migration20261123000030RowLevelSecurity } from './Migration20261123000030RowLevelSecurity.js';
import { Migration20261123000031CrossTenantRouting } from './Migration20261123000031CrossTenantRouting.js';
import { Migration20261123000032LeakproofContactKeys } from './Migration20261123000032LeakproofContactKeys.js';
import { Migration20261123000033LeakproofSearchOperators } from './Migration20261123000033LeakproofSearchOperators.js';
import { Migration20261123000034MessageCancelledSpelling } from './Migration20261123000034MessageCancelledSpelling.js';

/** Applied in name order; a new migration is appended, never edited once released. */
export const migrationsList = [
  { name: 'Migration20261123000001Foundation', class: Migration20261123000001Foundation },
  { name: 'Migration20261123000002PhoneNumbers', class: Migration20261123000002PhoneNumbers },
  { name: 'Migration20261123000003PhoneGeneration', class: Migration20261123000003PhoneGeneration },
  { name: 'Migration20261123000004PhoneReads', class: Migration20261123000004PhoneReads },
  { name: 'Migration20261123000006Contacts', class: Migration20261123000006Contacts },
  { name: 'Migration20261123000007ContactsApi', class: Migration20261123000007ContactsApi },
  { name: 'Migration20261123000008Uploads', class: Migration20261123000008Uploads },
  { name: 'Migration20261123000009Messaging', class: Migration20261123000009Messaging },
  { name: 'Migration20261123000010Campaigns', class: Migration20261123000010Campaigns },
  { name: 'Migration20261123000011ChannelsBilling', class: Migration20261123000011ChannelsBilling },
  { name: 'Migration20261123000012AiAgent', class: Migration20261123000012AiAgent },
  { name: 'Migration20261123000015RateLimits', class: Migration20261123000015RateLimits },
  { name: 'Migration20261123000017NumberOwnership', class: Migration20261123000017NumberOwnership },
  { name: 'Migration20261123000018PaymentWebhooks', class: Migration20261123000018PaymentWebhooks },
  { name: 'Migration20261123000019Credentials', class: Migration20261123000019Credentials },
  { name: 'Migration20261123000020IdempotencyEverywhere', class: Migration20261123000020IdempotencyEverywhere },
  { name: 'Migration20261123000021UploadHousekeeping', class: Migration20261123000021UploadHousekeeping },
  { name: 'Migration20261123000030RowLevelSecurity', class: Migration20261123000030RowLevelSecurity },
  { name: 'Migration20261123000031CrossTenantRouting', class: Migration20261123000031CrossTenantRouting },
  { name: 'Migration20261123000032LeakproofContactKeys', class: Migration20261123000032LeakproofContactKeys },
  { name: 'Migration20261123000033LeakproofSearchOperators', class: Migration20261123000033LeakproofSearchOperators },
  { name: 'Migration20261123000034MessageCancelledSpelling', class: Migration20261123000034MessageCancelledSpelling },
];
