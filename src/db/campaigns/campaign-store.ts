import type { CampaignRow } from '../../domain/campaigns/campaign-row.js';
import type { CampaignStatus } from '../../domain/campaigns/campaign-status.js';
import type { Queryable } from '../queryable.js';

/** Campaign rows by id, always scoped to a tenant; deleted campaigns are gone for every reader. */
export async function findCampaign(db: Queryable, tenantId: number, id: number): Promise<CampaignRow | null> {
  const { rows } = await db.query<CampaignRow>(`select * from campaigns where id = $1 and tenant_id = $2 and deleted_at is null`, [id, tenantId]);
  return rows[0] ?? null;
}

export interface CampaignListFilter {
  status?: CampaignStatus;
  type?: string;
}

export async function listCampaigns(db: Queryable, tenantId: number, filter: CampaignListFilter, page: { limit: number; offset: number }) {
  const where = ['tenant_id = $1', 'deleted_at is null'];
  const params: unknown[] = [tenantId];
  if (filter.status) where.push(`status = $${params.push(filter.status)}`);
  if (filter.type) where.push(`campaign_type = $${params.push(filter.type)}`);
  const sql = where.join(' and ');
  const [data, total] = await Promise.all([
    db.query<CampaignRow>(`select * from campaigns where ${sql} order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`, params),
    db.query<{ n: number }>(`select count(*)::int as n from campaigns where ${sql}`, params),
  ]);
  return { rows: data.rows, count: total.rows[0].n };
}

/** Names for the views: creators and target segments of a page of campaigns, in two queries. */
export async function viewLookups(db: Queryable, tenantId: number, campaigns: CampaignRow[]) {
  const userIds = [...new Set(campaigns.map((c) => c.created_by).filter((id): id is number => id !== null))];
  const segmentIds = [...new Set(campaigns.flatMap((c) => c.target_segment_ids.map(Number)))];
  const [users, segments] = await Promise.all([
    userIds.length ? db.query<{ id: number; name: string }>(`select id, btrim(first_name || ' ' || last_name) as name, username from users where id = any($1::bigint[])`, [userIds]) : { rows: [] },
    segmentIds.length ? db.query<{ id: number; name: string }>(`select id, name from segments where tenant_id = $1 and id = any($2::bigint[])`, [tenantId, segmentIds]) : { rows: [] },
  ]);
  return {
    userNames: new Map(users.rows.map((u) => [Number(u.id), u.name || (u as { username?: string }).username || ''])),
    segmentNames: new Map(segments.rows.map((s) => [Number(s.id), s.name])),
  };
}
