import { COMMON_PASSWORDS_TEXT } from './common-passwords.data.js';

let list: Set<string> | undefined;

/** Whether a password is on the common-password list, ignoring case and surrounding spaces. */
export function isCommonPassword(plain: string): boolean {
  list ??= new Set(COMMON_PASSWORDS_TEXT.split('\n').filter(Boolean));
  return list.has(plain.trim().toLowerCase());
}
