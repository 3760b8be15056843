import type pg from 'pg';

export interface UsagePeriod {
  start: Date;
  end: Date;
}

export interface Usage {
  period_start: string;
  period_end: string;
  messages_sent: number;
  messages_received: number;
  segments: number;
  cost: number;
  currency: string;
  numbers_generated: number;
  contacts: number;
  channels: number;
}

/** Without a billing period of its own a tenant is measured by calendar month (UTC). */
export function calendarMonth(now: Date): UsagePeriod {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
}

/** What the tenant used in the period (messages, segments and their cost, generated numbers) and holds now (contacts, channels). */
export async function usageFor(pool: pg.Pool, tenantId: number, period: UsagePeriod): Promise<Usage> {
  const window = [tenantId, period.start, period.end];
  const [messages, numbers, holdings] = await Promise.all([
    pool.query<{ sent: number; received: number; segments: number; cost: number; currency: string | null }>(
      `select count(*) filter (where direction = 'outbound' and status <> 'cancelled')::int as sent,
              count(*) filter (where direction = 'inbound')::int as received,
              coalesce(sum(segments) filter (where direction = 'outbound' and status <> 'cancelled'), 0)::int as segments,
              coalesce(sum(cost) filter (where direction = 'outbound'), 0)::float8 as cost,
              max(currency) as currency
         from messages where tenant_id = $1 and created_at >= $2 and created_at < $3`,
      window,
    ),
    pool.query<{ n: number }>(`select count(*)::int as n from phone_numbers where tenant_id = $1 and created_at >= $2 and created_at < $3`, window),
    pool.query<{ contacts: number; channels: number }>(
      `select (select count(*) from contacts where tenant_id = $1 and deleted_at is null)::int as contacts,
              (select count(*) from channels where tenant_id = $1 and status = 'active')::int as channels`,
      [tenantId],
    ),
  ]);
  const m = messages.rows[0];
  return {
    period_start: period.start.toISOString(),
    period_end: period.end.toISOString(),
    messages_sent: m.sent,
    messages_received: m.received,
    segments: m.segments,
    cost: Math.round(m.cost * 10_000) / 10_000,
    currency: m.currency ?? 'USD',
    numbers_generated: numbers.rows[0].n,
    contacts: holdings.rows[0].contacts,
    channels: holdings.rows[0].channels,
  };
}
