import type { Queryable } from '../../db/queryable.js';
import { notFound } from '../../domain/shared/errors.js';
import { DEFAULT_HELP_TEXT, DEFAULT_OPT_IN_TEXT, DEFAULT_OPT_OUT_TEXT } from '../../domain/messaging/inbound-keywords.js';
import { smsPriceFrom, type SmsPrice } from '../../domain/messaging/pricing.js';

/** What messaging needs from a tenant: its region for parsing numbers, its SMS price and keyword replies. */
export interface TenantMessaging {
  tenantId: number;
  defaultRegion: string;
  price: SmsPrice;
  helpText: string;
  optOutText: string;
  optInText: string;
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim() : fallback);

export async function loadTenantMessaging(sql: Queryable, tenantId: number): Promise<TenantMessaging> {
  const { rows } = await sql.query<{ default_region: string; settings: Record<string, unknown> }>('select default_region, settings from tenants where id = $1', [tenantId]);
  if (!rows[0]) throw notFound('Tenant not found.');
  const settings = rows[0].settings ?? {};
  return {
    tenantId,
    defaultRegion: rows[0].default_region,
    price: smsPriceFrom(settings),
    helpText: text(settings.help_text, DEFAULT_HELP_TEXT),
    optOutText: text(settings.opt_out_text, DEFAULT_OPT_OUT_TEXT),
    optInText: text(settings.opt_in_text, DEFAULT_OPT_IN_TEXT),
  };
}
