import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { invalidStatus, notFound } from '../../../domain/shared/errors.js';
import { TaskService } from '../../../app/tasks/task-service.js';
import { LocalDiskStorage } from '../../../domain/storage/local-disk-storage.js';
import { ObjectNotFoundError } from '../../../domain/storage/object-storage.js';
import { UploadService } from '../../../app/uploads/upload-service.js';
import { fileKey, rejectedRowsKey } from '../../../domain/uploads/upload-keys.js';
import { ContactImportStart } from '../../../app/imports/import-start.js';
import { chunkBody, type ReceivedChunk } from './chunk-body.js';
import { completeUploadBody, initUploadBody } from './upload.schemas.js';
import { uploadSettingsFromEnv, type UploadSettings } from './upload-settings.js';
import { uploadView } from './upload-view.js';
import { uploadResponses as r } from './uploads.responses.js';

const who = (ctx: AppContext) => ({ tenantId: principalOf(ctx).tenantId, userId: principalOf(ctx).userId });

/** Seed 001's chunked CSV upload (init, chunk, complete), plus the upload's status, report and cancel. */
export function createUploadsRouter(deps: ApiDeps, docs: OpenApiCollector, settings: UploadSettings = uploadSettingsFromEnv()) {
  const storage = new LocalDiskStorage(deps.config.dataDir);
  const uploads = new UploadService(deps.db.pool, storage, settings.limits);
  const tasks = new TaskService(deps.db.pool, deps.temporal);
  const imports = new ContactImportStart(tasks, deps.config.temporal.taskQueues.bulk, settings.importOptions);
  const routes = new Routes(docs, 'uploads', '/api/upload');

  routes.post('/init/', { summary: 'Start a chunked CSV upload: name, size in bytes and number of chunks', body: initUploadBody, response: r.initialized }, async (ctx) => {
    const upload = await uploads.init(who(ctx), ctx.state.body);
    return { success: true, uploadId: upload.id, message: 'Upload initialized' };
  });

  routes.post(
    '/chunk/',
    { summary: 'One chunk as multipart/form-data: uploadId, chunkIndex and the file field chunk; any order, retries replace', contentType: 'multipart/form-data', response: r.chunk, errors: [404, 413, 415] },
    async (ctx) => {
      const body = ctx.state.body as unknown as { uploadId?: unknown; chunkIndex?: unknown; chunk: ReceivedChunk };
      const r = await uploads.receiveChunk(who(ctx), {
        uploadId: body.uploadId,
        chunkIndex: body.chunkIndex,
        body: createReadStream(body.chunk.path),
        size: body.chunk.size,
      });
      return { success: true, message: `Chunk ${r.chunkIndex} uploaded`, uploadedChunks: r.uploadedChunks };
    },
    chunkBody(path.join(deps.config.dataDir, 'tmp'), settings.limits.maxChunkBytes),
  );

  routes.post('/complete/', { summary: 'Check every chunk arrived and queue the contact import', body: completeUploadBody, response: r.completed, errors: [404] }, async (ctx) => {
    const { upload, taskId } = await uploads.complete(who(ctx), ctx.state.body.uploadId, imports);
    return { success: true, message: '✅ File uploaded successfully. Import job queued.', s3Key: fileKey(upload.id), task_id: taskId, uploadId: upload.id };
  });

  routes.get('/:uploadId/', { summary: 'An upload: chunks received, and its import task with progress and counts', response: r.view }, async (ctx) => {
    const found = await uploads.find(who(ctx), ctx.params.uploadId);
    const task = found.upload.task_id ? await tasks.find(found.upload.tenant_id, found.upload.task_id) : null;
    return uploadView(found, task);
  });

  routes.get('/:uploadId/rejected.csv', { summary: 'The rows the import did not store (rejected or skipped), with row number and reason', responses: { 200: r.rejectedCsv } }, async (ctx) => {
    const { upload } = await uploads.find(who(ctx), ctx.params.uploadId);
    try {
      ctx.body = await storage.get(rejectedRowsKey(upload.tenant_id, upload.id));
    } catch (err) {
      if (err instanceof ObjectNotFoundError) throw notFound('The rejected rows report is written when the import finishes.');
      throw err;
    }
    ctx.type = 'text/csv; charset=utf-8';
    ctx.attachment(`${upload.file_name.replace(/\.csv$/i, '')}-rejected.csv`);
  });

  routes.post('/:uploadId/cancel/', { summary: 'Stop the upload’s import before its next batch', response: r.cancelled }, async (ctx) => {
    const { upload } = await uploads.find(who(ctx), ctx.params.uploadId);
    if (!upload.task_id) throw invalidStatus('The upload is not complete, so no import is running.', upload.status, ['completed']);
    const task = await tasks.cancel(upload.tenant_id, upload.task_id);
    return { success: true, message: 'Import cancelled', task_id: task.task_id, status: task.status };
  });

  return routes.router;
}
