import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, ObjectNotFoundError, type ObjectStorage, type StoredObject } from './object-storage.js';

/** Objects as files under one root folder (DATA_DIR); each put writes a temporary file and renames it. */
export class LocalDiskStorage implements ObjectStorage {
  constructor(private readonly root: string) {}

  async put(key: string, body: Readable | Buffer): Promise<StoredObject> {
    const file = this.fileOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.part-${randomBytes(6).toString('hex')}`;
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temp));
      await fs.rename(temp, file);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
    return { key, size: (await fs.stat(file)).size };
  }

  async get(key: string, opts: { start?: number } = {}): Promise<Readable> {
    const file = this.fileOf(key);
    const handle = await fs.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new ObjectNotFoundError(key) : err;
    });
    return handle.createReadStream({ start: opts.start ?? 0, highWaterMark: 1 << 20 });
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const dir = prefix.endsWith('/') ? prefix.slice(0, -1) : path.posix.dirname(prefix);
    if (dir !== '.') assertKey(dir);
    const entries = await fs.readdir(path.join(this.root, dir), { withFileTypes: true, recursive: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    const out: StoredObject[] = [];
    for (const e of entries) {
      if (!e.isFile() || e.name.includes('.part-')) continue;
      const full = path.join(e.parentPath, e.name);
      const key = path.relative(this.root, full).split(path.sep).join('/');
      if (key.startsWith(prefix)) out.push({ key, size: (await fs.stat(full)).size });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(keyOrPrefix: string): Promise<void> {
    assertKey(keyOrPrefix);
    await fs.rm(path.join(this.root, keyOrPrefix), { recursive: keyOrPrefix.endsWith('/'), force: true });
  }

  private fileOf(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split('/'));
  }
}
