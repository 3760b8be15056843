import { z } from 'zod';

const phone = z.union([z.string(), z.number().transform(String)]);

export const sendSmsBody = z.object({
  message: z.string({ error: 'This field is required.' }).max(5000, 'Ensure this field has no more than 5000 characters.'),
  recipients: z.array(phone, { error: 'Send a list of phone numbers.' }).min(1, 'Send at least one recipient.').max(1000, 'At most 1000 recipients per request; use a campaign for more.'),
  sender_id: z.string().max(32).nullish(),
});

export const validatePhoneBody = z.object({
  phone_number: phone.pipe(z.string().trim().min(1, 'This field may not be blank.').max(40)),
  country: z.string().trim().toUpperCase().length(2, 'Use an ISO 3166-1 alpha-2 country code.').optional(),
});

export const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) });
