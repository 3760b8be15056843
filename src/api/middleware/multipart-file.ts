import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import multer from 'multer';
import { DomainError, fieldError } from '../../domain/shared/errors.js';
import type { AppContext, AppState } from '../http/context.js';
import { assertCleanInput } from './input-hygiene.js';

export interface UploadedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * Reads one file of a multipart/form-data request into memory (other requests pass untouched): the
 * file is then `uploadedFile(ctx)` and the text fields `ctx.request.body`.
 */
export function multipartFile(field: string, opts: { maxBytes: number; tooLarge: string }): Middleware<AppState> {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: opts.maxBytes, files: 1, fields: 50 } }).single(field);
  return async (ctx, next) => {
    if (!ctx.is('multipart/form-data')) return next();
    const req = ctx.req as IncomingMessage & { body?: unknown; file?: UploadedFile };
    await new Promise<void>((resolve, reject) => {
      upload(req as never, ctx.res as ServerResponse as never, (err: unknown) => (err ? reject(toDomainError(err, field, opts.tooLarge)) : resolve()));
    });
    (ctx.request as { body?: unknown }).body = assertCleanInput(req.body ?? {});
    (ctx as { file?: UploadedFile }).file = req.file;
    await next();
  };
}

export function uploadedFile(ctx: AppContext): UploadedFile | undefined {
  return (ctx as { file?: UploadedFile }).file;
}

function toDomainError(err: unknown, field: string, tooLarge: string): DomainError {
  const code = (err as { code?: string }).code;
  if (code === 'LIMIT_FILE_SIZE') return new DomainError('PAYLOAD_TOO_LARGE', tooLarge);
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') return fieldError(field, `Send exactly one file, in the multipart field "${field}".`);
  return fieldError(field, 'Malformed multipart/form-data body.');
}
