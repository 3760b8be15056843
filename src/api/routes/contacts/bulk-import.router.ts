import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { principalOf } from '../../http/context.js';
import { mifumoOk } from '../../http/envelopes.js';
import { multipartFile, uploadedFile } from '../../middleware/multipart-file.js';
import { importContacts } from '../../../app/contacts/bulk-import.js';
import { defaultRegionOf } from '../../../db/contacts/tenant-region.js';
import { importRowsOf, MAX_CSV_BYTES, TOO_MANY_ROWS } from './bulk-import-input.js';
import { messagingContactResponses as r } from './contacts.responses.js';

/** Seed 004 synchronous bulk import: JSON rows or a CSV file, up to 10,000 rows, one result per row. */
export function createBulkImportRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'contacts (seed 004)', '/api/messaging/contacts');

  routes.post(
    '/bulk-import/',
    { summary: 'Import contacts from JSON {contacts: [...]} or a CSV file (field "file"); upsert by phone or email (Idempotency-Key supported)', response: r.imported, errors: [413, 415] },
    async (ctx) => {
      const { tenantId } = principalOf(ctx);
      const file = uploadedFile(ctx);
      const { rows, source } = importRowsOf((ctx.request as { body?: unknown }).body, file);
      const summary = await importContacts(pool, tenantId, rows, {
        defaultRegion: await defaultRegionOf(pool, tenantId),
        // Spreadsheet columns the contact has no field for are kept as attributes.
        unknownKeys: source === 'csv' ? 'attributes' : 'ignore',
      });
      return mifumoOk(summary, `Imported ${summary.created + summary.updated} of ${summary.total} contacts`);
    },
    multipartFile('file', { maxBytes: MAX_CSV_BYTES, tooLarge: TOO_MANY_ROWS }),
  );

  return routes.router;
}
