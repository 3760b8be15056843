import type { ContactRecord } from './contact-record.js';

/** Seed 001 list item. */
export const B2B_LIST_COLUMNS = 'c.id, c.full_name, c.title, c.email, c.company, c.city, c.country, c.industry, c.employees, c.created_at';
export type B2bListRow = Pick<ContactRecord, 'id' | 'full_name' | 'title' | 'email' | 'company' | 'city' | 'country' | 'industry' | 'employees' | 'created_at'>;

export const b2bListItem = (c: B2bListRow) => ({
  id: c.id,
  full_name: c.full_name,
  title: c.title,
  email: c.email,
  company: c.company,
  city: c.city,
  country: c.country,
  industry: c.industry,
  employees: c.employees,
  created_at: c.created_at,
});

/** Seed 001 detail. */
export const b2bDetail = (c: ContactRecord) => ({
  id: c.id,
  first_name: c.first_name,
  last_name: c.last_name,
  full_name: c.full_name,
  title: c.title,
  email: c.email,
  email_status: c.email_status,
  company: c.company,
  industry: c.industry,
  employees: c.employees,
  annual_revenue: c.annual_revenue,
  city: c.city,
  state: c.state,
  country: c.country,
  person_linkedin_url: c.person_linkedin_url,
  website: c.website,
  created_at: c.created_at,
  updated_at: c.updated_at,
});

/** Seed 004 contact. */
export const messagingContact = (c: ContactRecord) => ({
  id: c.id,
  name: c.full_name,
  phone_e164: c.phone_e164,
  email: c.email,
  is_active: c.is_active,
  is_opted_in: c.is_opted_in,
  opt_in_at: c.opt_in_at,
  opt_out_at: c.opt_out_at,
  opt_out_reason: c.opt_out_reason,
  last_contacted_at: c.last_contacted_at,
  attributes: c.attributes,
  tags: c.tags,
  created_at: c.created_at,
  updated_at: c.updated_at,
});
