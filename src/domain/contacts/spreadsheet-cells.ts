/**
 * Text a spreadsheet would run as a formula (=, +, -, @, and the tab and carriage return that some
 * programs strip before looking) gets a leading single quote, so an exported cell is always shown, never executed.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type CellValue = string | number | boolean | Date | null;

/** A stored value as a safe cell: numbers and dates stay typed, everything else becomes neutralised text. */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (Array.isArray(value)) return neutraliseFormula(value.join(', '));
  if (typeof value === 'object') return neutraliseFormula(JSON.stringify(value));
  return neutraliseFormula(String(value));
}
