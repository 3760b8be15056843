import type { LineType } from './line-types.js';

/** What a generation job is asked for, as the API accepted it; every layer's input carries it whole. */
export interface GenerationSpec {
  tenantId: number;
  userId: number;
  projectId: string;
  areaCode: string;
  quantity: number;
  batchSize: number;
  carrierFilter: string | null;
  typeFilter: LineType | null;
}
