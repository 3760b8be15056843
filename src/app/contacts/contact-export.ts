import type pg from 'pg';
import { notFound } from '../../domain/shared/errors.js';
import { findContactsByIds } from '../../db/contacts/contact-store.js';
import type { ContactRecord } from '../../domain/contacts/contact-record.js';
import { consumeDownloads, refundDownloads } from '../../db/contacts/download-quota.js';
import { xlsxCell } from '../../domain/shared/formula-safe-cells.js';
import { writeXlsx, XLSX_MIME } from '../../domain/contacts/xlsx-writer.js';

export const EXPORT_FIELDS = [
  'id', 'first_name', 'last_name', 'full_name', 'title', 'email', 'email_status', 'phone_e164', 'company', 'industry',
  'employees', 'annual_revenue', 'city', 'state', 'country', 'person_linkedin_url', 'website', 'technologies', 'keywords',
  'tags', 'created_at', 'updated_at',
] as const satisfies readonly (keyof ContactRecord)[];
export type ExportField = (typeof EXPORT_FIELDS)[number];

export const DEFAULT_EXPORT_FIELDS: ExportField[] = ['first_name', 'last_name', 'title', 'email', 'email_status', 'company', 'industry', 'employees', 'city', 'state', 'country'];

export interface ExportRequest {
  tenantId: number;
  userId: number;
  contactIds: number[];
  fields: ExportField[];
}

/**
 * Seed 001 export: the caller's contacts as an XLSX data URL. Every id must be one of the tenant's
 * live contacts (else 404 and nothing is counted); the rows count against the user's download limit.
 */
export async function exportContacts(pool: pg.Pool, req: ExportRequest) {
  const ids = [...new Set(req.contactIds)];
  const contacts = await findContactsByIds(pool, req.tenantId, ids);
  if (contacts.length !== ids.length) {
    const found = new Set(contacts.map((c) => c.id));
    const missing = ids.filter((id) => !found.has(id));
    throw notFound(`Contacts not found: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}.`, 'contact_ids');
  }
  await consumeDownloads(pool, req.userId, contacts.length);
  try {
    const xlsx = await writeXlsx('Contacts', req.fields, contacts.map((c) => req.fields.map((f) => xlsxCell(c[f]))));
    return { success: true, filename: `contacts_export_${req.userId}.xlsx`, file: `data:${XLSX_MIME};base64,${xlsx.toString('base64')}` };
  } catch (err) {
    await refundDownloads(pool, req.userId, contacts.length);
    throw err;
  }
}
