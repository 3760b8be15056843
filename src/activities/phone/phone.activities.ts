import { Context } from '@temporalio/activity';
import type { Database } from '../../db/database.js';
import { CachedLookup } from '../../db/phone/lookup-cache.js';
import type { NumberLookupProvider } from '../../domain/phone/lookup-provider.js';
import { atActivityBoundary } from '../shared/activity-failure.js';
import { generateChunk, type GenerationChunkInput, type GenerationChunkOutput } from './generation-chunk.js';
import { validateChunk, type ValidationChunkInput, type ValidationChunkOutput } from './validation-chunk.js';
import { createChainedValidationTask, requestStop, type ChainedValidationInput, type ChainedValidationTask } from './phone-task-control.js';

export interface PhoneActivityDeps {
  db: Database;
  lookup: NumberLookupProvider;
}

/** Activities of number generation and validation; only the worker calls this factory. */
export function createPhoneActivities(deps: PhoneActivityDeps) {
  const lookup = new CachedLookup(deps.db.pool, deps.lookup);
  const heartbeat = (details?: unknown) => Context.current().heartbeat(details);
  const chunkDeps = { pool: deps.db.pool, lookup, heartbeat };
  return {
    /** Generates and commits a run of batches; see generateChunk. */
    async generatePhoneChunk(input: GenerationChunkInput): Promise<GenerationChunkOutput> {
      return atActivityBoundary(() => generateChunk(chunkDeps, input));
    },
    /** Validates and commits a run of batches; see validateChunk. */
    async validatePhoneChunk(input: ValidationChunkInput): Promise<ValidationChunkOutput & { source: string }> {
      return { ...(await atActivityBoundary(() => validateChunk(chunkDeps, input))), source: lookup.source };
    },
    /** Makes a running chunk stop before its next batch. */
    async requestPhoneTaskStop(input: { taskId: string }): Promise<void> {
      await requestStop(deps.db.pool, input.taskId);
    },
    /** The task row of an `auto_validate` follow-up validation. */
    async createChainedValidationTask(input: ChainedValidationInput): Promise<ChainedValidationTask> {
      return createChainedValidationTask(deps.db.pool, input);
    },
  };
}
