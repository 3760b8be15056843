import type { Principal } from '../../domain/identity/principal.js';
import { businessError, DomainError, fieldError } from '../../domain/shared/errors.js';
import { contactForConversation } from '../../db/messaging/conversation-queries.js';
import { getMessage } from '../../db/messaging/message-queries.js';
import { sendSms, type SmsSendingDeps } from './sms-sending.js';
import { countTemplateUse, getTemplate } from '../../db/messaging/template-store.js';
import { renderTemplate, type TemplateContact } from '../../domain/messaging/templates.js';

export interface OneMessageInput {
  conversationId?: number;
  contactId?: number;
  to?: string;
  text?: string;
  templateId?: number;
  senderId?: string;
}

/**
 * Seed 004's "send message": one SMS into a conversation (to its contact, from its tenant number), to a
 * contact, or to a number, with the text given or rendered from a template for that contact.
 */
export async function sendOneMessage(deps: SmsSendingDeps, principal: Principal, input: OneMessageInput) {
  const { tenantId } = principal;
  let to = input.to;
  let senderId = input.senderId;
  if (input.conversationId !== undefined) {
    const { rows } = await deps.pool.query<{ contact_number: string; tenant_number: string }>('select contact_number, tenant_number from conversations where tenant_id = $1 and id = $2', [tenantId, input.conversationId]);
    if (!rows[0]) throw fieldError('conversation', 'Conversation not found.');
    to = rows[0].contact_number;
    senderId ??= rows[0].tenant_number || undefined;
  } else if (input.contactId !== undefined) {
    to = (await contactForConversation(deps.pool, tenantId, input.contactId)).phone;
  }
  let text = input.text;
  if (input.templateId !== undefined) {
    const template = await getTemplate(deps.pool, tenantId, input.templateId).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') throw businessError('TEMPLATE_NOT_FOUND', 'Template not found.', { fields: { template: ['Template not found.'] } });
      throw err;
    });
    text = input.text ?? renderTemplate(template.body_text, await templateContact(deps, tenantId, to!));
  }
  const result = await sendSms(deps, principal, { message: text ?? '', recipients: [to!], senderId, templateId: input.templateId });
  if (input.templateId !== undefined) await countTemplateUse(deps.pool, tenantId, input.templateId);
  return getMessage(deps.pool, tenantId, String(result.message_ids[0]));
}

async function templateContact(deps: SmsSendingDeps, tenantId: number, phone: string): Promise<TemplateContact> {
  const { rows } = await deps.pool.query<TemplateContact>(
    `select first_name, last_name, full_name, phone_e164, email, company, title, city, state, country, industry, website, attributes
     from contacts where tenant_id = $1 and phone_e164 = $2 and deleted_at is null`,
    [tenantId, phone],
  );
  return rows[0] ?? { phone_e164: phone };
}
