import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { phoneOk } from '../../http/envelopes.js';
import { TaskService } from '../../../app/tasks/task-service.js';
import { ValidationService, type StartedValidation, type ValidationRequest } from '../../../app/phone/validation-service.js';
import { SYNCHRONOUS_LIMIT } from '../../../domain/phone/job-sizing.js';
import { assertCallerUserId } from './caller.js';
import { batchSizeBodyField, optionalProjectIdBodyField, phoneIdsBodyField, requiredInDocs, userIdBodyField } from './generation-fields.js';
import { awaitTask } from './task-outcome.js';
import { jobResponses } from './phone.responses.js';

const enhancedFields = z.object({
  user_id: userIdBodyField,
  project_id: optionalProjectIdBodyField,
  phone_ids: phoneIdsBodyField(false),
  batch_size: batchSizeBodyField,
});
const enhancedBody = requiredInDocs(enhancedFields, ['user_id']);
const bulkBody = requiredInDocs(enhancedFields.extend({ phone_ids: phoneIdsBodyField(true) }), ['user_id', 'phone_ids']);
type Body = z.output<typeof enhancedBody>;

/** Seed 000 validation endpoints: each pending number becomes valid or invalid with carrier and line type. */
export function createPhoneValidationRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const tasks = new TaskService(deps.db.pool, deps.temporal);
  const validation = new ValidationService(deps.db.pool, tasks, {
    taskQueue: deps.config.temporal.taskQueues.bulk,
    liveLookups: Boolean(deps.config.twilio.accountSid && deps.config.twilio.authToken),
  });
  const routes = new Routes(docs, 'phone-generator', '/api/phone-generator');

  const start = async (ctx: AppContext, body: Body) => {
    const principal = principalOf(ctx);
    assertCallerUserId(principal, body.user_id);
    const req: ValidationRequest = { tenantId: principal.tenantId, userId: principal.userId, projectId: body.project_id, phoneIds: body.phone_ids, batchSize: body.batch_size };
    return { req, started: await validation.start(req) };
  };
  const startedView = (req: ValidationRequest, started: StartedValidation) => ({
    task_id: started.task.task_id,
    total_numbers: started.totalNumbers,
    batch_size: req.batchSize,
    project_id: req.projectId,
    estimated_time: started.estimatedTime,
  });

  routes.post('/validate-numbers-enhanced/', { summary: 'Validate pending numbers in the background', body: enhancedBody, response: jobResponses.validationStarted, status: 202, errors: [404] }, async (ctx) => {
    const { req, started } = await start(ctx, ctx.state.body);
    ctx.status = 202;
    return phoneOk(startedView(req, started), 'Phone number validation started');
  });

  routes.post('/bulk-validate/', { summary: 'Validate specific numbers by id in the background', body: bulkBody, response: jobResponses.validationStarted, status: 202, errors: [404] }, async (ctx) => {
    const { req, started } = await start(ctx, ctx.state.body);
    ctx.status = 202;
    return phoneOk({ ...startedView(req, started), requested_ids: req.phoneIds!.length }, 'Phone number validation started');
  });

  routes.post('/validate-numbers/', { summary: 'Legacy: validate pending numbers, synchronously below 10,000', body: enhancedBody, responses: { 200: jobResponses.validated, 202: jobResponses.validationStarted }, errors: [404] }, async (ctx) => {
    const { req, started } = await start(ctx, ctx.state.body);
    const done = started.totalNumbers < SYNCHRONOUS_LIMIT ? await awaitTask(deps.temporal, tasks, started.task) : null;
    if (!done) {
      ctx.status = 202;
      return phoneOk(startedView(req, started), 'Phone number validation started');
    }
    return phoneOk({ task_id: done.task_id, status: done.status, total_numbers: started.totalNumbers, ...done.result }, 'Phone numbers validated successfully');
  });

  return routes.router;
}
