import { ContactWhere, containsPattern } from './sql-where.js';

/** Seed 004's list filters. */
export interface MessagingFilter {
  search?: string;
  isActive?: boolean;
  isOptedIn?: boolean;
  /** Contacts carrying every one of these tags. */
  tags?: string[];
}

export function messagingWhere(tenantId: number, f: MessagingFilter): ContactWhere {
  const w = new ContactWhere(tenantId);
  if (f.search) {
    const text = w.param(containsPattern(f.search));
    const digits = f.search.replace(/\D/g, '');
    const phone = digits.length >= 3 ? ` or c.phone_e164 like ${w.param(containsPattern(digits))}` : '';
    w.and(`(c.full_name ilike ${text} or c.email ilike ${text}${phone})`);
  }
  if (f.isActive !== undefined) w.and(`c.is_active = ${w.param(f.isActive)}`);
  if (f.isOptedIn !== undefined) w.and(`c.is_opted_in = ${w.param(f.isOptedIn)}`);
  // "Filter by a single tag (repeatable for multiple tags)": each tag narrows, so a contact must carry
  // all of them (array containment, served by the GIN index on tags).
  if (f.tags?.length) w.and(`c.tags @> ${w.param(f.tags.map((t) => t.trim().toLowerCase()))}::text[]`);
  return w;
}
