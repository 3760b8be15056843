/**
 * The one rule for text we write into files people open in spreadsheets (OWASP "CSV injection"): a
 * cell that starts with = + - @ TAB or CR may be run as a formula. XLSX writes every text as a string
 * cell, which no spreadsheet evaluates, so its values stay exactly as stored (an E.164 "+1…" or
 * "-5% off" included). CSV has no cell types, so there such text gets a leading single quote.
 */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'] as const;

const startsLikeFormula = (text: string) => text.length > 0 && (FORMULA_STARTS as readonly string[]).includes(text[0]);

/** A CSV cell's text, neutralised. */
export const csvSafeText = (text: string) => (startsLikeFormula(text) ? `'${text}` : text);

/** The same rule as a SQL expression over a text column, for CSV written by PostgreSQL (COPY). */
export function csvSafeSql(column: string): string {
  const starts = FORMULA_STARTS.map((c) => `'${c}'`).join(', ');
  return `case when left(${column}, 1) in (${starts}) then '''' || ${column} else ${column} end`;
}

/** One CSV line (RFC 4180 quoting), every cell neutralised. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => {
    const v = csvSafeText(cell);
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(',') + '\n';
}

export type XlsxCell = string | number | boolean | Date | null;

/** A stored value as an XLSX cell: numbers and dates typed, everything else text (a string cell, never a formula). */
export function xlsxCell(value: unknown): XlsxCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
