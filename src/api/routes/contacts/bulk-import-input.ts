import { parse } from 'csv-parse/sync';
import { DomainError, fieldError } from '../../../domain/shared/errors.js';
import { MAX_SYNC_IMPORT_ROWS } from '../../../app/contacts/bulk-import.js';
import type { UploadedFile } from '../../middleware/multipart-file.js';

export const TOO_MANY_ROWS = `A bulk import takes at most ${MAX_SYNC_IMPORT_ROWS} rows; upload bigger files through the chunked upload (POST /api/upload/init/, /api/upload/chunk/, /api/upload/complete/), which imports them in the background.`;
export const MAX_CSV_BYTES = 10 * 1024 * 1024;

/** The rows of a bulk import: a CSV upload (field `file`), or JSON `{contacts: [...]}`, `{rows: [...]}` or a bare array. */
export function importRowsOf(body: unknown, file: UploadedFile | undefined): { rows: unknown[]; source: 'csv' | 'json' } {
  const rows = file ? csvRows(file.buffer) : jsonRows(body);
  if (!rows.length) throw fieldError(file ? 'file' : 'contacts', 'No rows to import.');
  if (rows.length > MAX_SYNC_IMPORT_ROWS) throw new DomainError('PAYLOAD_TOO_LARGE', TOO_MANY_ROWS, undefined, { max_rows: MAX_SYNC_IMPORT_ROWS });
  return { rows, source: file ? 'csv' : 'json' };
}

function jsonRows(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const b = (body ?? {}) as { contacts?: unknown; rows?: unknown };
  const rows = b.contacts ?? b.rows;
  if (!Array.isArray(rows)) throw fieldError('contacts', 'Send {"contacts": [...]} as JSON, or a CSV file in the multipart field "file".');
  return rows;
}

/** Header row names the columns (any spelling column-names.ts knows); reading stops one row past the limit. */
function csvRows(buffer: Buffer): unknown[] {
  try {
    return parse(buffer, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      to: MAX_SYNC_IMPORT_ROWS + 1,
    }) as unknown[];
  } catch (err) {
    throw fieldError('file', `Could not read the CSV file: ${(err as Error).message.slice(0, 200)}`);
  }
}
