import type { TaskRow } from '../../../app/tasks/task-service.js';
import type { UploadRow } from '../../../db/uploads/upload-store.js';
import { fileKey } from '../../../domain/uploads/upload-keys.js';

/** GET /api/upload/<id>/: the upload, what arrived, and its import task's state and counts. */
export function uploadView(u: { upload: UploadRow; uploadedChunks: number; receivedBytes: number; missing: number[] }, task: TaskRow | null) {
  return {
    success: true,
    uploadId: u.upload.id,
    fileName: u.upload.file_name,
    fileSize: Number(u.upload.file_size),
    totalChunks: u.upload.total_chunks,
    uploadedChunks: u.uploadedChunks,
    receivedBytes: u.receivedBytes,
    missing_chunks: u.missing.slice(0, 1000),
    status: u.upload.status,
    s3Key: fileKey(u.upload.id),
    task_id: u.upload.task_id,
    import: task
      ? {
          status: task.status,
          progress: task.progress,
          current_step: task.current_step,
          processed_items: Number(task.processed_items),
          total_items: Number(task.total_items),
          result: task.result,
          error: task.error,
        }
      : null,
    created_at: u.upload.created_at,
    completed_at: u.upload.completed_at,
  };
}
