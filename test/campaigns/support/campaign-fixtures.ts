import type { TestApp } from '../../support/harness.js';
import type { TestAccount } from '../../support/accounts.js';
import { eventually } from '../../support/eventually.js';

export interface ContactSpec {
  count: number;
  optedIn?: boolean;
  active?: boolean;
  tags?: string[];
  /** Area code of the generated +1 numbers (their time zone comes from it). */
  areaCode?: string;
  /** The first number's offset, so several calls in one tenant get distinct numbers. */
  offset?: number;
  /** Replace the phone with this SQL expression of `i` (e.g. an invalid number). */
  phoneSql?: string;
}

/** Contacts written straight into the tenant, set-based; returns their ids in order. */
export async function insertContacts(app: TestApp, tenantId: number, spec: ContactSpec): Promise<number[]> {
  const area = spec.areaCode ?? '212';
  const phone = spec.phoneSql ?? `'+1${area}' || (2000000 + i)::text`;
  const { rows } = await app.owner.query<{ id: number }>(
    `insert into contacts (tenant_id, first_name, last_name, phone_e164, is_opted_in, opt_in_at, is_active, tags)
     select $1, 'Contact', i::text, ${phone}, $2, case when $2 then now() end, $3, $4::text[]
       from generate_series($5::int, $5::int + $6::int - 1) as i
     returning id`,
    [tenantId, spec.optedIn ?? true, spec.active ?? true, spec.tags ?? [], spec.offset ?? 0, spec.count],
  );
  return rows.map((r) => Number(r.id));
}

export async function insertSegment(app: TestApp, tenantId: number, name: string, criteria: Record<string, unknown>): Promise<number> {
  const { rows } = await app.owner.query<{ id: number }>(`insert into segments (tenant_id, name, filter_json) values ($1, $2, $3) returning id`, [tenantId, name, JSON.stringify(criteria)]);
  return Number(rows[0].id);
}

export async function setTenantSettings(app: TestApp, tenantId: number, settings: Record<string, unknown>): Promise<void> {
  await app.owner.query(`update tenants set settings = settings || $2::jsonb where id = $1`, [tenantId, JSON.stringify(settings)]);
}

/** Polls the campaign detail until `done` holds; tests wait on states, never on durations. */
export async function waitForCampaign(app: TestApp, account: TestAccount, id: number, done: (c: any) => boolean, what = 'the campaign', timeoutMs = 100_000): Promise<any> {
  const read = async () => {
    const res = await app.http.get(`/api/messaging/campaigns/${id}/`, { token: account.token });
    return res.body?.data ? { campaign: res.body.data } : { http: res.status, body: res.body };
  };
  const seen = await eventually(read, (r) => 'campaign' in r && done(r.campaign), { timeout: timeoutMs, interval: 200, what });
  return (seen as { campaign: any }).campaign;
}

export async function ledgerStatuses(app: TestApp, campaignId: number): Promise<Record<string, number>> {
  const { rows } = await app.owner.query<{ status: string; n: number }>(`select status, count(*)::int as n from campaign_recipients where campaign_id = $1 group by status`, [campaignId]);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export const smsCampaign = (extra: Record<string, unknown> = {}) => ({
  name: 'Black Friday Sale',
  description: 'Promotional campaign for Black Friday',
  campaign_type: 'sms',
  message_text: 'Hi {{first_name}}, get 50% off on all items! Use code BLACK50',
  ...extra,
});
