import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The tenant whose rows the current async flow may see. Set once at each boundary (an authenticated
 * request, an activity of a tenant's workflow, a webhook after routing) and read by the pool in
 * `scoped-pool.ts`, which hands every connection out with `app.tenant_id` set to it: row-level
 * security then scopes every statement, whatever its `where` says.
 */
const scope = new AsyncLocalStorage<{ tenantId: number }>();

export function withTenant<T>(tenantId: number, work: () => Promise<T>): Promise<T> {
  if (!Number.isSafeInteger(tenantId) || tenantId <= 0) throw new Error(`withTenant: not a tenant id: ${tenantId}`);
  return scope.run({ tenantId }, work);
}

/** The scoped tenant, or undefined outside every scope (where tenant-owned tables show no rows). */
export function currentTenantId(): number | undefined {
  return scope.getStore()?.tenantId;
}
