/**
 * The id of a tenant's workflow (and of a campaign's Schedule): `<kind>-t<tenant>-<key>`. Running
 * workflows, stored rows and recorded histories carry ids of this form, so it must never change.
 */
export const tenantWorkflowId = (kind: string, tenantId: number, key: string | number): string => `${kind}-t${tenantId}-${key}`;
