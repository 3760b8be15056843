import { Readable } from 'node:stream';
import type { ObjectStorage } from '../storage/object-storage.js';

export interface FilePart {
  key: string;
  size: number;
}

/** An uploaded file as its chunks in order; byte offsets count from the start of the whole file. */
export class ChunkedFile {
  readonly size: number;

  constructor(private readonly storage: ObjectStorage, private readonly parts: readonly FilePart[]) {
    this.size = parts.reduce((sum, p) => sum + p.size, 0);
  }

  /** The bytes [start, end) as one stream, opening each chunk only when the previous one is used up. */
  read(start = 0, end = this.size): Readable {
    const { storage, parts } = this;
    async function* bytes() {
      let partStart = 0;
      for (const part of parts) {
        const partEnd = partStart + part.size;
        if (partEnd > start && partStart < end) {
          const from = Math.max(start, partStart) - partStart;
          let remaining = Math.min(end, partEnd) - partStart - from;
          const stream = await storage.get(part.key, { start: from });
          try {
            for await (const buf of stream as AsyncIterable<Buffer>) {
              if (remaining <= 0) break;
              const piece = buf.length > remaining ? buf.subarray(0, remaining) : buf;
              remaining -= piece.length;
              yield piece;
            }
          } finally {
            stream.destroy();
          }
        }
        partStart = partEnd;
        if (partStart >= end) break;
      }
    }
    return Readable.from(bytes(), { objectMode: false });
  }

  /** Several ranges back to back, e.g. the header followed by the rows after a resume point. */
  readRanges(ranges: readonly [number, number][]): Readable {
    const self = this;
    async function* bytes() {
      for (const [s, e] of ranges) for await (const buf of self.read(s, e) as AsyncIterable<Buffer>) yield buf;
    }
    return Readable.from(bytes(), { objectMode: false });
  }
}
