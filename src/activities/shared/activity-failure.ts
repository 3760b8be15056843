import { ApplicationFailure } from '@temporalio/activity';
import { isCodedError } from '../../domain/shared/business-codes.js';

/**
 * The activity boundary: an error that names its business code (a DomainError with one, a provider's
 * error) leaves the activity as an ApplicationFailure whose type is that code, non-retryable unless the
 * error says a later attempt may pass. Any other error is left to the activity's retry policy.
 */
function toActivityFailure(err: unknown): unknown {
  if (!isCodedError(err)) return err;
  const details = err.failureDetails ?? [];
  return err.retryable
    ? ApplicationFailure.retryable(err.message, err.businessCode, ...details)
    : ApplicationFailure.nonRetryable(err.message, err.businessCode, ...details);
}

export async function atActivityBoundary<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toActivityFailure(err);
  }
}
