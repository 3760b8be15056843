import { z } from 'zod';
import { USERNAME_PATTERN } from '../../../domain/identity/usernames.js';

const BLANK = 'This field may not be blank.';
const text = (max: number) => z.string().trim().min(1, BLANK).max(max, `Ensure this field has no more than ${max} characters.`);
const optionalText = (max: number) => z.string().trim().max(max, `Ensure this field has no more than ${max} characters.`).optional();
// Policy (length, numeric-only) is the domain's; here only a sane upper bound before argon2.
const secret = z.string().min(1, BLANK).max(1024, 'Ensure this field has no more than 1024 characters.');
export const email = z.string().trim().toLowerCase().max(254, 'Ensure this field has no more than 254 characters.').pipe(z.email({ error: 'Enter a valid email address.' }));
const username = z.string().trim().regex(USERNAME_PATTERN, 'Enter a valid username: up to 150 letters, digits and @/./+/-/_ only.');

export const registerBody = z.object({
  email,
  password: secret,
  password_confirm: z.string().optional(),
  confirm_password: z.string().optional(),
  first_name: optionalText(150),
  last_name: optionalText(150),
  name: optionalText(300),
  username: username.optional(),
  tenant_name: text(200).optional(),
  invitation_token: text(512).optional(),
});

export const loginBody = z
  .object({ email: text(254).optional(), username: text(254).optional(), password: secret })
  .refine((b) => b.email !== undefined || b.username !== undefined, { path: ['email'], message: 'Provide an email or a username.' });

export const obtainTokenBody = z.object({ username: text(254), password: secret });
export const refreshBody = z.object({ refresh: text(512) });
export const logoutBody = z.object({ refresh: z.string().max(512).optional() });

export const profileBody = z.object({
  first_name: optionalText(150),
  last_name: optionalText(150),
  name: optionalText(300),
  phone_number: z.string().trim().max(32, 'Ensure this field has no more than 32 characters.').nullable().optional(),
  username: username.optional(),
});

export const passwordChangeBody = z
  .object({
    old_password: secret.optional(),
    current_password: secret.optional(),
    new_password: secret,
    confirm_password: z.string().optional(),
    new_password_confirm: z.string().optional(),
  })
  .refine((b) => b.old_password !== undefined || b.current_password !== undefined, { path: ['old_password'], message: 'This field is required.' });

export const resetRequestBody = z.object({ email });
export const resetConfirmBody = z.object({
  token: text(512),
  new_password: secret,
  confirm_password: z.string().optional(),
  new_password_confirm: z.string().optional(),
});
export const verifyEmailBody = z.object({ token: text(512) });

export const generateKeyBody = z.object({ name: text(100).optional() });
export const revokeKeyBody = z.object({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/, 'A valid integer is required.').transform(Number)]).optional(),
  api_key: text(200).optional(),
});
