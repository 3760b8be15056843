import type { Readable } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * About how many records a CSV stream holds, for the progress bar: line breaks outside quotes, blank
 * lines left out. A scan of bytes, an order of magnitude faster than parsing.
 */
export async function countRecords(stream: Readable): Promise<number> {
  let records = 0;
  let inQuotes = false;
  let lineHasContent = false;
  for await (const buf of stream as AsyncIterable<Buffer>) {
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (b === QUOTE) {
        inQuotes = !inQuotes;
        lineHasContent = true;
      } else if (b === LF && !inQuotes) {
        if (lineHasContent) records++;
        lineHasContent = false;
      } else if (b !== CR) lineHasContent = true;
    }
  }
  return records + (lineHasContent ? 1 : 0);
}
