import type pg from 'pg';
import { businessError, validationError } from '../../domain/shared/errors.js';
import type { TaskRow, TaskService } from '../tasks/task-service.js';
import type { PhoneGenerationInput } from '../../workflows/phone-generation.workflow.js';
import { areaCodeSpace } from '../../domain/phone/area-codes.js';
import { estimatedSeconds, formatDuration } from '../../domain/phone/job-sizing.js';
import { PHONE_GENERATION_KIND, PHONE_GENERATION_NAME } from '../../domain/phone/task-kinds.js';
import type { GenerationSpec } from '../../domain/phone/generation-spec.js';

export interface GenerationRequest extends GenerationSpec {
  autoValidate: boolean;
}

export interface StartedGeneration {
  task: TaskRow;
  estimatedTime: string;
}

/**
 * Starts a generation task once the request is known to be feasible: the area code is assigned, can
 * have the requested line type, and still has `quantity` numbers this project does not hold.
 */
export class GenerationService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tasks: TaskService,
    private readonly opts: { taskQueue: string; liveLookups: boolean },
  ) {}

  async start(req: GenerationRequest): Promise<StartedGeneration> {
    await this.assertFeasible(req);
    const input = (taskId: string): [PhoneGenerationInput] => [{ taskId, ...req }];
    const task = await this.tasks.start(
      {
        tenantId: req.tenantId,
        userId: req.userId,
        projectId: req.projectId,
        kind: PHONE_GENERATION_KIND,
        name: PHONE_GENERATION_NAME,
        totalItems: req.quantity,
        params: {
          area_code: req.areaCode,
          quantity: req.quantity,
          batch_size: req.batchSize,
          carrier_filter: req.carrierFilter,
          type_filter: req.typeFilter,
          auto_validate: req.autoValidate,
        },
      },
      { type: 'phoneGenerationWorkflow', taskQueue: this.opts.taskQueue, args: input },
    );
    const filtered = req.carrierFilter !== null || req.typeFilter !== null;
    return { task, estimatedTime: formatDuration(estimatedSeconds('generate', req.quantity, { filtered, liveLookups: this.opts.liveLookups })) };
  }

  private async assertFeasible(req: GenerationRequest) {
    const all = areaCodeSpace(req.areaCode);
    if (all.capacity === 0) throw validationError({ area_code: [`Area code ${req.areaCode} is not an assigned North American area code.`] });
    const typed = req.typeFilter ? areaCodeSpace(req.areaCode, req.typeFilter) : all;
    if (typed.capacity === 0) throw validationError({ type_filter: [`Area code ${req.areaCode} has no ${req.typeFilter} numbers.`] });
    const held = await this.heldInAreaCode(req);
    const free = Math.max(0, Math.min(typed.capacity, all.capacity - held));
    if (req.quantity > free) {
      const message = `Only ${free.toLocaleString('en-US')} numbers are still available in area code ${req.areaCode} for this project.`;
      throw businessError('AREA_CODE_EXHAUSTED', message, { fields: { quantity: [message] }, details: { available: free } });
    }
  }

  /** From the project's tallies (migration 35): every stored number of an area code carries it in area_code. */
  private async heldInAreaCode(req: GenerationRequest): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `select coalesce(sum(n), 0)::int as n from phone_number_tallies where tenant_id = $1 and project_id = $2 and area_code = $3`,
      [req.tenantId, req.projectId, req.areaCode],
    );
    return rows[0].n;
  }

}
