import { NEEDS_IDENTITY, validateContactInput, type ContactRow } from '../contacts/contact-input.js';
import type { HeaderMapping } from './csv-header.js';
import type { PhoneNormaliser } from './phone-memo.js';
import { unstorableText } from '../shared/storable-text.js';

export type MappedRow = { ok: true; row: ContactRow } | { ok: false; reason: string };

/**
 * One CSV record to a validated contact through the contact rules every entry point shares. The phone
 * goes through the memoised normaliser first, so the rules see it already in E.164.
 */
export function mapRecord(fields: string[], header: HeaderMapping, region: string, phone: PhoneNormaliser): MappedRow {
  const encoding = encodingProblem(fields, header);
  if (encoding) return { ok: false, reason: encoding };
  const raw: Record<string, string> = {};
  const reasons: string[] = [];
  let phoneE164: string | null = null;
  for (const { field, columns } of header.fields) {
    const value = firstNonBlank(fields, columns);
    if (value === undefined) continue;
    if (field !== 'phone_e164') raw[field] = value;
    else {
      const r = phone(value, region);
      if (r.ok) phoneE164 = r.e164;
      else reasons.push(`phone_e164: ${r.error}`);
    }
  }
  for (const { name, column } of header.attributeColumns) {
    const value = fields[column];
    if (value !== undefined && value.trim() !== '') raw[name] = value;
  }
  const checked = validateContactInput(raw, { defaultRegion: region, partial: true, unknownKeys: 'attributes' });
  if (!checked.ok) for (const [field, messages] of Object.entries(checked.errors)) reasons.push(field === 'non_field_errors' ? messages.join(' ') : `${field}: ${messages.join(' ')}`);
  if (reasons.length) return { ok: false, reason: reasons.join('; ') };
  const row = (checked as { row: ContactRow }).row;
  if (phoneE164) row.phone_e164 = phoneE164;
  if (!row.phone_e164 && !row.email) return { ok: false, reason: NEEDS_IDENTITY };
  return { ok: true, row };
}

function firstNonBlank(fields: string[], columns: number[]): string | undefined {
  for (const c of columns) {
    const v = fields[c];
    if (v !== undefined && v.trim() !== '') return v;
  }
  return undefined;
}

/** Invalid UTF-8 arrives as U+FFFD from the decoder; the rest is the platform's one text rule. */
function encodingProblem(fields: string[], header: HeaderMapping): string | null {
  for (let i = 0; i < fields.length; i++) {
    const v = fields[i];
    if (v.includes('\uFFFD')) return `Column "${header.cells[i] ?? i + 1}" is not valid UTF-8 text; save the file as CSV UTF-8.`;
    const problem = unstorableText(v);
    if (problem) return `Column "${header.cells[i] ?? i + 1}" ${problem}.`;
  }
  return null;
}
