import { z } from 'zod';

const planRef = z.string().trim().min(1).max(64);

export const subscribeBody = z
  .object({ plan_id: planRef.optional(), plan_type: planRef.optional() })
  .refine((b) => b.plan_id !== undefined || b.plan_type !== undefined, { message: 'Send plan_id or plan_type.', path: ['plan_id'] });

/** Razorpay's webhook envelope; the rest of the event is kept as sent. */
export const webhookBody = z.looseObject({
  event: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).default({}),
});
