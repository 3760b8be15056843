/** Guards and batch size of one contact import; chosen by the API and carried in the workflow input. */
export interface ImportOptions {
  /** A record longer than this many characters stops the import (a 1 GB line is refused, not read). */
  maxRecordBytes: number;
  /** A header wider than this is refused before any row is read. */
  maxColumns: number;
  /** Rows per committed batch: the unit of progress, of crash recovery and of cancellation. */
  batchRows: number;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  maxRecordBytes: 64 * 1024,
  maxColumns: 200,
  batchRows: 10_000,
};
