import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { DomainError, businessError, conflict, fieldError, notFound, validationError } from '../../domain/shared/errors.js';
import type { ObjectStorage } from '../../domain/storage/object-storage.js';
import { inTransaction } from '../../db/transaction.js';
import type { Queryable } from '../../db/queryable.js';
import { chunkKey, isUploadId } from '../../domain/uploads/upload-keys.js';
import type { UploadLimits } from '../../domain/uploads/upload-limits.js';
import { missingChunks, UploadStore, type UploadRow } from '../../db/uploads/upload-store.js';

export interface Uploader {
  tenantId: number;
  userId: number;
}

/** The import a completed upload hands its file to: a row written with the completion, work started after it committed. */
export interface UploadImport {
  record(db: Queryable, upload: UploadRow): Promise<string>;
  launch(upload: UploadRow, taskId: string): Promise<void>;
}

export interface NewUpload {
  fileName: string;
  fileSize: number;
  totalChunks: number;
}

/**
 * Seed 001's chunked upload: init names the file and how it is cut, chunks arrive in any order and may
 * be repeated (the same index replaces its bytes and counts once), complete checks every byte arrived
 * and hands the file to the import.
 */
export class UploadService {
  private readonly store: UploadStore;

  constructor(private readonly pool: pg.Pool, private readonly storage: ObjectStorage, private readonly limits: UploadLimits) {
    this.store = new UploadStore(pool);
  }

  /** Registers the upload if its declared size fits in the tenant's quota of bytes in flight. */
  async init(who: Uploader, input: NewUpload): Promise<UploadRow> {
    checkNewUpload(input, this.limits);
    return inTransaction(this.pool, async (client) => {
      const store = new UploadStore(client);
      const inFlight = await store.lockBytesInFlight(who.tenantId);
      const quota = this.limits.maxTenantBytesInFlight;
      if (inFlight + input.fileSize > quota) throw quotaExceeded(quota, inFlight, input.fileSize);
      return store.create({ id: randomUUID(), ...who, ...input });
    });
  }

  /**
   * Stores one chunk if the chunks, this one in place of any earlier copy of its index, still fit in
   * the declared fileSize. The upload row is locked meanwhile, so concurrent chunks of one upload are
   * checked one after another and `complete` never reads a chunk being replaced.
   */
  async receiveChunk(who: Uploader, input: { uploadId: unknown; chunkIndex: unknown; body: Readable; size: number }): Promise<{ uploadedChunks: number; chunkIndex: number }> {
    const uploadId = uploadIdOf(input.uploadId);
    const index = chunkIndexOf(input.chunkIndex);
    if (input.size > this.limits.maxChunkBytes) throw chunkTooLarge(this.limits.maxChunkBytes);
    return inTransaction(this.pool, async (client) => {
      const store = new UploadStore(client);
      const upload = await store.find(who.tenantId, uploadId, { lock: 'update' });
      if (!upload) throw uploadNotFound();
      if (upload.status === 'expired') throw uploadExpired();
      if (upload.status !== 'uploading') throw conflict('This upload is already complete; no more chunks are accepted.', { status: upload.status });
      if (index >= upload.total_chunks) {
        throw fieldError('chunkIndex', `Chunk index ${index} is out of range: this upload has ${upload.total_chunks} chunks (0-${upload.total_chunks - 1}).`);
      }
      const others = (await store.chunks(uploadId)).reduce((sum, c) => sum + (c.chunk_index === index ? 0 : Number(c.size)), 0);
      if (others + input.size > Number(upload.file_size)) throw beyondFileSize(Number(upload.file_size), others, input.size);
      await this.storage.put(chunkKey(who.tenantId, uploadId, index), input.body);
      return { uploadedChunks: await store.recordChunk(uploadId, index, input.size), chunkIndex: index };
    });
  }

