import type pg from 'pg';

const TOP = 10;
const round2 = (n: number | null) => (n === null ? 0 : Math.round(n * 100) / 100);

/** Seed 001 dashboard figures over the tenant's live contacts, computed in PostgreSQL. */
export async function dashboardStats(pool: pg.Pool, tenantId: number) {
  const live = 'tenant_id = $1 and deleted_at is null';
  const [totals, industries, countries] = await Promise.all([
    pool.query<{
      total_contacts: number;
      verified_emails: number;
      avg_employees: number | null;
      total_companies: number;
      avg_revenue: number | null;
      total_revenue: number | null;
      with_linkedin: number;
      recent_contacts: number;
    }>(
      `select count(*)::int as total_contacts,
              count(*) filter (where lower(email_status) = 'verified')::int as verified_emails,
              avg(employees)::float8 as avg_employees,
              count(distinct lower(nullif(btrim(company), '')))::int as total_companies,
              avg(annual_revenue)::float8 as avg_revenue,
              sum(annual_revenue) as total_revenue,
              count(*) filter (where nullif(btrim(person_linkedin_url), '') is not null)::int as with_linkedin,
              -- "recent" means added in the last 30 days
              count(*) filter (where created_at >= now() - interval '30 days')::int as recent_contacts
         from contacts where ${live}`,
      [tenantId],
    ),
    pool.query<{ industry: string; count: number }>(
      `select industry, count(*)::int as count from contacts where ${live} and nullif(btrim(industry), '') is not null
        group by industry order by count desc, industry limit ${TOP}`,
      [tenantId],
    ),
    pool.query<{ country: string; count: number }>(
      `select country, count(*)::int as count from contacts where ${live} and nullif(btrim(country), '') is not null
        group by country order by count desc, country limit ${TOP}`,
      [tenantId],
    ),
  ]);
  const t = totals.rows[0];
  return {
    total_contacts: t.total_contacts,
    verified_emails: t.verified_emails,
    // Everything not verified (unknown status included), so the two add up to the total as in the seed.
    unverified_emails: t.total_contacts - t.verified_emails,
    top_industries: industries.rows,
    top_countries: countries.rows,
    avg_employees: round2(t.avg_employees),
    total_companies: t.total_companies,
    avg_revenue: round2(t.avg_revenue),
    total_revenue: round2(t.total_revenue),
    with_linkedin: t.with_linkedin,
    recent_contacts: t.recent_contacts,
  };
}
