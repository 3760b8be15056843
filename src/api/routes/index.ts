import type Router from '@koa/router';
import type { ApiDeps } from '../deps.js';
import type { AppState } from '../http/context.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { createSystemRouter } from './system.router.js';
import { createPhoneTasksRouter } from './phone-generator/tasks.router.js';
import { createPhoneNumbersRouter } from './phone-generator/numbers.router.js';
import { createPhoneStatisticsRouter } from './phone-generator/statistics.router.js';
import { createAuthRouter } from './auth.router.js';
import { createTenantsRouter } from './tenants.router.js';
import { createB2bContactsRouter } from './contacts/b2b-contacts.router.js';
import { createB2bReferenceRouter } from './contacts/b2b-reference.router.js';
import { createBulkImportRouter } from './contacts/bulk-import.router.js';
import { createMessagingContactsRouter } from './contacts/messaging-contacts.router.js';
import { createUploadsRouter } from './uploads/uploads.router.js';
import { createMessagingRouters } from './messaging/index.js';
import { createCampaignsRouters } from './campaigns.router.js';
import { createPhoneGenerationRouter } from './phone-generator/generation.router.js';
import { createPhoneValidationRouter } from './phone-generator/validation.router.js';
import { createChannelsRouter } from './channels.router.js';
import { createPaymentsRouter } from './payments.router.js';
import { createBillingRouter } from './billing.router.js';
import { createAgentRouters } from './agent/index.js';
import { createConsoleApiRouter } from '../console/console-api.router.js';
import { createDevOutboxRouter } from './dev-outbox.router.js';

/** Every capability's router, in mount order. */
export function createRouters(deps: ApiDeps, docs: OpenApiCollector): Router<AppState>[] {
  return [
    createSystemRouter(deps, docs),
    createPhoneTasksRouter(deps, docs),
    createPhoneNumbersRouter(deps, docs),
    createPhoneStatisticsRouter(deps, docs),
    createAuthRouter(deps, docs),
    createTenantsRouter(deps, docs),
    createB2bContactsRouter(deps, docs),
    createB2bReferenceRouter(deps, docs),
    createBulkImportRouter(deps, docs),
    createMessagingContactsRouter(deps, docs),
    createUploadsRouter(deps, docs),
    ...createMessagingRouters(deps, docs),
    ...createCampaignsRouters(deps, docs),
    createPhoneGenerationRouter(deps, docs),
    createPhoneValidationRouter(deps, docs),
    createChannelsRouter(deps, docs),
    createPaymentsRouter(deps, docs),
    createBillingRouter(deps, docs),
    ...createAgentRouters(deps, docs),
    createConsoleApiRouter(deps, docs),
    ...(deps.config.env === 'production' ? [] : [createDevOutboxRouter(deps, docs)]),
  ];
}
