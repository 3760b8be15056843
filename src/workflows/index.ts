/** Every workflow the worker runs; one file per workflow. */
export {};
export { phoneGenerationWorkflow } from './phone-generation.workflow.js';
export { phoneValidationWorkflow } from './phone-validation.workflow.js';
export { contactImportWorkflow } from './contact-import.workflow.js';
export { campaignWorkflow } from './campaign.workflow.js';
export { channelPurchaseWorkflow } from './channel-purchase.workflow.js';
export { channelReleaseWorkflow } from './channel-release.workflow.js';
export { subscriptionWorkflow } from './subscription.workflow.js';
export { smsAgentWorkflow } from './sms-agent.workflow.js';
export { broadcastWorkflow } from './broadcast.workflow.js';
export { housekeepingWorkflow } from './housekeeping.workflow.js';
export { outboxEmailWorkflow } from './outbox-email.workflow.js';
