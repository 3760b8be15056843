import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { XlsxCell } from '../shared/formula-safe-cells.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One sheet, a header row and data rows, written with exceljs' streaming writer into memory. Text goes
 * into the shared-strings table, so every text cell is a plain string cell (`t="s"`) that no
 * spreadsheet evaluates, whatever it starts with (see formula-safe-cells.ts).
 */
export async function writeXlsx(sheetName: string, header: string[], rows: Iterable<XlsxCell[]>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
