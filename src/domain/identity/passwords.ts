import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.js';

export const hashPassword = (plain: string) => hash(plain);

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/** Password policy shared by register, change and reset. Returns the problems, empty when acceptable. */
export function passwordProblems(plain: string): string[] {
  const problems: string[] = [];
  if (plain.length < 8) problems.push('Password must be at least 8 characters.');
  if (plain.length > 128) problems.push('Password must be at most 128 characters.');
  if (/^\d+$/.test(plain)) problems.push('Password cannot be entirely numeric.');
  else if (isCommonPassword(plain)) problems.push('This password is too common.');
  return problems;
}
