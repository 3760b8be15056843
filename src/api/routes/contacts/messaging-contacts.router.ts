import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { contactBody } from './contact-body.js';
import { messagingContactResponses as r } from './contacts.responses.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { mifumoOk } from '../../http/envelopes.js';
import { notFound, validationError } from '../../../domain/shared/errors.js';
import { messagingWhere } from '../../../db/contacts/messaging-filter.js';
import { listContacts } from '../../../db/contacts/contact-list.js';
import { messagingContact } from '../../../domain/contacts/contact-views.js';
import type { ContactRecord } from '../../../domain/contacts/contact-record.js';
import { findContact, optIn, optOut, softDeleteContact, updateContact } from '../../../db/contacts/contact-store.js';
import { createContact } from '../../../app/contacts/contact-creation.js';
import { validateContactInput } from '../../../domain/contacts/contact-input.js';
import { defaultRegionOf } from '../../../db/contacts/tenant-region.js';
import { booleanFilter, idParam, pageField, pageSizeField, repeatedText, textFilter } from './query-fields.js';
import { pageLinks } from './page-links.js';

const listQuery = z.object({
  search: textFilter(),
  is_active: booleanFilter,
  is_opted_in: booleanFilter,
  tag: repeatedText(64),
  page: pageField,
  page_size: pageSizeField(20),
});
const optOutBody = z.object({ reason: z.string().trim().max(500, 'Ensure this field has no more than 500 characters.').nullish() });

/** Seed 004 (Mifumo) contacts under /api/messaging/contacts/: `{success, data}` envelope, upsert by phone or email. */
export function createMessagingContactsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'contacts (seed 004)', '/api/messaging/contacts');

  const contactOf = async (ctx: AppContext): Promise<ContactRecord> => {
    const id = idParam(ctx.params.id);
    const contact = id === null ? null : await findContact(pool, principalOf(ctx).tenantId, id);
    if (!contact) throw notFound('Contact not found.');
    return contact;
  };
  const validated = async (ctx: AppContext, partial: boolean) => {
    const checked = validateContactInput(ctx.state.body, { defaultRegion: await defaultRegionOf(pool, principalOf(ctx).tenantId), partial });
    if (!checked.ok) throw validationError(checked.errors);
    return checked.row;
  };

  routes.get('/', { summary: 'Contacts, newest first: search, status and tag filters', query: listQuery, response: r.page }, async (ctx) => {
    const q = ctx.state.query;
    const where = messagingWhere(principalOf(ctx).tenantId, { search: q.search, isActive: q.is_active, isOptedIn: q.is_opted_in, tags: q.tag });
    const { rows, count } = await listContacts<ContactRecord>(pool, where, 'c.*', { limit: q.page_size, offset: (q.page - 1) * q.page_size });
    const links = pageLinks(deps.config.publicBaseUrl, ctx.path, ctx.querystring, q.page, q.page_size, count);
    return mifumoOk({ results: rows.map(messagingContact), count, next: links.next, previous: links.previous });
  });

  routes.post(
    '/',
    { summary: 'Create a contact, or update the one with the same phone_e164 or email (Idempotency-Key supported)', body: contactBody, responses: { 200: r.upserted, 201: r.upserted } },
    async (ctx) => {
      const row = await validated(ctx, false);
      const { tenantId } = principalOf(ctx);
      const { status, contact } = await createContact(pool, tenantId, row, 'update');
      const upserted = status === 'updated';
      ctx.status = upserted ? 200 : 201;
      return { ...mifumoOk({ ...messagingContact(contact), upserted }), status: ctx.status };
    },
  );

  routes.get('/:id/', { summary: 'One contact', response: r.one }, async (ctx) => mifumoOk(messagingContact(await contactOf(ctx))));

  routes.put('/:id/', { summary: 'Update a contact (fields given only; tags and attributes are replaced)', body: contactBody, response: r.one }, async (ctx) => {
    const contact = await contactOf(ctx);
    const updated = await updateContact(pool, principalOf(ctx).tenantId, contact.id, await validated(ctx, true));
    if (!updated) throw notFound('Contact not found.');
    return mifumoOk(messagingContact(updated));
  });

  routes.delete('/:id/', { summary: 'Soft-delete a contact', response: r.deleted }, async (ctx) => {
    const contact = await contactOf(ctx);
    if (!(await softDeleteContact(pool, principalOf(ctx).tenantId, contact.id))) throw notFound('Contact not found.');
    return { success: true, status: 200, message: 'Contact deleted successfully' };
  });

  routes.post('/:id/opt-in/', { summary: 'Record consent', response: r.optedIn }, async (ctx) => {
    const contact = await contactOf(ctx);
    const c = await optIn(pool, principalOf(ctx).tenantId, contact.id);
    if (!c) throw notFound('Contact not found.');
    return mifumoOk({ id: c.id, is_opted_in: c.is_opted_in, opt_in_at: c.opt_in_at }, 'Contact opted in successfully');
  });

  routes.post('/:id/opt-out/', { summary: 'Withdraw consent, with a reason', body: optOutBody, response: r.optedOut }, async (ctx) => {
    const contact = await contactOf(ctx);
    const c = await optOut(pool, principalOf(ctx).tenantId, contact.id, ctx.state.body.reason || null);
    if (!c) throw notFound('Contact not found.');
    return mifumoOk({ id: c.id, is_opted_in: c.is_opted_in, opt_out_reason: c.opt_out_reason, opt_out_at: c.opt_out_at }, 'Contact opted out successfully');
  });

  return routes.router;
}
