import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses as r } from './messaging.responses.js';
import { principalOf } from '../../http/context.js';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from '../../../db/messaging/template-store.js';
import { pathId } from './ids.js';
import { createTemplateBody, templateListQuery, updateTemplateBody } from './library.schemas.js';
import { ok, paged, windowOf } from './paging.js';

/** Seed 004's `/messaging/templates/`: `{{variable}}` texts; unknown variables are refused on save. */
export function createTemplatesRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'messaging: templates', '/api/messaging/templates');

  routes.get('/', { summary: 'The tenant’s templates', query: templateListQuery, response: r.templates }, async (ctx) => {
    const q = ctx.state.query;
    return ok(paged(ctx, deps.config.publicBaseUrl, q, await listTemplates(pool, principalOf(ctx).tenantId, q, windowOf(q))));
  });

  routes.post('/', { summary: 'Create a template (variables: contact fields or attributes.<name>)', body: createTemplateBody, response: r.template, status: 201 }, async (ctx) => {
    const p = principalOf(ctx);
    const b = ctx.state.body;
    const template = await createTemplate(pool, p.tenantId, p.userId, { ...b, name: b.name, body_text: b.body_text! });
    ctx.status = 201;
    return ok(template, 'Template created successfully', 201);
  });

  routes.get('/:id/', { summary: 'One template', response: r.template }, async (ctx) => ok(await getTemplate(pool, principalOf(ctx).tenantId, pathId(ctx, 'Template'))));

  for (const method of ['put', 'patch'] as const) {
    routes[method]('/:id/', { summary: 'Update a template', body: updateTemplateBody, response: r.template }, async (ctx) => {
      return ok(await updateTemplate(pool, principalOf(ctx).tenantId, pathId(ctx, 'Template'), ctx.state.body), 'Template updated successfully');
    });
  }

  routes.delete('/:id/', { summary: 'Delete a template', response: r.deleted }, async (ctx) => {
    await deleteTemplate(pool, principalOf(ctx).tenantId, pathId(ctx, 'Template'));
    return ok(null, 'Template deleted successfully');
  });

  return routes.router;
}
