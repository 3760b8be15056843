import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTenant } from '../db/tenant-scope.js';
import { TENANT_HEADER } from './search-attributes.js';

/** Bundled with the workflows: stamps each scheduled activity with its workflow's tenant. */
export const tenantPropagationModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../workflows/shared/tenant-propagation.ts');

/** Runs each activity in the tenant scope its header names; an activity without one runs unscoped. */
export const tenantScopeInterceptors: ActivityInterceptorsFactory = () => ({ inbound: new TenantScopeInbound() });

class TenantScopeInbound implements ActivityInboundCallsInterceptor {
  execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const header = input.headers[TENANT_HEADER];
    const tenantId = header ? Number(defaultPayloadConverter.fromPayload(header)) : NaN;
    return Number.isSafeInteger(tenantId) && tenantId > 0 ? withTenant(tenantId, () => next(input)) : next(input);
  }
}
