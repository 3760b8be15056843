import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';
import { businessCodeOfFailureType, type BusinessCode } from '../../domain/shared/business-codes.js';

/** The business code an activity's or child's failure carries as its type (former type names included). */
export function failureCodeOf(err: unknown): BusinessCode | null {
  let e: unknown = err;
  while ((e instanceof ActivityFailure || e instanceof ChildWorkflowFailure) && e.cause) e = e.cause;
  return e instanceof ApplicationFailure ? businessCodeOfFailureType(e.type) : null;
}
