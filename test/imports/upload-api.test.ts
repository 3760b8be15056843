import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { freshUploader, UploadClient } from './upload-client.js';

let app: TestApp;
let account: TestAccount;
let client: UploadClient;

beforeAll(async () => (app = await startTestApp()));
beforeEach(async () => ({ account, client } = await freshUploader(app)));
afterAll(() => app.close());

const CSV = 'first_name,email\nAda,ada@example.com\n';

describe('chunked upload: init', () => {
  test('when an upload is initialised with a .csv name, size and chunk count, then it answers success, an uploadId and "Upload initialized"', async () => {
    const res = await client.init({ fileName: 'contacts.csv', fileSize: 10485760, totalChunks: 10 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, uploadId: expect.stringMatching(/^[0-9a-f-]{36}$/), message: 'Upload initialized' });
  });

  test.each([
    [{ fileName: 'contacts.xlsx', fileSize: 100, totalChunks: 1 }, 'fileName'],
    [{ fileName: 'contacts.csv', fileSize: 0, totalChunks: 1 }, 'fileSize'],
    [{ fileName: 'contacts.csv', fileSize: 6 * 1024 ** 3, totalChunks: 1000 }, 'fileSize'],
    [{ fileName: 'contacts.csv', fileSize: 100, totalChunks: 0 }, 'totalChunks'],
    [{ fileName: 'contacts.csv', fileSize: 100_000_000, totalChunks: 10_001 }, 'totalChunks'],
    [{ fileName: 'contacts.csv', fileSize: 200 * 1024 ** 2, totalChunks: 2 }, 'totalChunks'],
    [{ fileName: 'contacts.csv', fileSize: 'lots', totalChunks: 1 }, 'fileSize'],
    [{ fileSize: 100, totalChunks: 1 }, 'fileName'],
  ])('when init gets %j, then the answer is 400 naming %s', async (body, field) => {
    const res = await new UploadClient(app.http, (await createAccount(app)).apiKey).init(body);
    expect(res.status).toBe(400);
    expect(res.body[field]).toEqual([expect.any(String)]);
  });

  test('when init is called without credentials, then the answer is 401', async () => {
    const res = await app.http.post('/api/upload/init/', { fileName: 'a.csv', fileSize: 10, totalChunks: 1 });
    expect(res.status).toBe(401);
  });
});

describe('chunked upload: chunks', () => {
  test('when chunks arrive out of order and one is repeated, then each is acknowledged and counted once', async () => {
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 30, totalChunks: 3 });
    const third = await client.chunk(body.uploadId, 2, '0123456789');
    expect(third.status).toBe(200);
    expect(third.body).toEqual({ success: true, message: 'Chunk 2 uploaded', uploadedChunks: 1 });
    expect((await client.chunk(body.uploadId, 0, '0123456789')).body.uploadedChunks).toBe(2);
    const retry = await client.chunk(body.uploadId, 0, 'abcdefghij');
    expect(retry.body).toEqual({ success: true, message: 'Chunk 0 uploaded', uploadedChunks: 2 });
    const status = await client.status(body.uploadId);
    expect(status.body).toEqual(expect.objectContaining({ uploadedChunks: 2, missing_chunks: [1], status: 'uploading', task_id: null }));
  });

  test('when a chunk index is out of range or not a number, then the answer is 400 naming chunkIndex', async () => {
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 20, totalChunks: 2 });
    for (const index of [2, -1, 'x']) {
      const res = await client.chunk(body.uploadId, index, '0123456789');
      expect(res.status).toBe(400);
      expect(res.body.chunkIndex).toEqual([expect.any(String)]);
    }
    expect((await client.status(body.uploadId)).body.uploadedChunks).toBe(0);
  });

  test('when the file is sent under another field name or not at all, then the answer is 400 naming chunk', async () => {
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 20, totalChunks: 2 });
    const misnamed = await client.chunk(body.uploadId, 0, 'x', 'file');
    expect(misnamed.status).toBe(400);
    expect(misnamed.body.chunk).toBeDefined();
    const json = await app.http.post('/api/upload/chunk/', { uploadId: body.uploadId, chunkIndex: 0 }, { apiKey: account.apiKey });
    expect(json.status).toBe(400);
    expect(json.body.chunk).toBeDefined();
  });

  test('when the upload id is unknown, malformed or another tenant’s, then chunk, status and complete refuse it', async () => {
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 10, totalChunks: 1 });
    const stranger = new UploadClient(app.http, (await createAccount(app)).apiKey);
    expect((await stranger.chunk(body.uploadId, 0, '0123456789')).status).toBe(404);
    expect((await stranger.status(body.uploadId)).status).toBe(404);
    expect((await stranger.complete(body.uploadId)).status).toBe(404);
    expect((await client.chunk('00000000-0000-4000-8000-000000000000', 0, 'x')).status).toBe(404);
    const malformed = await client.chunk('not-an-id', 0, 'x');
    expect(malformed.status).toBe(400);
    expect(malformed.body.uploadId).toEqual([expect.any(String)]);
    expect((await client.status('not-an-id')).status).toBe(404);
  });
});

