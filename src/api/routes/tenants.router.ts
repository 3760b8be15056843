import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf, type AppContext } from '../http/context.js';
import { notFound } from '../../domain/shared/errors.js';
import { TenantService } from '../../app/tenancy/tenant-service.js';
import { TenantMembers } from '../../app/tenancy/tenant-members.js';
import { InvitationStore } from '../../db/tenancy/invitation-store.js';
import { TenantInvitations } from '../../app/tenancy/tenant-invitations.js';
import { acceptInvitationBody, addMemberBody, createTenantBody, pageQuery, switchTenantBody, updateTenantBody } from './tenants/tenants.schemas.js';
import { pageLinks } from './tenants/page-links.js';
import { tenantResponses as r } from './tenants/tenants.responses.js';

const ok = (data: unknown, message?: string, status = 200) => ({ success: true, status, ...(message ? { message } : {}), data });

/** A path id that is not a plain integer names no tenant: 404, like any tenant the caller is not in. */
function idParam(ctx: AppContext, name = 'id'): number {
  const raw = ctx.params[name] ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw notFound('Tenant not found.');
  return Number(raw);
}

/** Seed 004's tenants: the caller's memberships, tenant settings, switching, and members. */
export function createTenantsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const tenants = new TenantService(deps.db.pool);
  const members = new TenantMembers(deps.db.pool, tenants);
  const invitations = new TenantInvitations(deps.db.pool, tenants, new InvitationStore(deps.db.pool), deps.mailer, deps.config.publicBaseUrl);
  const routes = new Routes(docs, 'tenants', '/api/tenants');

  routes.get('/', { summary: 'The caller’s tenants with their role and which one is active', query: pageQuery, response: r.page }, async (ctx) => {
    const { page, page_size } = ctx.state.query;
    const { rows, count } = await tenants.listFor(principalOf(ctx).userId, { limit: page_size, offset: (page - 1) * page_size });
    return ok({ results: rows, count, ...pageLinks(ctx, deps.config.publicBaseUrl, page, page_size, count) });
  });

  routes.post('/', { summary: 'Create a tenant; the caller becomes its owner', body: createTenantBody, response: r.one, status: 201 }, async (ctx) => {
    const b = ctx.state.body;
    const tenant = await tenants.create(principalOf(ctx).userId, { name: b.name, slug: b.slug, defaultRegion: b.default_region, settings: b.settings });
    ctx.status = 201;
    return ok(tenant, 'Tenant created successfully', 201);
  });

  routes.post('/switch/', { summary: 'Make a tenant the caller’s active tenant', body: switchTenantBody, response: r.one, errors: [404] }, async (ctx) => {
    const tenant = await tenants.switchTo(principalOf(ctx).userId, ctx.state.body.tenant_id);
    return ok(tenant, `Switched to ${tenant.name}`);
  });

  routes.get('/:id/', { summary: 'A tenant the caller belongs to', response: r.one }, async (ctx) => ok(await tenants.get(principalOf(ctx).userId, idParam(ctx))));

  for (const method of ['put', 'patch'] as const) {
    routes[method]('/:id/', { summary: 'Update a tenant (owner or admin)', body: updateTenantBody, response: r.one }, async (ctx) => {
      const b = ctx.state.body;
      const tenant = await tenants.update(principalOf(ctx).userId, idParam(ctx), { name: b.name, slug: b.slug, defaultRegion: b.default_region, settings: b.settings });
      return ok(tenant, 'Tenant updated successfully');
    });
  }

  routes.get('/:id/members/', { summary: 'Members of a tenant the caller belongs to', response: r.members }, async (ctx) => {
    const results = await members.list(principalOf(ctx).userId, idParam(ctx));
    return ok({ results, count: results.length, next: null, previous: null });
  });

  routes.post('/:id/members/', { summary: 'Invite by email (owner or admin); the same answer whether or not the email has an account', body: addMemberBody, response: r.invited, status: 201 }, async (ctx) => {
    const invitation = await invitations.invite(principalOf(ctx).userId, idParam(ctx), ctx.state.body.email, ctx.state.body.role);
    ctx.status = 201;
    return ok(invitation, 'Invitation sent', 201);
  });

  routes.post('/invitations/accept/', { summary: 'Join the tenant an emailed invitation names (signed in as the invited email)', body: acceptInvitationBody, response: r.one, errors: [404] }, async (ctx) => {
    const tenant = await invitations.accept(principalOf(ctx).userId, ctx.state.body.token);
    return ok(tenant, `Joined ${tenant.name}`);
  });

  routes.delete('/:id/members/:userId/', { summary: 'Remove a member (owner or admin; members may leave)', response: r.removed }, async (ctx) => {
    await members.remove(principalOf(ctx).userId, idParam(ctx), idParam(ctx, 'userId'));
    return ok(null, 'Member removed successfully');
  });

  return routes.router;
}
