import { z } from 'zod';
import { mifumoEnvelope, pageOf } from '../../http/envelope-schemas.js';
import { dateTime, json } from '../../http/common-schemas.js';
import { ROLES } from '../../../domain/tenancy/roles.js';

/** Seed 004 tenant answers, as `tenantView`, `memberView` and the invitation shape them. */
export const tenantView = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
  default_region: z.string().nullable(),
  settings: json,
  created_at: dateTime,
  updated_at: dateTime,
  role: z.enum(ROLES),
  is_active: z.boolean(),
});

const memberView = z.object({ user_id: z.number().int(), email: z.string(), username: z.string(), name: z.string(), role: z.enum(ROLES), joined_at: dateTime });
const invitation = z.object({ email: z.string(), role: z.enum(ROLES), status: z.literal('invited'), expires_at: dateTime });

export const tenantResponses = {
  page: mifumoEnvelope(pageOf(tenantView)),
  one: mifumoEnvelope(tenantView),
  members: mifumoEnvelope(pageOf(memberView)),
  invited: mifumoEnvelope(invitation),
  removed: mifumoEnvelope(z.null()),
};
