import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses as r } from './messaging.responses.js';
import { principalOf } from '../../http/context.js';
import { createSegment, deleteSegment, getSegment, listSegments, refreshSegmentCount, updateSegment } from '../../../db/messaging/segment-store.js';
import { pathId } from './ids.js';
import { createSegmentBody, segmentListQuery, updateSegmentBody } from './library.schemas.js';
import { ok, paged, windowOf } from './paging.js';

/** Seed 004's `/messaging/segments/`: saved contact criteria with a contact count computed in SQL. */
export function createSegmentsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'messaging: segments', '/api/messaging/segments');

  routes.get('/', { summary: 'The tenant’s segments', query: segmentListQuery, response: r.segments }, async (ctx) => {
    const q = ctx.state.query;
    return ok(paged(ctx, deps.config.publicBaseUrl, q, await listSegments(pool, principalOf(ctx).tenantId, q, windowOf(q))));
  });

  routes.post('/', { summary: 'Create a segment from criteria over tags, opt-in status, is_active and attributes', body: createSegmentBody, response: r.segment, status: 201 }, async (ctx) => {
    const p = principalOf(ctx);
    const segment = await createSegment(pool, p.tenantId, p.userId, ctx.state.body);
    ctx.status = 201;
    return ok(segment, 'Segment created successfully', 201);
  });

  routes.get('/:id/', { summary: 'One segment', response: r.segment }, async (ctx) => ok(await getSegment(pool, principalOf(ctx).tenantId, pathId(ctx, 'Segment'))));

  for (const method of ['put', 'patch'] as const) {
    routes[method]('/:id/', { summary: 'Update a segment; new criteria are recounted', body: updateSegmentBody, response: r.segment }, async (ctx) => {
      return ok(await updateSegment(pool, principalOf(ctx).tenantId, pathId(ctx, 'Segment'), ctx.state.body), 'Segment updated successfully');
    });
  }

  routes.delete('/:id/', { summary: 'Delete a segment', response: r.deleted }, async (ctx) => {
    await deleteSegment(pool, principalOf(ctx).tenantId, pathId(ctx, 'Segment'));
    return ok(null, 'Segment deleted successfully');
  });

  routes.post('/:id/update-count/', { summary: 'Recount the segment’s contacts now', response: r.segment }, async (ctx) => {
    const segment = await refreshSegmentCount(pool, principalOf(ctx).tenantId, pathId(ctx, 'Segment'));
    return ok(segment, 'Segment count updated successfully');
  });

  return routes.router;
}
