import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { UploadClient } from './upload-client.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const newClient = async (tenantId?: number) => new UploadClient(app.http, (await createAccount(app, { tenantId })).apiKey);

describe('chunks never exceed the declared fileSize', () => {
  test('when one chunk is larger than the whole declared file, then it is refused with 413 and nothing is recorded', async () => {
    const client = await newClient();
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 10, totalChunks: 1 });
    const res = await client.chunk(body.uploadId, 0, 'x'.repeat(20));
    expect(res.status).toBe(413);
    expect(res.body).toEqual(expect.objectContaining({ file_size: 10, received_bytes: 0, chunk_bytes: 20 }));
    expect((await client.status(body.uploadId)).body).toEqual(expect.objectContaining({ uploadedChunks: 0, receivedBytes: 0 }));
  });

  test('when the chunks together would pass fileSize, then the chunk that would is refused, and a retried index counts once', async () => {
    const client = await newClient();
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 30, totalChunks: 3 });
    expect((await client.chunk(body.uploadId, 0, 'x'.repeat(25))).status).toBe(200);
    const over = await client.chunk(body.uploadId, 1, 'y'.repeat(10));
    expect(over.status).toBe(413);
    expect(over.body.detail).toMatch(/more than its fileSize of 30/);
    // Replacing chunk 0 with its right size makes room again.
    expect((await client.chunk(body.uploadId, 0, 'x'.repeat(10))).status).toBe(200);
    expect((await client.chunk(body.uploadId, 1, 'y'.repeat(10))).status).toBe(200);
    expect((await client.status(body.uploadId)).body).toEqual(expect.objectContaining({ uploadedChunks: 2, receivedBytes: 20 }));
  });

  test('when many chunks race past fileSize at once, then the stored bytes never exceed it', async () => {
    const client = await newClient();
    const { body } = await client.init({ fileName: 'c.csv', fileSize: 30, totalChunks: 3 });
    const answers = await Promise.all([0, 1, 2].map((i) => client.chunk(body.uploadId, i, 'z'.repeat(20))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 413, 413]);
    expect((await client.status(body.uploadId)).body.receivedBytes).toBe(20);
  });
});

describe("a tenant's quota of bytes in flight", () => {
  const GiB = 1024 ** 3;

  test('when unfinished uploads hold the whole quota, then the next init is a 413 naming the quota, and another tenant is unaffected', async () => {
    const first = await newClient();
    // The default quota is 10 GiB: two files of the 5 GiB maximum.
    for (let i = 0; i < 2; i++) expect((await first.init({ fileName: 'big.csv', fileSize: 5 * GiB, totalChunks: 200 })).status).toBe(200);
    const refused = await first.init({ fileName: 'small.csv', fileSize: 100, totalChunks: 1 });
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual(expect.objectContaining({ quota: 'upload_bytes_in_flight', quota_bytes: 10 * GiB, bytes_in_flight: 10 * GiB }));
    expect(refused.body.detail).toMatch(/quota/);

    const other = await newClient();
    expect((await other.init({ fileName: 'small.csv', fileSize: 100, totalChunks: 1 })).status).toBe(200);
  });

  test('when two colleagues of one tenant init at once, then the quota is shared and never overrun', async () => {
    const owner = await createAccount(app);
    const colleague = new UploadClient(app.http, (await createAccount(app, { tenantId: owner.tenantId })).apiKey);
    const answers = await Promise.all([new UploadClient(app.http, owner.apiKey), colleague, colleague].map((c) => c.init({ fileName: 'big.csv', fileSize: 4 * GiB, totalChunks: 100 })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 413]);
  });
});
