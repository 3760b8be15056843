import { z } from 'zod';
import { segmentCriteriaSchema } from '../../../domain/messaging/segment-criteria.js';
import { boolQuery, pageQuery } from './paging.js';

const name = z.string().trim().min(1, 'This field may not be blank.').max(200, 'Ensure this field has no more than 200 characters.');
const body = z.string().trim().min(1, 'This field may not be blank.').max(5000, 'Ensure this field has no more than 5000 characters.');
const short = z.string().trim().max(50);

/** Templates accept Mifumo's `body_text`, or `body` / `content`, for the message text. */
const templateFields = {
  name,
  body_text: body.optional(),
  body: body.optional(),
  content: body.optional(),
  category: short.optional(),
  language: short.optional(),
  channel: z.enum(['sms', 'whatsapp', 'email']).optional(),
  description: z.string().max(1000).optional(),
  is_active: z.boolean().optional(),
  variables: z.array(z.string()).optional(),
};
const withBody = <T extends { body_text?: string; body?: string; content?: string }>(b: T) => ({ ...b, body_text: b.body_text ?? b.body ?? b.content });

export const createTemplateBody = z
  .object(templateFields)
  .refine((b) => b.body_text ?? b.body ?? b.content, { message: 'This field is required.', path: ['body_text'] })
  .transform(withBody);
export const updateTemplateBody = z.object({ ...templateFields, name: name.optional() }).transform(withBody);
export const templateListQuery = z.object({ ...pageQuery, search: z.string().max(200).optional(), category: short.optional(), is_active: boolQuery.optional() });

/** Segments accept seed 004's `filter_json` or `criteria`; unknown criteria fields are refused. */
const segmentFields = {
  name,
  description: z.string().max(1000).optional(),
  filter_json: segmentCriteriaSchema.optional(),
  criteria: segmentCriteriaSchema.optional(),
};
export const createSegmentBody = z.object(segmentFields).transform((b) => ({ ...b, criteria: b.filter_json ?? b.criteria ?? {} }));
export const updateSegmentBody = z.object({ ...segmentFields, name: name.optional() }).transform((b) => ({ ...b, criteria: b.filter_json ?? b.criteria }));
export const segmentListQuery = z.object({ ...pageQuery, search: z.string().max(200).optional() });
