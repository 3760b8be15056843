import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { phoneOk } from '../../http/envelopes.js';
import { TaskService } from '../../../app/tasks/task-service.js';
import { GenerationService, type GenerationRequest } from '../../../app/phone/generation-service.js';
import { SYNCHRONOUS_LIMIT } from '../../../domain/phone/job-sizing.js';
import { assertCallerUserId } from './caller.js';
import {
  areaCodeBodyField,
  batchSizeBodyField,
  booleanBodyField,
  carrierFilterBodyField,
  projectIdBodyField,
  quantityBodyField,
  requiredInDocs,
  typeFilterBodyField,
  userIdBodyField,
} from './generation-fields.js';
import { awaitTask } from './task-outcome.js';
import { jobResponses } from './phone.responses.js';

const generateFields = z.object({
  user_id: userIdBodyField,
  project_id: projectIdBodyField,
  area_code: areaCodeBodyField,
  quantity: quantityBodyField,
  batch_size: batchSizeBodyField,
  carrier_filter: carrierFilterBodyField,
  type_filter: typeFilterBodyField,
});
const REQUIRED = ['user_id', 'area_code', 'quantity'];
const generateBody = requiredInDocs(generateFields, REQUIRED);
const configBody = requiredInDocs(generateFields.extend({ auto_validate: booleanBodyField }), REQUIRED);
type ConfigBody = z.output<typeof configBody>;

/** Seed 000 generation endpoints: two that start a background task (202) and the legacy synchronous one. */
export function createPhoneGenerationRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const tasks = new TaskService(deps.db.pool, deps.temporal);
  const generation = new GenerationService(deps.db.pool, tasks, {
    taskQueue: deps.config.temporal.taskQueues.bulk,
    liveLookups: Boolean(deps.config.twilio.accountSid && deps.config.twilio.authToken),
  });
  const routes = new Routes(docs, 'phone-generator', '/api/phone-generator');

  const start = async (ctx: AppContext, body: ConfigBody) => {
    const principal = principalOf(ctx);
    assertCallerUserId(principal, body.user_id);
    const req: GenerationRequest = {
      tenantId: principal.tenantId,
      userId: principal.userId,
      projectId: body.project_id,
      areaCode: body.area_code,
      quantity: body.quantity,
      batchSize: body.batch_size,
      carrierFilter: body.carrier_filter,
      typeFilter: body.type_filter,
      autoValidate: body.auto_validate,
    };
    return { req, started: await generation.start(req) };
  };

  const startedView = (req: GenerationRequest, started: Awaited<ReturnType<GenerationService['start']>>) => ({
    task_id: started.task.task_id,
    area_code: req.areaCode,
    quantity: req.quantity,
    batch_size: req.batchSize,
    project_id: req.projectId,
    estimated_time: started.estimatedTime,
  });

  routes.post('/generate-numbers-enhanced/', { summary: 'Generate numbers of an area code in the background', body: generateBody, response: jobResponses.generationStarted, status: 202 }, async (ctx) => {
    const { req, started } = await start(ctx, { ...ctx.state.body, auto_validate: false });
    ctx.status = 202;
    return phoneOk({ ...startedView(req, started), carrier_filter: req.carrierFilter, type_filter: req.typeFilter }, 'Phone number generation started');
  });

  routes.post('/generate-numbers-config/', { summary: 'Generate numbers with filters and optional validation afterwards', body: configBody, response: jobResponses.generationStarted, status: 202 }, async (ctx) => {
    const { req, started } = await start(ctx, ctx.state.body);
    ctx.status = 202;
    return phoneOk(
      { ...startedView(req, started), auto_validate: req.autoValidate, carrier_filter: req.carrierFilter, type_filter: req.typeFilter },
      'Phone number generation started',
    );
  });

  routes.post('/generate-numbers/', { summary: 'Legacy: generate synchronously below 10,000 numbers', body: generateBody, responses: { 201: jobResponses.generated, 202: jobResponses.generationStarted } }, async (ctx) => {
    const { req, started } = await start(ctx, { ...ctx.state.body, auto_validate: false });
    const done = req.quantity < SYNCHRONOUS_LIMIT ? await awaitTask(deps.temporal, tasks, started.task) : null;
    if (!done) {
      ctx.status = 202;
      return phoneOk(startedView(req, started), 'Phone number generation started');
    }
    const { rows } = await deps.db.pool.query<{ number: string }>(
      `select number from phone_numbers where tenant_id = $1 and generation_task_id = $2 order by number`,
      [req.tenantId, done.task_id],
    );
    ctx.status = 201;
    return phoneOk(
      { task_id: done.task_id, status: done.status, area_code: req.areaCode, quantity: req.quantity, project_id: req.projectId, ...done.result, numbers: rows.map((r) => r.number) },
      'Phone numbers generated successfully',
    );
  });

  return routes.router;
}
