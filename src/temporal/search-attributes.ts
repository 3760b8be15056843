import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Registered on the dev server at start and by `ensureSearchAttributes` elsewhere; operators filter on them. */
export const SEARCH_ATTRIBUTES = { SwitchboardTenant: 'Keyword', SwitchboardTaskKind: 'Keyword' } as const;

export const TENANT_KEY = defineSearchAttributeKey('SwitchboardTenant', SearchAttributeType.KEYWORD);
export const TASK_KIND_KEY = defineSearchAttributeKey('SwitchboardTaskKind', SearchAttributeType.KEYWORD);

/** The header every activity of a tenant's workflow carries (src/workflows/shared/tenant-propagation.ts). */
export const TENANT_HEADER = 'switchboard-tenant';

/** The search attributes of a tenant's workflow; its activities run in the tenant they name. */
export const tenantWorkflowAttributes = (tenantId: number, kind: string) => [
  { key: TENANT_KEY, value: String(tenantId) },
  { key: TASK_KIND_KEY, value: kind },
];
