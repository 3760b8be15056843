import { tenantWorkflowId } from '../domain/shared/tenant-workflow-id.js';
import { tenantWorkflowAttributes } from './search-attributes.js';

/** What names a tenant's workflow: its kind (also the task kind), its tenant and a key unique within both. */
export interface TenantWorkflowKey {
  kind: string;
  tenantId: number;
  id: string | number;
}

/**
 * The workflow id and search attributes of every start of a tenant's workflow: client start,
 * update-with-start, Schedule action and child workflow. Free of client code, so workflows import it too.
 */
export function tenantWorkflowIdentity({ kind, tenantId, id }: TenantWorkflowKey) {
  return { workflowId: tenantWorkflowId(kind, tenantId, id), typedSearchAttributes: tenantWorkflowAttributes(tenantId, kind) };
}
