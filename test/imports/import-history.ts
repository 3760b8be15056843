import { recordHistory } from '../replay/record-history.js';
import type { TestApp } from '../support/harness.js';

/** Records the history of the tenant's latest import workflow as `histories/<name>.json` (with RECORD_HISTORIES=1). */
export async function recordImportHistory(app: TestApp, tenantId: number, name: string): Promise<void> {
  const { rows } = await app.owner.query<{ workflow_id: string }>(
    `select workflow_id from tasks where tenant_id = $1 and kind = 'contact-import' order by id desc limit 1`,
    [tenantId],
  );
  await recordHistory(app, rows[0].workflow_id, name);
}
