import type { TaskService } from '../tasks/task-service.js';
import type { Queryable } from '../../db/queryable.js';
import type { UploadRow } from '../../db/uploads/upload-store.js';
import type { ImportOptions } from '../../domain/imports/import-options.js';

const CONTACT_IMPORT_KIND = 'contact-import';

/** An upload has one import, so the import's workflow id is the upload's: `contact-import-t<tenant>-upload-<upload id>`. */
const importWorkflowKey = (upload: UploadRow) => `upload-${upload.id}`;

/**
 * The contact import of a completed upload, on the bulk task queue: its task row is written in the
 * transaction that completes the upload, its workflow started once that committed.
 */
export class ContactImportStart {
  constructor(private readonly tasks: TaskService, private readonly taskQueue: string, private readonly options: ImportOptions) {}

  /** Writes the import's task row on `db`; answers its task id. */
  async record(db: Queryable, upload: UploadRow): Promise<string> {
    const task = await this.tasks.record(db, {
      tenantId: upload.tenant_id,
      userId: upload.user_id,
      kind: CONTACT_IMPORT_KIND,
      name: `Import ${upload.file_name}`,
      totalItems: 0,
      params: { upload_id: upload.id, file_name: upload.file_name, file_size: Number(upload.file_size) },
      workflowKey: importWorkflowKey(upload),
    });
    return task.task_id;
  }

  /** Starts the import's workflow unless it was started already (by an earlier or concurrent complete). */
  launch(upload: UploadRow, taskId: string): Promise<void> {
    return this.tasks.launch(upload.tenant_id, taskId, importWorkflowKey(upload), {
      type: 'contactImportWorkflow',
      taskQueue: this.taskQueue,
      args: (id) => [{ taskId: id, tenantId: upload.tenant_id, uploadId: upload.id, options: this.options }],
    });
  }
}
