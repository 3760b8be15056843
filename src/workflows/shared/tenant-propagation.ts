import {
  defaultPayloadConverter,
  workflowInfo,
  type ActivityInput,
  type LocalActivityInput,
  type Next,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { TENANT_HEADER, TENANT_KEY } from '../../temporal/search-attributes.js';

/**
 * Workflow interceptors: every activity a workflow schedules carries its tenant (the workflow's
 * SwitchboardTenant search attribute, set by whoever started it) in a header, which the worker's
 * activity interceptor turns into the tenant scope of the activity's database work.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({ outbound: [new TenantPropagation()] });

class TenantPropagation implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    return next({ ...input, headers: withTenant(input.headers) });
  }

  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>) {
    return next({ ...input, headers: withTenant(input.headers) });
  }
}

function withTenant<H extends Record<string, unknown>>(headers: H): H {
  const tenant = workflowInfo().typedSearchAttributes.get(TENANT_KEY);
  return tenant ? { ...headers, [TENANT_HEADER]: defaultPayloadConverter.toPayload(tenant) } : headers;
}
