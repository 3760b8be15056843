import type { Attributes } from './attributes.js';

/** A contacts row as read from PostgreSQL (timestamps as Date, numeric as number). */
export interface ContactRecord {
  id: number;
  tenant_id: number;
  first_name: string;
  last_name: string;
  full_name: string;
  title: string | null;
  email: string | null;
  email_status: string | null;
  phone_e164: string | null;
  company: string | null;
  industry: string | null;
  employees: number | null;
  annual_revenue: number | null;
  city: string | null;
  state: string | null;
  country: string | null;
  person_linkedin_url: string | null;
  website: string | null;
  technologies: string | null;
  keywords: string | null;
  tags: string[];
  attributes: Attributes;
  is_active: boolean;
  is_opted_in: boolean;
  opt_in_at: Date | null;
  opt_out_at: Date | null;
  opt_out_reason: string | null;
  last_contacted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
