import { nationalFormat } from './national-format.js';
import { lineTypeLabel } from '../phone/line-types.js';

export type NumberStatus = 'pending' | 'valid' | 'invalid';
export const NUMBER_STATUSES: readonly NumberStatus[] = ['pending', 'valid', 'invalid'];

export interface PhoneNumberRow {
  id: number;
  project_id: string;
  number: string;
  area_code: string;
  status: NumberStatus;
  carrier: string | null;
  line_type: string | null;
  validated_at: Date | null;
  created_at: Date;
}

/** The seed-000 number object. */
export function toNumberView(row: PhoneNumberRow) {
  return {
    id: row.id,
    phone_number: row.number,
    number: row.number,
    national_format: nationalFormat(row.number),
    area_code: row.area_code,
    status: row.status,
    is_valid: row.status === 'pending' ? null : row.status === 'valid',
    carrier: row.carrier,
    type: lineTypeLabel(row.line_type),
    project_id: row.project_id,
    validated_at: row.validated_at,
    created_at: row.created_at,
  };
}
