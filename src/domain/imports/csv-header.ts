import { fieldOf, type InputField } from '../contacts/column-names.js';
import { ImportFileError } from './import-errors.js';

/** Which columns feed which contact field; several columns may name the same field (the first non-blank wins). */
export interface HeaderMapping {
  cells: string[];
  fields: { field: InputField; columns: number[] }[];
  /** Columns no contact field claims: their values become attributes under the header's own text. */
  attributeColumns: { name: string; column: number }[];
}

const OTHER_DELIMITERS: [string, string][] = [
  [';', 'semicolons (;)'],
  ['\t', 'tabs'],
  ['|', 'pipes (|)'],
];

/**
 * Reads the header row. A file that does not start with one (no cell names a contact field), that is
 * separated by something other than commas, that is too wide, or that has neither a phone nor an email
 * column cannot be imported, and the message says which.
 */
export function mapHeader(cells: string[], maxColumns: number): HeaderMapping {
  if (cells.length > maxColumns) {
    throw new ImportFileError('ImportHeaderInvalid', `The header has ${cells.length} columns; at most ${maxColumns} are supported.`);
  }
  if (cells.some((c) => c.includes('\uFFFD'))) {
    throw new ImportFileError('ImportHeaderInvalid', 'The header is not valid UTF-8 text; save the file as CSV UTF-8.');
  }
  const byField = new Map<InputField, number[]>();
  const attributeColumns: HeaderMapping['attributeColumns'] = [];
  cells.forEach((cell, column) => {
    const name = cell.trim();
    if (!name) return;
    const field = fieldOf(name);
    if (field) byField.set(field, [...(byField.get(field) ?? []), column]);
    else attributeColumns.push({ name, column });
  });
  if (!byField.size) {
    const delimiter = cells.length === 1 ? OTHER_DELIMITERS.find(([d]) => cells[0].includes(d)) : undefined;
    if (delimiter) {
      throw new ImportFileError('ImportWrongDelimiter', `The file is separated by ${delimiter[1]}, not commas; save it as comma-separated CSV.`);
    }
    throw new ImportFileError(
      'ImportHeaderInvalid',
      `The first line is not a usable header: none of its columns (${preview(cells)}) names a contact field such as first_name, last_name, email or phone.`,
    );
  }
  if (!byField.has('phone_e164') && !byField.has('email')) {
    throw new ImportFileError('ImportHeaderInvalid', `The header has no phone or email column (found: ${preview(cells)}); at least one is needed to identify contacts.`);
  }
  return { cells, fields: [...byField].map(([field, columns]) => ({ field, columns })), attributeColumns };
}

function preview(cells: string[]): string {
  const shown = cells.slice(0, 6).map((c) => JSON.stringify(c.slice(0, 40)));
  return shown.join(', ') + (cells.length > 6 ? `, … ${cells.length - 6} more` : '');
}
