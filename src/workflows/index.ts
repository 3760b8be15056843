/** Every workflow the worker runs; one file per workflow. */
export {};
export { contactImportWorkflow } from './contact-import.workflow.js';
export { campaignWorkflow } from './campaign.workflow.js';
