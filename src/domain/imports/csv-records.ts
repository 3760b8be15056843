import { parse, type CsvError, type Options } from 'csv-parse';
import type { ChunkedFile } from './file-reader.js';
import { ImportFileError } from './import-errors.js';

export type CsvItem =
  | { kind: 'record'; row: number; fields: string[]; end: number }
  | { kind: 'malformed'; row: number; fields: string[]; reason: string };

export interface RecordWindow {
  /** Byte offset just after the header record. */
  headerEnd: number;
  /** Byte offset of the first record to read (headerEnd on a fresh start, the ledger's offset on resume). */
  from: number;
  /** Row number of that record; the header is row 1. */
  firstRow: number;
  maxRecordBytes: number;
}

/**
 * The file's records from a resume point, each with its row number and the byte offset just after it.
 * The parser reads the header first, so it checks every later record against the header's width even
 * after a resume; a record of the wrong width comes out as `malformed` with the reason, in file order.
 * A record longer than the limit ends the stream with an ImportFileError before it is buffered whole.
 */
export async function* csvRecords(file: ChunkedFile, w: RecordWindow): AsyncGenerator<CsvItem> {
  let seen = 0;
  const rowOf = (n: number) => w.firstRow + n - 2;
  const skipped: CsvItem[] = [];
  const options: Options<CsvItem, string[]> = {
    bom: true,
    skip_empty_lines: true,
    max_record_size: w.maxRecordBytes,
    skip_records_with_error: true,
    on_record: (fields, ctx) => {
      seen++;
      if (seen === 1) return null;
      return { kind: 'record', row: rowOf(seen), fields, end: w.from + ctx.bytes - w.headerEnd };
    },
    on_skip: (err) => {
      const row = rowOf(seen + 1);
      if (err?.code === 'CSV_MAX_RECORD_SIZE') {
        throw new ImportFileError(
          'ImportRecordTooLarge',
          `Row ${row} is longer than the limit of ${w.maxRecordBytes} characters; the import stopped there. Is every contact on its own line?`,
        );
      }
      seen++;
      const fields = Array.isArray((err as { record?: unknown })?.record) ? ((err as unknown as { record: string[] }).record) : [];
      skipped.push({ kind: 'malformed', row, fields, reason: malformedReason(err) });
      return undefined;
    },
  };
  const parser = parse(options as unknown as Options);
  const source = file.readRanges([
    [0, w.headerEnd],
    [w.from, file.size],
  ]);
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<CsvItem & { kind: 'record' }>) {
      while (skipped.length && skipped[0].row < item.row) yield skipped.shift()!;
      yield item;
    }
    while (skipped.length) yield skipped.shift()!;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

function malformedReason(err: CsvError | undefined): string {
  switch (err?.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = (err as unknown as { record?: unknown[] }).record?.length;
      return `Wrong number of fields${got !== undefined ? ` (${got})` : ''} for the header; quote values that contain commas.`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted value is never closed.';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'A quote is misplaced; wrap the whole value in double quotes and double any quote inside it.';
    default:
      return `Malformed CSV row${err?.message ? `: ${err.message}` : ''}.`;
  }
}
