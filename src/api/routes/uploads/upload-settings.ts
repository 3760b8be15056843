import { z } from 'zod';
import { ConfigError } from '../../../config.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../../domain/uploads/upload-limits.js';
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from '../../../domain/imports/import-options.js';

const bytes = (fallback: number) => z.coerce.number().int('must be a whole number of bytes').positive('must be positive').default(fallback);

const schema = z.object({
  UPLOAD_MAX_FILE_BYTES: bytes(DEFAULT_UPLOAD_LIMITS.maxFileBytes),
  UPLOAD_MAX_CHUNK_BYTES: bytes(DEFAULT_UPLOAD_LIMITS.maxChunkBytes),
  UPLOAD_TENANT_BYTES_IN_FLIGHT: bytes(DEFAULT_UPLOAD_LIMITS.maxTenantBytesInFlight),
  IMPORT_MAX_RECORD_BYTES: bytes(DEFAULT_IMPORT_OPTIONS.maxRecordBytes),
  IMPORT_MAX_COLUMNS: z.coerce.number().int().min(1).max(1000).default(DEFAULT_IMPORT_OPTIONS.maxColumns),
  IMPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(50_000).default(DEFAULT_IMPORT_OPTIONS.batchRows),
});

export interface UploadSettings {
  limits: UploadLimits;
  importOptions: ImportOptions;
}

/** Upload limits and import guards from the environment (defaults suit production). */
export function uploadSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  return {
    limits: { ...DEFAULT_UPLOAD_LIMITS, maxFileBytes: e.UPLOAD_MAX_FILE_BYTES, maxChunkBytes: e.UPLOAD_MAX_CHUNK_BYTES, maxTenantBytesInFlight: e.UPLOAD_TENANT_BYTES_IN_FLIGHT },
    importOptions: { maxRecordBytes: e.IMPORT_MAX_RECORD_BYTES, maxColumns: e.IMPORT_MAX_COLUMNS, batchRows: e.IMPORT_BATCH_ROWS },
  };
}
