import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { contactBody } from './contact-body.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { notFound, validationError } from '../../../domain/shared/errors.js';
import { b2bWhere } from '../../../db/contacts/b2b-filter.js';
import { listContacts } from '../../../db/contacts/contact-list.js';
import { B2B_LIST_COLUMNS, b2bDetail, b2bListItem, type B2bListRow } from '../../../domain/contacts/contact-views.js';
import { findContact, softDeleteContact, updateContact } from '../../../db/contacts/contact-store.js';
import { createContact } from '../../../app/contacts/contact-creation.js';
import { validateContactInput } from '../../../domain/contacts/contact-input.js';
import { defaultRegionOf } from '../../../db/contacts/tenant-region.js';
import { autocomplete, AUTOCOMPLETE_FIELDS } from '../../../db/contacts/autocomplete.js';
import { exportContacts } from '../../../app/contacts/contact-export.js';
import { amountFilter, idParam, pageField, pageSizeField, repeatedText, textFilter } from './query-fields.js';
import { pageLinks } from './page-links.js';
import { exportBody } from './export-body.js';
import { b2bResponses as r } from './contacts.responses.js';

const listQuery = z.object({
  name_search: textFilter(),
  location: textFilter(),
  industry: repeatedText(),
  email_status: textFilter(50),
  min_employees: amountFilter,
  max_employees: amountFilter,
  min_revenue: amountFilter,
  max_revenue: amountFilter,
  technologies: textFilter(),
  city: textFilter(),
  page: pageField,
  page_size: pageSizeField(50),
});

const autocompleteQuery = z.object({
  field: z.enum(AUTOCOMPLETE_FIELDS, { error: `Choose one of: ${AUTOCOMPLETE_FIELDS.join(', ')}.` }),
  q: z.string().max(100, 'Ensure this field has no more than 100 characters.').optional().default(''),
});


/** Seed 001 (Appointment360) contacts under /api/api/: DRF shapes, raw objects, `{detail}` errors. */
export function createB2bContactsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'contacts (seed 001)', '/api/api');

  const contactOf = async (ctx: AppContext) => {
    const id = idParam(ctx.params.id);
    const contact = id === null ? null : await findContact(pool, principalOf(ctx).tenantId, id);
    if (!contact) throw notFound();
    return contact;
  };
  const validated = async (ctx: AppContext, body: unknown, partial: boolean) => {
    const checked = validateContactInput(body, { defaultRegion: await defaultRegionOf(pool, principalOf(ctx).tenantId), partial });
    if (!checked.ok) throw validationError(checked.errors);
    return checked.row;
  };

  routes.get('/contacts/', { summary: 'Contacts, newest first, filtered and paginated', query: listQuery, response: r.page }, async (ctx) => {
    const q = ctx.state.query;
    const where = b2bWhere(principalOf(ctx).tenantId, {
      nameSearch: q.name_search,
      location: q.location,
      industries: q.industry,
      emailStatus: q.email_status,
      minEmployees: q.min_employees,
      maxEmployees: q.max_employees,
      minRevenue: q.min_revenue,
      maxRevenue: q.max_revenue,
      technologies: q.technologies,
      city: q.city,
    });
    const { rows, count } = await listContacts<B2bListRow>(pool, where, B2B_LIST_COLUMNS, { limit: q.page_size, offset: (q.page - 1) * q.page_size });
    const links = pageLinks(deps.config.publicBaseUrl, ctx.path, ctx.querystring, q.page, q.page_size, count);
    // DRF answers a page past the end with 404 rather than an empty page.
    if (q.page > links.last) throw notFound('Invalid page.');
    return { count, next: links.next, previous: links.previous, results: rows.map(b2bListItem) };
  });

  routes.post(
    '/contacts/',
    { summary: 'Create a contact (a phone or email already used is a field error; Idempotency-Key supported)', body: contactBody, response: r.detail, status: 201 },
    async (ctx) => {
      const row = await validated(ctx, ctx.state.body, false);
      const { contact } = await createContact(pool, principalOf(ctx).tenantId, row, 'reject');
      ctx.status = 201;
      return b2bDetail(contact);
    },
  );

  routes.get('/contacts/autocomplete/', { summary: 'Up to ten distinct values of a field containing q', query: autocompleteQuery, response: r.autocomplete }, async (ctx) => {
    return autocomplete(pool, principalOf(ctx).tenantId, ctx.state.query.field, ctx.state.query.q.trim());
  });

  routes.post('/contacts/export/', { summary: 'Selected contacts as an XLSX data URL, counted against the download limit', body: exportBody, response: r.exported, errors: [404] }, async (ctx) => {
    const { tenantId, userId } = principalOf(ctx);
    return exportContacts(pool, { tenantId, userId, contactIds: ctx.state.body.contact_ids, fields: ctx.state.body.fields });
  });

  routes.get('/contacts/:id/', { summary: 'One contact', response: r.detail }, async (ctx) => b2bDetail(await contactOf(ctx)));

  routes.put('/contacts/:id/', { summary: 'Update a contact (fields given only)', body: contactBody, response: r.detail }, async (ctx) => {
    const contact = await contactOf(ctx);
    const row = await validated(ctx, ctx.state.body, true);
    const updated = await updateContact(pool, principalOf(ctx).tenantId, contact.id, row);
    if (!updated) throw notFound();
    return b2bDetail(updated);
  });

  routes.delete('/contacts/:id/', { summary: 'Delete a contact', response: r.deleted }, async (ctx) => {
    const contact = await contactOf(ctx);
    if (!(await softDeleteContact(pool, principalOf(ctx).tenantId, contact.id))) throw notFound();
    return { success: true, message: 'Contact deleted successfully' };
  });

  return routes.router;
}
