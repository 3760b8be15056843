import { ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { businessCodeOfFailureType, type BusinessCode } from '../domain/shared/business-codes.js';

/** The failure type and message a failed workflow ended with, when it ended with an ApplicationFailure. */
function applicationFailureOf(err: unknown): { type: string; message: string } | null {
  if (!(err instanceof WorkflowFailedError)) return null;
  let cause: unknown = err.cause;
  while (cause && !(cause instanceof ApplicationFailure)) cause = (cause as { cause?: unknown }).cause;
  return cause instanceof ApplicationFailure ? { type: cause.type ?? '', message: cause.message } : null;
}

/** The business code (and message) a failed workflow ended with, when its failure type is one. */
export function businessFailureOf(err: unknown): { code: BusinessCode; message: string } | null {
  const failure = applicationFailureOf(err);
  const code = businessCodeOfFailureType(failure?.type);
  return failure && code ? { code, message: failure.message } : null;
}
