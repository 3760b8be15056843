import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Phone numbers as a tenant types them: national numbers read in the tenant's default region, and
 * international numbers written without the leading "+" (seed 004 sends "255700000001") accepted when
 * the national reading is not a valid number.
 */
function parsePhone(input: string, defaultRegion: string): PhoneNumber | null {
  const text = input.trim();
  if (!text || text.length > 40) return null;
  const national = parsePhoneNumberFromString(text, defaultRegion as CountryCode);
  if (national?.isValid()) return national;
  const digits = text.replace(/[\s().-]/g, '');
  if (/^\d{8,15}$/.test(digits)) {
    const international = parsePhoneNumberFromString(`+${digits}`);
    if (international?.isValid()) return international;
  }
  return null;
}

export function toE164(input: string, defaultRegion: string): string | null {
  return parsePhone(input, defaultRegion)?.number ?? null;
}

export interface PhoneDescription {
  phone_number: string;
  valid: boolean;
  e164: string | null;
  country: string | null;
  country_calling_code: string | null;
  type: string | null;
  national_format: string | null;
  international_format: string | null;
}

export function describePhone(input: string, defaultRegion: string): PhoneDescription {
  const phone = parsePhone(input, defaultRegion);
  return {
    phone_number: input,
    valid: phone !== null,
    e164: phone?.number ?? null,
    country: phone?.country ?? null,
    country_calling_code: phone ? `+${phone.countryCallingCode}` : null,
    type: phone ? (phone.getType()?.toLowerCase() ?? 'unknown') : null,
    national_format: phone?.formatNational() ?? null,
    international_format: phone?.formatInternational() ?? null,
  };
}

export interface RecipientList {
  /** Distinct valid numbers in E.164, in the order given. */
  valid: { input: string; e164: string }[];
  invalid: { input: string; reason: string }[];
  /** Numbers that repeat an earlier recipient once normalised; sent once. */
  duplicates: { input: string; e164: string }[];
}

export function normaliseRecipients(inputs: readonly string[], defaultRegion: string): RecipientList {
  const seen = new Set<string>();
  const list: RecipientList = { valid: [], invalid: [], duplicates: [] };
  for (const input of inputs) {
    const e164 = toE164(String(input), defaultRegion);
    if (!e164) list.invalid.push({ input, reason: 'Not a valid phone number.' });
    else if (seen.has(e164)) list.duplicates.push({ input, e164 });
    else {
      seen.add(e164);
      list.valid.push({ input, e164 });
    }
  }
  return list;
}
