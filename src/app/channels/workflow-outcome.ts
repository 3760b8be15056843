import type { WorkflowHandle } from '@temporalio/client';
import { DomainError } from '../../domain/shared/errors.js';

/**
 * A quick workflow's result, waited for at most `ms`. Past that the workflow keeps going (its outcome
 * still lands in the database) and the caller hears 503 with `pending` instead of waiting forever on
 * a busy or stopped worker.
 */
export async function resultWithin<T>(handle: WorkflowHandle, ms: number, pending: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DomainError('UNAVAILABLE', pending)), ms);
  });
  try {
    return (await Promise.race([handle.result(), late])) as T;
  } finally {
    clearTimeout(timer);
  }
}
