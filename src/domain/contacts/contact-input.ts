import type { FieldErrors } from '../shared/errors.js';
import { validateAttributes, type Attributes } from './attributes.js';
import { fieldOf, TEXT_LIMITS, type TextField } from './column-names.js';
import { normalizeEmail } from './email.js';
import { parseAmount, parseBoolean, parseCount, parseText, type Parsed } from './field-parsers.js';
import { normalizePhone } from './phone.js';
import { normalizeTags } from './tags.js';

/**
 * A validated, normalised contact. A key that is absent was not given (an update leaves that column
 * alone); null clears it.
 */
export type ContactRow = {
  [K in Exclude<TextField, 'first_name' | 'last_name'>]?: string | null;
} & {
  first_name?: string;
  last_name?: string;
  email?: string | null;
  phone_e164?: string | null;
  employees?: number | null;
  annual_revenue?: number | null;
  tags?: string[];
  attributes?: Attributes;
  is_active?: boolean;
};

export type ContactValidation = { ok: true; row: ContactRow } | { ok: false; errors: FieldErrors };

export interface ContactInputOptions {
  /** The tenant's region (tenants.default_region) for numbers written without a country code. */
  defaultRegion: string;
  /** An update: nothing is required. */
  partial?: boolean;
  /** Spreadsheet imports keep columns they do not recognise as attributes; JSON bodies ignore them. */
  unknownKeys?: 'ignore' | 'attributes';
}

export const NEEDS_IDENTITY = 'A contact needs a phone number (phone_e164) or an email.';

/**
 * The one gate every entry point (both APIs, bulk import, the CSV import workflow) passes a contact
 * through. Keys may be API names or spreadsheet headers ("First Name", "Phone"); see column-names.ts.
 */
export function validateContactInput(raw: unknown, opts: ContactInputOptions): ContactValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, errors: { non_field_errors: ['Expected a contact object.'] } };
  const errors: FieldErrors = {};
  const row: ContactRow = {};
  const extra: Attributes = {};
  let name: string | null | undefined;
  const take = <T>(field: string, parsed: Parsed<T>, assign: (v: T) => void) => {
    if (parsed.ok) assign(parsed.value);
    else (errors[field] ??= []).push(parsed.error);
  };

  for (const [key, value] of Object.entries(raw)) {
    const field = fieldOf(key);
    if (field === undefined) {
      if (opts.unknownKeys === 'attributes' && (typeof value === 'string' ? value.trim() : value !== null && value !== undefined)) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') extra[key.trim()] = typeof value === 'string' ? value.trim() : value;
      }
      continue;
    }
    switch (field) {
      case 'name':
        take('name', parseText(value, 300), (v) => (name = v));
        break;
      case 'email':
        take('email', emailOf(value), (v) => (row.email = v));
        break;
      case 'phone_e164':
        take('phone_e164', phoneOf(value, opts.defaultRegion), (v) => (row.phone_e164 = v));
        break;
      case 'employees':
        take(field, parseCount(value), (v) => (row.employees = v));
        break;
      case 'annual_revenue':
        take(field, parseAmount(value), (v) => (row.annual_revenue = v));
        break;
      case 'is_active':
        take(field, parseBoolean(value), (v) => {
          if (v !== null) row.is_active = v;
        });
        break;
      case 'tags':
        take(field, value === null ? { ok: true, value: [] } : fromTags(value), (v) => (row.tags = v));
        break;
      case 'attributes':
        take(field, value === null ? { ok: true, value: {} } : fromAttributes(value), (v) => (row.attributes = v));
        break;
      case 'first_name':
      case 'last_name':
        take(field, parseText(value, TEXT_LIMITS[field]), (v) => (row[field] = v ?? ''));
        break;
      default:
        take(field, parseText(value, TEXT_LIMITS[field]), (v) => (row[field] = v));
    }
  }
  if (name !== undefined && row.first_name === undefined && row.last_name === undefined) Object.assign(row, splitName(name ?? ''));
  if (Object.keys(extra).length) row.attributes = { ...extra, ...row.attributes };
  if (!opts.partial && !errors.phone_e164 && !errors.email && !row.phone_e164 && !row.email) (errors.non_field_errors ??= []).push(NEEDS_IDENTITY);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, row };
}

/** "Mary Ann Smith" → first "Mary", last "Ann Smith", so full_name gives the name back. */
export function splitName(name: string): { first_name: string; last_name: string } {
  const clean = name.trim().replace(/\s+/g, ' ');
  const space = clean.indexOf(' ');
  return space < 0 ? { first_name: clean, last_name: '' } : { first_name: clean.slice(0, space), last_name: clean.slice(space + 1) };
}

function emailOf(raw: unknown): Parsed<string | null> {
  const text = parseText(raw, 320);
  if (!text.ok || text.value === null) return text;
  const r = normalizeEmail(text.value);
  return r.ok ? { ok: true, value: r.email } : r;
}

function phoneOf(raw: unknown, region: string): Parsed<string | null> {
  const text = parseText(raw, 40);
  if (!text.ok) return { ok: false, error: 'Invalid E.164 format: expected a phone number.' };
  if (text.value === null) return text;
  const r = normalizePhone(text.value, region);
  return r.ok ? { ok: true, value: r.e164 } : r;
}

function fromTags(raw: unknown): Parsed<string[]> {
  const r = normalizeTags(raw);
  return r.ok ? { ok: true, value: r.tags } : r;
}

function fromAttributes(raw: unknown): Parsed<Attributes> {
  const r = validateAttributes(raw);
  return r.ok ? { ok: true, value: r.attributes } : r;
}