describe('chunked upload: complete', () => {
  test('when chunks are missing, then complete answers 400 listing them', async () => {
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 40, totalChunks: 4 });
    await client.chunk(body.uploadId, 1, '0123456789');
    const res = await client.complete(body.uploadId);
    expect(res.status).toBe(400);
    expect(res.body.missing_chunks).toEqual([0, 2, 3]);
    expect(res.body.detail).toMatch(/3 of 4 chunks are missing/);
  });

  test('when the chunks do not add up to fileSize, then complete answers 400 with both figures', async () => {
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 40, totalChunks: 1 });
    await client.chunk(body.uploadId, 0, '0123456789');
    const res = await client.complete(body.uploadId);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ received_bytes: 10, file_size: 40 }));
  });

  test('when every chunk arrived, then complete answers the documented message and s3Key, queues the import once, and refuses more chunks', async () => {
    const { uploadId, complete } = await client.upload(CSV, { totalChunks: 2 });
    expect(complete.status).toBe(200);
    expect(complete.body).toEqual({
      success: true,
      message: '✅ File uploaded successfully. Import job queued.',
      s3Key: `uploads/${uploadId}.csv`,
      task_id: expect.any(String),
      uploadId,
    });
    const again = await client.complete(uploadId);
    expect(again.body.task_id).toBe(complete.body.task_id);
    expect((await client.chunk(uploadId, 0, 'x')).status).toBe(409);
    const view = (await client.waitForImport(uploadId)).body;
    expect(view).toEqual(expect.objectContaining({ status: 'completed', task_id: complete.body.task_id, uploadedChunks: 2, missing_chunks: [] }));
    expect(view.import.status).toBe('completed');
  });
});

describe('chunked upload: size limit', () => {
  let small: TestApp;
  beforeAll(async () => {
    process.env.UPLOAD_MAX_CHUNK_BYTES = '1024';
    try {
      small = await startTestApp();
    } finally {
      delete process.env.UPLOAD_MAX_CHUNK_BYTES;
    }
  });
  afterAll(() => small.close());

  test('when a chunk is larger than the configured limit, then the answer is 413 and the chunk is not counted', async () => {
    const c = new UploadClient(small.http, account.apiKey);
    const { body } = await c.init({ fileName: 'c.csv', fileSize: 2000, totalChunks: 2 });
    const res = await c.chunk(body.uploadId, 0, Buffer.alloc(1500, 'a'));
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/larger than the limit of 1024 bytes/);
    expect((await c.status(body.uploadId)).body.uploadedChunks).toBe(0);
  });

  test('when init announces chunks larger than the limit, then it answers 400 asking for more chunks', async () => {
    const res = await new UploadClient(small.http, account.apiKey).init({ fileName: 'c.csv', fileSize: 5000, totalChunks: 2 });
    expect(res.status).toBe(400);
    expect(res.body.totalChunks[0]).toMatch(/use more chunks/);
  });
});
