import { tenantWorkflowId } from '../shared/tenant-workflow-id.js';

/** The task kind of a campaign run, and the ids its workflow and its Temporal Schedule are known by. */
export const CAMPAIGN_KIND = 'campaign';
export const campaignWorkflowId = (tenantId: number, campaignId: number) => tenantWorkflowId(CAMPAIGN_KIND, tenantId, campaignId);
export const campaignScheduleId = (tenantId: number, campaignId: number) => tenantWorkflowId(`${CAMPAIGN_KIND}-schedule`, tenantId, campaignId);
