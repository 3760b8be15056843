import type { HttpClient, HttpResult, TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';

/** A client of seed 001's chunked upload, written from the document: init, chunks, complete. */
export class UploadClient {
  constructor(private readonly http: HttpClient, private readonly apiKey: string) {}

  init(body: Record<string, unknown>): Promise<HttpResult> {
    return this.http.post('/api/upload/init/', body, { apiKey: this.apiKey });
  }

  chunk(uploadId: string, chunkIndex: number | string, bytes: Buffer | string, field = 'chunk'): Promise<HttpResult> {
    const form = new FormData();
    form.append('uploadId', uploadId);
    form.append('chunkIndex', String(chunkIndex));
    form.append(field, new Blob([typeof bytes === 'string' ? Buffer.from(bytes) : bytes]), 'blob');
    return this.http.post('/api/upload/chunk/', undefined, { apiKey: this.apiKey, raw: form });
  }

  complete(uploadId: string): Promise<HttpResult> {
    return this.http.post('/api/upload/complete/', { uploadId }, { apiKey: this.apiKey });
  }

  status(uploadId: string): Promise<HttpResult> {
    return this.http.get(`/api/upload/${uploadId}/`, { apiKey: this.apiKey });
  }

  rejected(uploadId: string): Promise<HttpResult> {
    return this.http.get(`/api/upload/${uploadId}/rejected.csv`, { apiKey: this.apiKey });
  }

  cancel(uploadId: string): Promise<HttpResult> {
    return this.http.post(`/api/upload/${uploadId}/cancel/`, undefined, { apiKey: this.apiKey });
  }

  /** Uploads a whole file in `totalChunks` pieces and completes it; answers the complete response. */
  async upload(content: Buffer | string, opts: { fileName?: string; totalChunks?: number } = {}): Promise<{ uploadId: string; complete: HttpResult }> {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const totalChunks = opts.totalChunks ?? 1;
    const init = await this.init({ fileName: opts.fileName ?? 'contacts.csv', fileSize: bytes.length, totalChunks });
    if (init.status !== 200) throw new Error(`init failed: ${init.status} ${init.text}`);
    const size = Math.ceil(bytes.length / totalChunks);
    for (let i = 0; i < totalChunks; i++) {
      const res = await this.chunk(init.body.uploadId, i, bytes.subarray(i * size, (i + 1) * size));
      if (res.status !== 200) throw new Error(`chunk ${i} failed: ${res.status} ${res.text}`);
    }
    return { uploadId: init.body.uploadId, complete: await this.complete(init.body.uploadId) };
  }

  /** Polls the upload until its import task is final. */
  waitForImport(uploadId: string, timeoutMs = 90_000): Promise<HttpResult> {
    return eventually(() => this.status(uploadId), (res) => ['completed', 'failed', 'cancelled'].includes(res.body?.import?.status), {
      timeout: timeoutMs,
      interval: 1000, // a long import must not spend the hourly request budget on polling
      what: `the import of ${uploadId} to finish`,
    });
  }

  /** Upload, complete, and wait: the import's final status view. */
  async importFile(content: Buffer | string, opts: { fileName?: string; totalChunks?: number } = {}): Promise<{ uploadId: string; view: any }> {
    const { uploadId, complete } = await this.upload(content, opts);
    if (complete.status !== 200) throw new Error(`complete failed: ${complete.status} ${complete.text}`);
    return { uploadId, view: (await this.waitForImport(uploadId)).body };
  }
}

/** A fresh account and its upload client, per test: starting an upload spends the user's budget of bulk operations (10 a minute). */
export async function freshUploader(app: TestApp): Promise<{ account: TestAccount; client: UploadClient }> {
  const account = await createAccount(app);
  return { account, client: new UploadClient(app.http, account.apiKey) };
}
