import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  ContinueAsNew,
  allHandlersFinished,
  condition,
  isCancellation,
  setHandler,
} from '@temporalio/workflow';
import type { BusinessCode } from '../../domain/shared/business-codes.js';
import { failureCodeOf } from './failure-code.js';
import { cancelUpdate, progressQuery, type TaskProgress } from './task-messages.js';

/**
 * How a task workflow records a `cancel` where its batch activities see it before their next batch:
 * either the store never refuses (the job stops scheduling work at once), or it answers whether the
 * job could still be cancelled.
 */
export type TaskCancelRequest = { neverRefused: true; record(): Promise<unknown> } | { neverRefused?: false; record(): Promise<{ accepted: boolean }> };

/** How the task row ends when the job throws: cancelled (the workflow itself was cancelled) or failed. */
export interface TaskTail {
  cancelled(): Promise<unknown>;
  /** `code`: the business code the failure carries (AREA_CODE_EXHAUSTED …), for the task's result. */
  failed(message: string, code: BusinessCode | null): Promise<unknown>;
  /** The workflow's failure type when the error does not carry one of its own. */
  failureType: string;
}

/**
 * What every task workflow shares around its own loop: the `progress` query answered from live figures,
 * the `cancel` update (refused once the task has begun finishing), and the end of the task row:
 * `finish` when the loop is done (completed, or cancelled with what was done), `fail` when it threw
 * (cancelled when the workflow itself was cancelled, failed otherwise). A cancel still waiting for the
 * store's answer decides how the task ends, so the end waits for it.
 *
 * The workflow calls `finish` and `fail` straight after its loop, in its own try/catch: each schedules
 * its first activity without awaiting anything before it, in the turn the loop ended, so commands keep
 * the order they have in recorded histories (a cancel's answer and the last batch can arrive together).
 */
export class TaskWorkflow {
  cancelRequested: boolean;
  private closing = false;
  private undecidedCancels = 0;

  constructor(readonly progress: TaskProgress, private readonly cancel: TaskCancelRequest, cancelRequested = false) {
    this.cancelRequested = cancelRequested;
    setHandler(progressQuery, () => this.progress);
    setHandler(cancelUpdate, () => this.onCancel(), {
      validator: () => {
        if (this.closing) throw new Error(`The task is already ${this.progress.status === 'in_progress' ? 'finishing' : this.progress.status}.`);
      },
    });
  }

  /** Ends a job whose loop is done: `record` writes the task completed or cancelled and answers the result. */
  finish<R>(record: (cancelled: boolean) => Promise<R>): Promise<R> {
    this.closing = true;
    if (this.undecidedCancels > 0) return condition(() => this.undecidedCancels === 0).then(() => this.close(record));
    return this.close(record);
  }

  /** Ends a job that threw; continue-as-new passes through. Always throws. */
  async fail(err: unknown, tail: TaskTail): Promise<never> {
    if (err instanceof ContinueAsNew) throw err;
    this.closing = true;
    if (isCancellation(err)) {
      // An operator cancelled the workflow itself: the task still ends cancelled with its counts.
      await CancellationScope.nonCancellable(() => tail.cancelled());
      this.progress.status = 'cancelled';
      throw err;
    }
    const message = failureMessage(err);
    const code = failureCodeOf(err);
    await tail.failed(message, code);
    this.progress.status = 'failed';
    await condition(() => this.undecidedCancels === 0);
    throw err instanceof ApplicationFailure ? err : ApplicationFailure.nonRetryable(message, code ?? causeType(err) ?? tail.failureType);
  }

  private async close<R>(record: (cancelled: boolean) => Promise<R>): Promise<R> {
    const result = await record(this.cancelRequested);
    this.progress.status = this.cancelRequested ? 'cancelled' : 'completed';
    await condition(allHandlersFinished);
    return result;
  }

  private async onCancel(): Promise<{ accepted: boolean; status: TaskProgress['status'] }> {
    const cancel = this.cancel;
    if (cancel.neverRefused) {
      this.cancelRequested = true;
      await cancel.record();
      return { accepted: true, status: 'cancelled' };
    }
    this.undecidedCancels++;
    try {
      const { accepted } = await cancel.record();
      if (accepted) this.cancelRequested = true;
      return { accepted, status: accepted ? 'cancelled' : this.progress.status };
    } finally {
      this.undecidedCancels--;
    }
  }
}

/** The most specific message of a failure chain: what a person reading task_failed needs. */
function failureMessage(err: unknown): string {
  let e: unknown = err;
  while ((e instanceof ActivityFailure || e instanceof ChildWorkflowFailure || (e instanceof ApplicationFailure && !e.message)) && (e as Error).cause) {
    e = (e as Error).cause;
  }
  return e instanceof Error ? e.message : String(e);
}

function causeType(err: unknown): string | undefined {
  return (err instanceof ActivityFailure || err instanceof ChildWorkflowFailure) && err.cause instanceof ApplicationFailure ? (err.cause.type ?? undefined) : undefined;
}
