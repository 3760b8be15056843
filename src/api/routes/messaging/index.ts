import type Router from '@koa/router';
import type { ApiDeps } from '../../deps.js';
import type { AppState } from '../../http/context.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { createConversationsRouter } from './conversations.router.js';
import { createMessagesRouter } from './messages.router.js';
import { createMessagingServices } from './messaging-services.js';
import { createNumbersRouter } from './numbers.router.js';
import { createSegmentsRouter } from './segments.router.js';
import { createSenderIdsRouter } from './sender-ids.router.js';
import { createSmsRouter } from './sms.router.js';
import { createTemplatesRouter } from './templates.router.js';
import { createWebhooksRouter } from './webhooks.router.js';

/** Seed 004's messaging (SMS, templates, segments, conversations, messages) and the Twilio webhooks. */
export function createMessagingRouters(deps: ApiDeps, docs: OpenApiCollector): Router<AppState>[] {
  const services = createMessagingServices(deps);
  return [
    createSmsRouter(deps, docs, services),
    createTemplatesRouter(deps, docs),
    createSegmentsRouter(deps, docs),
    createConversationsRouter(deps, docs),
    createMessagesRouter(deps, docs, services),
    createNumbersRouter(deps, docs, services),
    createSenderIdsRouter(deps, docs),
    createWebhooksRouter(deps, docs, services),
  ];
}
