import { z } from 'zod';
import { CONVERSATION_STATUSES } from '../../../db/messaging/conversation-queries.js';
import { boolQuery, idValue, pageQuery } from './paging.js';

const phone = z.union([z.string().trim().min(1).max(40), z.number().transform(String)]);
const text = z.string().max(5000, 'Ensure this field has no more than 5000 characters.');

export const conversationListQuery = z.object({
  ...pageQuery,
  status: z.enum(CONVERSATION_STATUSES).optional(),
  search: z.string().max(200).optional(),
  contact: idValue.optional(),
});

/** A conversation is opened with a contact (by id) or a phone number, from one of the tenant's senders. */
export const createConversationBody = z
  .object({
    contact: idValue.optional(),
    contact_id: idValue.optional(),
    phone: phone.optional(),
    contact_phone: phone.optional(),
    sender_id: z.string().max(32).optional(),
    subject: z.string().max(500).optional(),
  })
  .transform((b) => ({ contactId: b.contact ?? b.contact_id, phone: b.phone ?? b.contact_phone, senderId: b.sender_id, subject: b.subject }))
  .refine((b) => b.contactId !== undefined || b.phone !== undefined, { message: 'Give a contact id or a phone number.', path: ['contact'] });

export const updateConversationBody = z.object({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  subject: z.string().max(500).optional(),
  assigned_to: idValue.nullable().optional(),
  metadata: z.record(z.string().max(100), z.unknown()).optional(),
  unread_count: z.number().int().min(0).optional(),
  mark_read: z.boolean().optional(),
});

export const messageListQuery = z.object({
  ...pageQuery,
  conversation: idValue.optional(),
  contact: idValue.optional(),
  campaign: idValue.optional(),
  direction: z.enum(['outbound', 'inbound']).optional(),
  status: z.string().max(20).optional(),
  search: z.string().max(100).optional(),
});

/** One message: to a conversation, a contact or a number; its text given or rendered from a template. */
export const sendMessageBody = z
  .object({
    conversation: idValue.optional(),
    conversation_id: idValue.optional(),
    contact: idValue.optional(),
    to: phone.optional(),
    text: text.optional(),
    message: text.optional(),
    body: text.optional(),
    template: idValue.optional(),
    template_id: idValue.optional(),
    sender_id: z.string().max(32).optional(),
  })
  .transform((b) => ({
    conversationId: b.conversation ?? b.conversation_id,
    contactId: b.contact,
    to: b.to,
    text: b.text ?? b.message ?? b.body,
    templateId: b.template ?? b.template_id,
    senderId: b.sender_id,
  }))
  .refine((b) => b.conversationId !== undefined || b.contactId !== undefined || b.to !== undefined, { message: 'Give a conversation, a contact or a "to" number.', path: ['conversation'] })
  .refine((b) => b.text !== undefined || b.templateId !== undefined, { message: 'This field is required.', path: ['text'] });
