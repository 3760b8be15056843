import { isSupportedCountry } from 'libphonenumber-js';

/** A tenant's default region is the ISO 3166-1 alpha-2 country its phone numbers are parsed in. */
export function isRegionCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}
