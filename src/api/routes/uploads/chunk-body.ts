import path from 'node:path';
import fs from 'node:fs/promises';
import multer from '@koa/multer';
import type { Middleware } from 'koa';
import { DomainError, fieldError } from '../../../domain/shared/errors.js';
import { chunkTooLarge } from '../../../app/uploads/upload-service.js';
import type { AppState } from '../../http/context.js';
import { assertCleanInput } from '../../middleware/input-hygiene.js';

export interface ReceivedChunk {
  path: string;
  size: number;
}

/**
 * Parses the multipart chunk request to a temporary file (never the whole chunk in memory), maps
 * multer's errors to clear 4xx answers, and removes the temporary file once the handler is done.
 */
export function chunkBody(tempDir: string, maxChunkBytes: number): Middleware<AppState> {
  const parse = multer({
    storage: multer.diskStorage({ destination: path.join(tempDir, 'upload-parts') }),
    limits: { fileSize: maxChunkBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  }).single('chunk');
  return async (ctx, next) => {
    try {
      await parse(ctx as never, async () => undefined);
    } catch (err) {
      throw multipartError(err, maxChunkBytes);
    }
    const file = (ctx as unknown as { file?: { path: string; size: number } }).file;
    try {
      if (!file) throw fieldError('chunk', 'This field is required: send the chunk as a file in the multipart field "chunk".');
      ctx.state.body = { ...assertCleanInput((ctx.request as { body?: Record<string, unknown> }).body ?? {}), chunk: { path: file.path, size: file.size } };
      await next();
    } finally {
      if (file) await fs.rm(file.path, { force: true });
    }
  };
}

function multipartError(err: unknown, maxChunkBytes: number): DomainError {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return chunkTooLarge(maxChunkBytes);
    case 'LIMIT_UNEXPECTED_FILE':
      return fieldError('chunk', 'Send exactly one file, in the multipart field "chunk".');
    case 'LIMIT_PART_COUNT':
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_FIELD_VALUE':
    case 'LIMIT_FILE_COUNT':
      return fieldError('non_field_errors', 'Send only the fields uploadId and chunkIndex and the file chunk.');
    default:
      return fieldError('non_field_errors', 'Malformed multipart/form-data body.');
  }
}