  /**
   * Checks that every chunk arrived and adds up to the announced size, then marks the upload completed
   * with its import's task in one transaction, and starts the import only once that committed. A
   * repeated or concurrent complete answers the same task, and its start finds the import's workflow
   * (named after the upload) already started: a commit that failed leaves nothing running, and a start
   * that failed after the commit is made good by the next complete.
   */
  async complete(who: Uploader, rawUploadId: unknown, importer: UploadImport): Promise<{ upload: UploadRow; taskId: string }> {
    const uploadId = uploadIdOf(rawUploadId);
    const completed = await inTransaction(this.pool, async (client) => {
      const store = new UploadStore(client);
      const upload = await store.find(who.tenantId, uploadId, { lock: 'update' });
      if (!upload) throw uploadNotFound();
      if (upload.status === 'completed' && upload.task_id) return { upload, taskId: upload.task_id };
      if (upload.status === 'expired') throw uploadExpired();
      const chunks = await store.chunks(uploadId);
      const missing = missingChunks(upload.total_chunks, chunks);
      if (missing.length) {
        throw businessError('UPLOAD_INCOMPLETE', `Upload is incomplete: ${missing.length} of ${upload.total_chunks} chunks are missing.`, {
          details: { missing_chunks: missing },
        });
      }
      const received = chunks.reduce((sum, c) => sum + Number(c.size), 0);
      if (received !== Number(upload.file_size)) {
        throw businessError('UPLOAD_INCOMPLETE', `The chunks add up to ${received} bytes but fileSize was ${upload.file_size}.`, {
          details: { received_bytes: received, file_size: Number(upload.file_size) },
        });
      }
      const taskId = await importer.record(client, upload);
      await store.markCompleted(uploadId, taskId);
      return { upload: { ...upload, status: 'completed' as const, task_id: taskId }, taskId };
    });
    await importer.launch(completed.upload, completed.taskId);
    return completed;
  }

  async find(who: Uploader, rawUploadId: unknown): Promise<{ upload: UploadRow; uploadedChunks: number; receivedBytes: number; missing: number[] }> {
    if (!isUploadId(rawUploadId)) throw uploadNotFound();
    const upload = await this.store.find(who.tenantId, rawUploadId);
    if (!upload) throw uploadNotFound();
    const chunks = await this.store.chunks(upload.id);
    return {
      upload,
      uploadedChunks: chunks.length,
      receivedBytes: chunks.reduce((sum, c) => sum + Number(c.size), 0),
      missing: missingChunks(upload.total_chunks, chunks),
    };
  }
}

function checkNewUpload(input: NewUpload, limits: UploadLimits): void {
  const errors: Record<string, string[]> = {};
  const name = input.fileName.trim();
  if (!/\.csv$/i.test(name) || name.length < 5) errors.fileName = ['Only .csv files can be uploaded.'];
  else if (name.length > 255 || /[\/\\\u0000]/.test(name)) errors.fileName = ['Enter a plain file name of at most 255 characters.'];
  if (input.fileSize > limits.maxFileBytes) errors.fileSize = [`The file is larger than the limit of ${limits.maxFileBytes} bytes.`];
  if (input.totalChunks > limits.maxChunks) errors.totalChunks = [`Ensure this value is less than or equal to ${limits.maxChunks}.`];
  else if (input.totalChunks > input.fileSize) errors.totalChunks = ['There cannot be more chunks than bytes in the file.'];
  else if (Math.ceil(input.fileSize / input.totalChunks) > limits.maxChunkBytes) {
    errors.totalChunks = [`Chunks of ${Math.ceil(input.fileSize / input.totalChunks)} bytes exceed the limit of ${limits.maxChunkBytes}; use more chunks.`];
  }
  if (Object.keys(errors).length) throw validationError(errors);
}

function uploadIdOf(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') throw fieldError('uploadId', 'This field is required.');
  if (!isUploadId(raw)) throw fieldError('uploadId', 'Not a valid upload id.');
  return raw;
}

function chunkIndexOf(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') throw fieldError('chunkIndex', 'This field is required.');
  const text = String(raw).trim();
  if (!/^\d{1,6}$/.test(text)) throw fieldError('chunkIndex', 'A valid non-negative integer is required.');
  return Number(text);
}

const uploadNotFound = () => notFound('Upload not found.');
const uploadExpired = () => businessError('UPLOAD_EXPIRED', 'This upload expired before it was completed; start a new upload.', { details: { status: 'expired' } });
export const chunkTooLarge = (limit: number) => new DomainError('PAYLOAD_TOO_LARGE', `The chunk is larger than the limit of ${limit} bytes.`);
const beyondFileSize = (fileSize: number, received: number, chunk: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `This chunk of ${chunk} bytes would bring the upload to ${received + chunk} bytes, more than its fileSize of ${fileSize}.`, undefined, {
    file_size: fileSize,
    received_bytes: received,
    chunk_bytes: chunk,
  });
const quotaExceeded = (quota: number, inFlight: number, fileSize: number) =>
  businessError(
    'UPLOAD_QUOTA_EXCEEDED',
    `The tenant's upload quota of ${quota} bytes in flight is used up: ${inFlight} bytes are held by unfinished or not yet cleaned-up uploads; finish them or wait for them to expire.`,
    { details: { quota: 'upload_bytes_in_flight', quota_bytes: quota, bytes_in_flight: inFlight, file_size: fileSize } },
  );
