import { z } from 'zod';
import { dateTime, nullableDateTime } from '../../http/common-schemas.js';
import { tenantView } from '../tenants/tenants.responses.js';
import { ROLES } from '../../../domain/tenancy/roles.js';

/**
 * /api/auth/ answers: seeds 001 and 004 read the same calls, so each answer carries 004's
 * `{success, message, data}` and 001's fields at the top level.
 */
export const userView = z.object({
  id: z.number().int(),
  username: z.string(),
  email: z.string(),
  name: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  phone_number: z.string().nullable(),
  role: z.string(),
  is_active: z.boolean(),
  email_verified: z.boolean(),
  download_limit: z.number().int(),
  downloads_used: z.number().int(),
  last_login: nullableDateTime,
  date_joined: dateTime,
  active_tenant: z.object({ id: z.number().int(), name: z.string(), role: z.enum(ROLES) }).nullable(),
});

const tokens = z.object({ access: z.string(), refresh: z.string() });
const done = z.object({ success: z.literal(true), message: z.string() });

export const authResponses = {
  registered: z.looseObject({
    success: z.literal(true),
    message: z.string(),
    data: z.looseObject({ user: userView, tokens, tenant: tenantView.nullable() }),
    user: userView,
    tokens,
    access: z.string(),
    refresh: z.string(),
  }),
  loggedIn: z.object({ success: z.literal(true), message: z.string(), user: userView, ...tokens.shape, tokens, data: z.object({ user: userView, ...tokens.shape, tokens }) }),
  done,
  refreshed: z.object({ success: z.literal(true), ...tokens.shape, data: tokens }),
  apiToken: z.object({ token: z.string(), user_id: z.number().int(), username: z.string() }),
  profile: z.looseObject({ ...userView.shape, success: z.literal(true), message: z.string().optional(), data: userView }),
  passwordChanged: z.object({ ...done.shape, data: z.object({ tokens, ...tokens.shape }), ...tokens.shape }),
  emailVerified: z.object({ ...done.shape, data: z.object({ email_verified: z.boolean() }) }),
  keyGenerated: z.object({
    ...done.shape,
    data: z.object({ api_key: z.string(), key: z.string(), id: z.number().int(), prefix: z.string(), name: z.string().nullable(), created_at: dateTime }),
  }),
  keysRevoked: z.object({ ...done.shape, data: z.object({ revoked: z.number().int() }) }),
};
