import { z } from 'zod';
import { mifumoEnvelope, pageOf } from '../../http/envelope-schemas.js';
import { dateTime, json, nullableDateTime } from '../../http/common-schemas.js';

/** Seed 001 (raw DRF bodies) and seed 004 (`{success, data}`) contact answers, as contact-views.ts shapes them. */
const text = z.string().nullable();
const int = z.number().int();

export const b2bListItem = z.object({
  id: int,
  full_name: z.string(),
  title: text,
  email: text,
  company: text,
  city: text,
  country: text,
  industry: text,
  employees: int.nullable(),
  created_at: dateTime,
});

export const b2bDetail = z.object({
  id: int,
  first_name: z.string(),
  last_name: z.string(),
  full_name: z.string(),
  title: text,
  email: text,
  email_status: text,
  company: text,
  industry: text,
  employees: int.nullable(),
  annual_revenue: z.number().nullable(),
  city: text,
  state: text,
  country: text,
  person_linkedin_url: text,
  website: text,
  created_at: dateTime,
  updated_at: dateTime,
});

const industry = z.object({ id: int, name: z.string(), description: z.string(), is_active: z.boolean(), created_at: dateTime, updated_at: dateTime });
const counted = <K extends string>(key: K) => z.object({ [key]: z.string(), count: int } as Record<K, z.ZodString> & { count: z.ZodNumber });

export const messagingContact = z.object({
  id: int,
  name: z.string(),
  phone_e164: text,
  email: text,
  is_active: z.boolean(),
  is_opted_in: z.boolean(),
  opt_in_at: nullableDateTime,
  opt_out_at: nullableDateTime,
  opt_out_reason: text,
  last_contacted_at: nullableDateTime,
  attributes: json,
  tags: z.array(z.string()),
  created_at: dateTime,
  updated_at: dateTime,
});

const importSummary = z.object({
  total: int,
  created: int,
  updated: int,
  skipped: int,
  rejected: int,
  results: z.array(z.object({ row: int, status: z.enum(['created', 'updated', 'skipped', 'rejected']), id: int.optional(), errors: z.record(z.string(), z.array(z.string())).optional() })),
});

export const b2bResponses = {
  page: pageOf(b2bListItem),
  detail: b2bDetail,
  autocomplete: z.array(z.object({ value: z.union([z.string(), z.number()]) })),
  exported: z.object({ success: z.literal(true), filename: z.string(), file: z.string().meta({ description: 'data: URL of the XLSX file' }) }),
  deleted: z.object({ success: z.literal(true), message: z.string() }),
  industries: z.array(industry),
  industry,
  dashboard: z.object({
    success: z.literal(true),
    stats: z.object({
      total_contacts: int,
      verified_emails: int,
      unverified_emails: int,
      top_industries: z.array(counted('industry')),
      top_countries: z.array(counted('country')),
      avg_employees: z.number().nullable(),
      total_companies: int,
      avg_revenue: z.number().nullable(),
      total_revenue: z.number().nullable(),
      with_linkedin: int,
      recent_contacts: int,
    }),
  }),
};

export const messagingContactResponses = {
  page: mifumoEnvelope(pageOf(messagingContact)),
  one: mifumoEnvelope(messagingContact),
  upserted: mifumoEnvelope(messagingContact.extend({ upserted: z.boolean() })),
  deleted: z.object({ success: z.literal(true), status: int, message: z.string() }),
  optedIn: mifumoEnvelope(z.object({ id: int, is_opted_in: z.boolean(), opt_in_at: nullableDateTime })),
  optedOut: mifumoEnvelope(z.object({ id: int, is_opted_in: z.boolean(), opt_out_reason: text, opt_out_at: nullableDateTime })),
  imported: mifumoEnvelope(importSummary),
};
