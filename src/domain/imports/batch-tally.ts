import { fileReason, isStored, type UpsertOutcome } from '../contacts/upsert-outcome.js';

export interface RowNote {
  row: number;
  reason: string;
}

export interface BatchTally {
  created: number;
  updated: number;
  skipped: RowNote[];
  rejected: RowNote[];
}

/** A file batch's upsert outcomes as the import ledger counts them and rejected.csv explains them. */
export function tallyBatch(outcomes: readonly UpsertOutcome[]): BatchTally {
  const tally: BatchTally = { created: 0, updated: 0, skipped: [], rejected: [] };
  for (const o of outcomes) {
    if (isStored(o)) tally[o.status]++;
    else tally[o.status].push({ row: o.row, reason: fileReason(o) });
  }
  return tally;
}
