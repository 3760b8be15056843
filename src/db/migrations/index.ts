import { Migration20261123000001Foundation } from './Migration20261123000001Foundation.js';
import { Migration20261123000002PhoneNumbers } from './Migration20261123000002PhoneNumbers.js';
import { Migration20261123000015RateLimits } from './Migration20261123000015RateLimits.js';
import { Migration20261123000004PhoneReads } from './Migration20261123000004PhoneReads.js';

/** Applied in this order; a new migration is appended, never edited once released. */
export const migrationsList = [
  { name: 'Migration20261123000001Foundation', class: Migration20261123000001Foundation },
  { name: 'Migration20261123000002PhoneNumbers', class: Migration20261123000002PhoneNumbers },
  { name: 'Migration20261123000015RateLimits', class: Migration20261123000015RateLimits },
  { name: 'Migration20261123000004PhoneReads', class: Migration20261123000004PhoneReads },
];
