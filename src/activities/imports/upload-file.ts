import type pg from 'pg';
import { parse, type Options } from 'csv-parse';
import { ObjectNotFoundError, type ObjectStorage } from '../../domain/storage/object-storage.js';
import { UploadStore } from '../../db/uploads/upload-store.js';
import { chunkKey } from '../../domain/uploads/upload-keys.js';
import { ChunkedFile } from '../../domain/imports/file-reader.js';
import { ImportFileError } from '../../domain/imports/import-errors.js';

/** The uploaded CSV as one file over its stored chunks. */
export async function openUploadFile(pool: pg.Pool, storage: ObjectStorage, tenantId: number, uploadId: string): Promise<ChunkedFile> {
  const chunks = await new UploadStore(pool).chunks(uploadId);
  if (!chunks.length) throw new ImportFileError('ImportFileMissing', `Upload ${uploadId} has no stored chunks.`);
  return new ChunkedFile(
    storage,
    chunks.map((c) => ({ key: chunkKey(tenantId, uploadId, c.chunk_index), size: Number(c.size) })),
  );
}

/** The first record (the header) and the byte offset just after it; null for a file without records. */
export async function readHeader(file: ChunkedFile, maxRecordBytes: number): Promise<{ cells: string[]; end: number } | null> {
  let header: { cells: string[]; end: number } | null = null;
  const options: Options<{ cells: string[]; end: number }, string[]> = {
    bom: true,
    skip_empty_lines: true,
    max_record_size: maxRecordBytes,
    relax_column_count: true,
    on_record: (cells, ctx) => (header ??= { cells, end: ctx.bytes }),
  };
  const parser = parse(options as unknown as Options);
  const source = file.read();
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const first of parser as AsyncIterable<{ cells: string[]; end: number }>) return first;
    return null;
  } catch (err) {
    // The parser reads ahead: a bad second line can fail the stream after the header was read.
    if (header) return header;
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw new ImportFileError('ImportRecordTooLarge', `The first line is longer than the limit of ${maxRecordBytes} characters; it cannot be a header.`);
    }
    if (err instanceof ObjectNotFoundError) throw new ImportFileError('ImportFileMissing', `A chunk of the upload is missing from storage (${err.key}).`);
    if (!String((err as { code?: string }).code ?? '').startsWith('CSV_')) throw err;
    throw new ImportFileError('ImportHeaderInvalid', `The first line is not a readable CSV header: ${(err as Error).message}`);
  } finally {
    source.destroy();
    parser.destroy();
  }
}
