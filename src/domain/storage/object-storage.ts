import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
}

/**
 * Where uploaded files and import reports live: the local disk now, an S3 bucket later. Keys are
 * slash-separated relative paths (`uploads/<tenant>/<upload>/<index>`); a put replaces the whole object
 * or nothing, so a retried write never leaves a half-written one behind.
 */
export interface ObjectStorage {
  put(key: string, body: Readable | Buffer): Promise<StoredObject>;
  /** The object's bytes from `start` (a byte offset) on; a missing object is an ObjectNotFoundError. */
  get(key: string, opts?: { start?: number }): Promise<Readable>;
  /** Objects whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Removes one object, or every object under a prefix that ends with '/'; absent keys are fine. */
  delete(keyOrPrefix: string): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object at ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Keys never climb out of their root: every segment is a plain name. */
export function assertKey(key: string): void {
  const segments = key.replace(/\/$/, '').split('/');
  if (!segments.length || !segments.every((s) => SEGMENT.test(s) && s !== '..' && s !== '.')) throw new Error(`Invalid storage key: ${key}`);
}
