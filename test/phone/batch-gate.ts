import type { TestApp } from '../support/harness.js';
import { RowGate } from '../support/row-gate.js';

const LEDGER_ROW = {
  generation: `insert into phone_generation_batches (tenant_id, task_id, batch_no, cursor_start, cursor_end, generated) values ($1, $2, $3, 0, 0, 0)`,
  validation: `insert into phone_validation_batches (tenant_id, task_id, batch_no, last_id, validated, valid, invalid) values ($1, $2, $3, 0, 0, 0, 0)`,
};

/**
 * Holds a phone task before batch `batchNo`: the batch's claim of its ledger row waits on the gate's,
 * so batches before it commit and none after it starts until the gate is released.
 */
export function holdBatch(app: TestApp, kind: keyof typeof LEDGER_ROW, tenantId: number, taskId: string, batchNo: number): Promise<RowGate> {
  return RowGate.hold(app.owner, LEDGER_ROW[kind], [tenantId, taskId, batchNo], `%insert into phone_${kind}_batches%`);
}
