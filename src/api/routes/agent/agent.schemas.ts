import { z } from 'zod';
import { filterInstant } from '../../http/date-filters.js';
import { phoneNumberField, preferencesField, tierField, timezoneField } from '../../../domain/agent/agent-user-fields.js';
import { CATEGORIES } from '../../../domain/agent/categories.js';

const optionalText = (max: number) => z.string().trim().max(max).nullish();
const email = z.string().trim().email('Enter a valid email address.').max(254).nullish();
const isoDate = filterInstant();
const bool = z.enum(['true', 'false', 'True', 'False', '1', '0'], { error: 'Must be true or false.' }).transform((v) => v === 'true' || v === 'True' || v === '1');

export const paging = {
  page: z.coerce.number({ error: 'A valid integer is required.' }).int().min(1, 'Must be 1 or more.').default(1),
  page_size: z.coerce.number({ error: 'A valid integer is required.' }).int().min(1, 'Must be 1 or more.').max(100, 'Must be at most 100.').default(20),
};

export const createUserBody = z.object({
  phone_number: phoneNumberField,
  tier: tierField.default('free'),
  email,
  full_name: optionalText(200),
  timezone: timezoneField.default('UTC'),
  preferences: preferencesField.default({}),
});

export const updateUserBody = z.object({
  tier: tierField.optional(),
  email,
  full_name: optionalText(200),
  timezone: timezoneField.optional(),
  preferences: preferencesField.optional(),
});

export const updateTierBody = z.object({ tier: tierField, reason: z.string().trim().max(500).nullish() });

export const sendMessageBody = z.object({
  message: z.string().trim().min(1, 'This field may not be blank.').max(1600, 'Ensure this field has no more than 1600 characters.'),
  message_type: z.string().trim().max(32).default('notification'),
});

export const usersQuery = z.looseObject({ ...paging, tier: tierField.optional() });

const category = z.enum(CATEGORIES, { error: `Must be one of: ${CATEGORIES.join(', ')}` });

export const tasksQuery = z.looseObject({
  ...paging,
  user_phone: phoneNumberField.optional(),
  category: z.string().trim().max(32).optional(),
  success: bool.optional(),
  created_after: isoDate.optional(),
  created_before: isoDate.optional(),
});

export const createTaskBody = z.object({
  user_phone: phoneNumberField,
  sms_content: z.string().trim().min(1, 'This field may not be blank.').max(1600, 'Ensure this field has no more than 1600 characters.'),
  category: category.optional(),
});

export const taskAnalyticsQuery = z.looseObject({
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  user_phone: phoneNumberField.optional(),
  category: z.string().trim().max(32).optional(),
});

export const userAnalyticsQuery = z.looseObject({ tier: tierField.optional(), start_date: isoDate.optional(), end_date: isoDate.optional() });

export const broadcastBody = z.object({
  message: z.string().trim().min(1, 'This field may not be blank.').max(1600, 'Ensure this field has no more than 1600 characters.'),
  tier_filter: z.array(tierField).min(1, 'Choose at least one tier.').default(['free', 'premium', 'enterprise']),
  message_type: z.string().trim().max(32).default('announcement'),
});

export const errorLogsQuery = z.looseObject({
  ...paging,
  error_type: z.string().trim().max(64).optional(),
  resolved: bool.optional(),
  user_phone: phoneNumberField.optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
});

export const resolveErrorBody = z.object({ resolved: z.boolean().optional(), resolution_notes: z.string().trim().max(5000).nullish() });
