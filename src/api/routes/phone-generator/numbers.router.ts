import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { phoneOk } from '../../http/envelopes.js';
import { listNumbers } from '../../../db/phone-inventory/number-queries.js';
import { toNumberView, NUMBER_STATUSES } from '../../../domain/phone-inventory/number-view.js';
import type { NumberFilter } from '../../../domain/phone-inventory/number-filter.js';
import { exportNumbersCsv } from '../../../db/phone-inventory/number-export.js';
import { clearUnusableNumbers, deleteAllNumbers, deleteSelectedNumbers } from '../../../db/phone-inventory/number-deletion.js';
import { assertCallerUserId } from './caller.js';
import { areaCodeField, choiceField, dateField, digitsSearchField, optionalText, userIdField } from './query-fields.js';
import { pagingFields, paginationView, windowOf } from './pagination.js';
import { rejoinBareAmpersands } from './bare-ampersands.js';
import { responses } from './phone.responses.js';

const listQuery = z.object({
  user_id: userIdField,
  project_id: optionalText(),
  search: digitsSearchField,
  date: dateField,
  status: choiceField(NUMBER_STATUSES),
  ...pagingFields(50, 1000),
});
const validQuery = listQuery.omit({ status: true });
const scopeQuery = z.object({ user_id: userIdField, project_id: optionalText() });
const downloadQuery = z.object({
  user_id: userIdField,
  project_id: optionalText(),
  carrier: optionalText(100),
  code: areaCodeField,
  status: choiceField([...NUMBER_STATUSES, 'all'] as const),
});
const callerQuery = z.object({ user_id: userIdField });
const MAX_SELECTED = 10_000;
const selectedId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/).transform(Number)], { error: 'A valid integer is required.' });
const deleteBody = z.object({
  selectedNumbers: z
    .array(selectedId, { error: 'Expected a list of items.' })
    .min(1, 'This list may not be empty.')
    .max(MAX_SELECTED, `Ensure this field has no more than ${MAX_SELECTED} elements.`),
});

/**
 * Seed 000 number endpoints. Numbers belong to the tenant (and a project inside it), not to the member who
 * generated them, so every read and delete is scoped by tenant; `user_id` only has to name the caller.
 */
export function createPhoneNumbersRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'phone-generator', '/api/phone-generator');
  const caller = (ctx: AppContext, userId: string) => {
    const principal = principalOf(ctx);
    assertCallerUserId(principal, userId);
    return principal;
  };

  const page = async (tenantId: number, filter: NumberFilter, p: { page: number; page_size: number }) => {
    const { rows, count } = await listNumbers(pool, tenantId, filter, windowOf(p.page, p.page_size));
    return phoneOk({ numbers: rows.map(toNumberView), pagination: paginationView(p.page, p.page_size, count) });
  };

  routes.get('/list-numbers/', { summary: "The tenant's numbers, newest first", query: listQuery, response: responses.numberPage }, async (ctx) => {
    const q = ctx.state.query;
    const { tenantId } = caller(ctx, q.user_id);
    return page(tenantId, { projectId: q.project_id, digits: q.search, createdOn: q.date, status: q.status }, q);
  });

  routes.get('/get-valid-numbers/', { summary: "The tenant's valid numbers, newest first", query: validQuery, response: responses.numberPage }, async (ctx) => {
    const q = ctx.state.query;
    const { tenantId } = caller(ctx, q.user_id);
    return page(tenantId, { projectId: q.project_id, digits: q.search, createdOn: q.date, status: 'valid' }, q);
  });

  routes.get(
    '/download-numbers/',
    { summary: 'Numbers as CSV: every status unless status narrows it; carrier and area-code (code) filters', query: downloadQuery, responses: { 200: responses.csv } },
    async (ctx) => {
      const q = ctx.state.query;
      const { tenantId } = caller(ctx, q.user_id);
      // Every number the filters select, whatever its status, as seed 000's "Download Numbers" reads;
      // status narrows it (status=all is the default, kept for clients that send it).
      const status = q.status === 'all' ? undefined : q.status;
      const csv = await exportNumbersCsv(pool, tenantId, { projectId: q.project_id, carrier: q.carrier, areaCode: q.code, status });
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="phone_numbers_${new Date().toISOString().slice(0, 10)}.csv"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = csv;
    },
    rejoinBareAmpersands(),
  );

  routes.get('/clear-numbers/', { summary: 'Delete invalid numbers and valid numbers that are not mobile', query: scopeQuery, response: responses.cleared }, async (ctx) => {
    const q = ctx.state.query;
    const { tenantId } = caller(ctx, q.user_id);
    return phoneOk(await clearUnusableNumbers(pool, tenantId, q.project_id), 'Numbers cleared');
  });

  routes.get('/delete-all/', { summary: "Delete all the tenant's numbers, or one project's", query: scopeQuery, response: responses.deleted }, async (ctx) => {
    const q = ctx.state.query;
    const { tenantId } = caller(ctx, q.user_id);
    return phoneOk({ deleted_count: await deleteAllNumbers(pool, tenantId, q.project_id) }, 'All numbers deleted');
  });

  routes.post('/delete-numbers/', { summary: 'Delete the selected numbers, all or none', query: callerQuery, body: deleteBody, response: responses.deleted, errors: [404] }, async (ctx) => {
    const { tenantId } = caller(ctx, ctx.state.query.user_id);
    return phoneOk({ deleted_count: await deleteSelectedNumbers(pool, tenantId, ctx.state.body.selectedNumbers) }, 'Numbers deleted');
  });

  return routes.router;
}
