import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, setHandler, type ActivityInterfaceFor } from '@temporalio/workflow';
import { cancelUpdate, progressQuery, type TaskProgress } from './task-messages.js';

/**
 * The messages every phone task workflow answers: `progress` from its live figures, and `cancel`, which
 * records a durable stop request (a running chunk sees it before its next batch) and is refused only
 * once the task has started finishing.
 */
export class PhoneTaskControl {
  cancelRequested = false;
  closing = false;

  constructor(readonly progress: TaskProgress, taskId: string, requestStop: ActivityInterfaceFor<{ requestPhoneTaskStop(input: { taskId: string }): Promise<void> }>['requestPhoneTaskStop']) {
    setHandler(progressQuery, () => this.progress);
    setHandler(
      cancelUpdate,
      async () => {
        this.cancelRequested = true;
        await requestStop({ taskId });
        return { accepted: true, status: 'cancelled' as const };
      },
      {
        validator: () => {
          if (this.closing) throw new Error(`The task is already ${this.progress.status === 'in_progress' ? 'finishing' : this.progress.status}.`);
        },
      },
    );
  }
}

/** The most specific message of a failure chain: what a person reading task_failed needs. */
export function failureMessage(err: unknown): string {
  let e: unknown = err;
  while ((e instanceof ActivityFailure || e instanceof ChildWorkflowFailure || (e instanceof ApplicationFailure && !e.message)) && (e as Error).cause) {
    e = (e as Error).cause;
  }
  return e instanceof Error ? e.message : String(e);
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((10_000 * part) / whole) / 100 : 100;
}
