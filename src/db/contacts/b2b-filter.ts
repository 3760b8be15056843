import { ContactWhere, containsPattern } from './sql-where.js';

/** Seed 001's list filters. Text filters match anywhere, case-insensitively; industry and email status match whole values. */
export interface B2bFilter {
  nameSearch?: string;
  location?: string;
  industries?: string[];
  emailStatus?: string;
  minEmployees?: number;
  maxEmployees?: number;
  minRevenue?: number;
  maxRevenue?: number;
  technologies?: string;
  city?: string;
}

export function b2bWhere(tenantId: number, f: B2bFilter): ContactWhere {
  const w = new ContactWhere(tenantId);
  if (f.nameSearch) w.and(`c.full_name ilike ${w.param(containsPattern(f.nameSearch))}`);
  // location_search is lower(city / state / country), kept in the list index.
  if (f.location) w.and(`c.location_search like lower(${w.param(containsPattern(f.location))})`);
  // Several industries widen the list (OR). One industry is an equality, so the list index hands the
  // page over already in id order and the scan stops after 50 rows; = any() would sort every match.
  const industries = f.industries?.map((i) => i.toLowerCase());
  if (industries?.length === 1) w.and(`lower(c.industry) = ${w.param(industries[0])}`);
  else if (industries?.length) w.and(`lower(c.industry) = any(${w.param(industries)}::text[])`);
  if (f.emailStatus) w.and(`lower(c.email_status) = ${w.param(f.emailStatus.toLowerCase())}`);
  if (f.minEmployees !== undefined) w.and(`c.employees >= ${w.param(f.minEmployees)}`);
  if (f.maxEmployees !== undefined) w.and(`c.employees <= ${w.param(f.maxEmployees)}`);
  if (f.minRevenue !== undefined) w.and(`c.annual_revenue >= ${w.param(f.minRevenue)}`);
  if (f.maxRevenue !== undefined) w.and(`c.annual_revenue <= ${w.param(f.maxRevenue)}`);
  if (f.technologies) w.and(`c.technologies ilike ${w.param(containsPattern(f.technologies))}`);
  if (f.city) w.and(`c.city ilike ${w.param(containsPattern(f.city))}`);
  return w;
}
