import type { Next, TimerInput, WorkflowInterceptorsFactory, WorkflowOutboundCallsInterceptor } from '@temporalio/workflow';

/** Bundled only by test workers that ask for it (own-worker.ts): a day of workflow timers passes in this long. */
export const DAY_IN_TEST_MS = 2000;

const DAY_MS = 86_400_000;

/** Every timer the workflow starts (sleep, condition with a timeout) fires after its share of a test day. */
class TimeLapse implements WorkflowOutboundCallsInterceptor {
  startTimer(input: TimerInput, next: Next<WorkflowOutboundCallsInterceptor, 'startTimer'>) {
    return next({ ...input, durationMs: Math.max(1, Math.round((input.durationMs * DAY_IN_TEST_MS) / DAY_MS)) });
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ outbound: [new TimeLapse()] });
