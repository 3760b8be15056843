import type { LineType } from './line-types.js';
import type { LookupAnswer } from './lookup-provider.js';

/**
 * `carrier_filter` and `type_filter` of a generation request. Both are facts only a lookup knows, so a
 * filtered generation looks every candidate up and keeps the valid ones whose answer matches:
 * the line type exactly, the carrier as a case- and punctuation-insensitive substring ("AT&T" matches
 * "AT&T Wireless", "verizon" matches "Cellco Partnership dba Verizon Wireless").
 */
export interface NumberFilters {
  carrier: string | null;
  lineType: LineType | null;
}

function carrierKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function matchesFilters(answer: LookupAnswer, f: NumberFilters): boolean {
  if (!answer.valid) return false;
  if (f.lineType && answer.lineType !== f.lineType) return false;
  if (f.carrier && !carrierKey(answer.carrier ?? '').includes(carrierKey(f.carrier))) return false;
  return true;
}
