import type { TaskService } from '../tasks/task-service.js';
import type { UploadRow } from '../../db/uploads/upload-store.js';
import type { ImportOptions } from '../../domain/imports/import-options.js';

export const CONTACT_IMPORT_KIND = 'contact-import';
export const CONTACT_IMPORT_WORKFLOW = 'contactImportWorkflow';

/** Starts the contact import of a completed upload on the bulk task queue; answers the task id. */
export async function startContactImport(tasks: TaskService, taskQueue: string, upload: UploadRow, options: ImportOptions): Promise<string> {
  const task = await tasks.start(
    {
      tenantId: upload.tenant_id,
      userId: upload.user_id,
      kind: CONTACT_IMPORT_KIND,
      name: `Import ${upload.file_name}`,
      totalItems: 0,
      params: { upload_id: upload.id, file_name: upload.file_name, file_size: Number(upload.file_size) },
    },
    {
      type: CONTACT_IMPORT_WORKFLOW,
      taskQueue,
      args: (taskId) => [{ taskId, tenantId: upload.tenant_id, uploadId: upload.id, options }],
    },
  );
  return task.task_id;
}
