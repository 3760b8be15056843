import type { TestApp } from '../support/harness.js';
import { RowGate } from '../support/row-gate.js';

/**
 * Holds an import at the batch that stores `email`: the batch's insert of that contact waits on the
 * gate's uncommitted one (emails are unique per tenant), so earlier batches commit and the import goes
 * no further until the gate is released.
 */
export function holdContactEmail(app: TestApp, tenantId: number, email: string): Promise<RowGate> {
  return RowGate.hold(app.owner, `insert into contacts (tenant_id, email) values ($1, $2)`, [tenantId, email], '%insert into contacts%');
}
