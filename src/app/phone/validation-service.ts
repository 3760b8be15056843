import type pg from 'pg';
import { notFound } from '../../domain/shared/errors.js';
import type { TaskRow, TaskService } from '../tasks/task-service.js';
import type { PhoneValidationInput } from '../../workflows/phone-validation.workflow.js';
import { estimatedSeconds, formatDuration } from '../../domain/phone/job-sizing.js';
import { PHONE_VALIDATION_KIND, PHONE_VALIDATION_NAME } from '../../domain/phone/task-kinds.js';

export interface ValidationRequest {
  tenantId: number;
  userId: number;
  /** null: every project of the tenant. */
  projectId: string | null;
  /** null: every pending number in scope; otherwise these ids, which must all be the tenant's. */
  phoneIds: number[] | null;
  batchSize: number;
}

export interface StartedValidation {
  task: TaskRow;
  totalNumbers: number;
  estimatedTime: string;
}

/** Starts a validation task over the pending numbers a request names, after checking every id is the tenant's. */
export class ValidationService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tasks: TaskService,
    private readonly opts: { taskQueue: string; liveLookups: boolean },
  ) {}

  async start(req: ValidationRequest): Promise<StartedValidation> {
    if (req.phoneIds) await this.assertOwned(req);
    const scope = await this.pendingScope(req);
    const task = await this.tasks.start(
      {
        tenantId: req.tenantId,
        userId: req.userId,
        projectId: req.projectId,
        kind: PHONE_VALIDATION_KIND,
        name: PHONE_VALIDATION_NAME,
        totalItems: scope.total,
        params: { project_id: req.projectId, phone_ids: req.phoneIds?.length ?? null, batch_size: req.batchSize, max_id: scope.maxId },
      },
      {
        type: 'phoneValidationWorkflow',
        taskQueue: this.opts.taskQueue,
        args: (taskId): [PhoneValidationInput] => [
          { taskId, tenantId: req.tenantId, projectId: req.projectId, generationTaskId: null, phoneIds: req.phoneIds, maxId: scope.maxId, total: scope.total, batchSize: req.batchSize },
        ],
      },
    );
    return { task, totalNumbers: scope.total, estimatedTime: formatDuration(estimatedSeconds('validate', scope.total, { liveLookups: this.opts.liveLookups })) };
  }

  private async assertOwned(req: ValidationRequest) {
    const { rows } = await this.pool.query<{ id: number }>(
      `select id from phone_numbers where tenant_id = $1 and id = any($2::bigint[]) ${req.projectId !== null ? 'and project_id = $3' : ''}`,
      req.projectId !== null ? [req.tenantId, req.phoneIds, req.projectId] : [req.tenantId, req.phoneIds],
    );
    if (rows.length === req.phoneIds!.length) return;
    const found = new Set(rows.map((r) => r.id));
    const missing = req.phoneIds!.filter((id) => !found.has(id));
    const shown = missing.slice(0, 20).join(', ') + (missing.length > 20 ? `, … (${missing.length} in all)` : '');
    throw notFound(`Phone numbers not found: ${shown}.`, 'phone_ids');
  }

  private async pendingScope(req: ValidationRequest): Promise<{ total: number; maxId: number }> {
    const where = [`tenant_id = $1`, `status = 'pending'`];
    const params: unknown[] = [req.tenantId];
    if (req.projectId !== null) where.push(`project_id = $${params.push(req.projectId)}`);
    if (req.phoneIds) where.push(`id = any($${params.push(req.phoneIds)}::bigint[])`);
    const { rows } = await this.pool.query<{ total: number; max_id: number }>(
      `select count(*)::int as total, coalesce(max(id), 0) as max_id from phone_numbers where ${where.join(' and ')}`,
      params,
    );
    return { total: rows[0].total, maxId: rows[0].max_id };
  }
}
