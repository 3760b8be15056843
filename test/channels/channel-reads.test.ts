import { createAccount, type TestAccount } from '../support/accounts.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { recordHistory } from '../replay/record-history.js';

let app: TestApp;
let owner: TestAccount;
let stranger: TestAccount;
let channel: { id: string; phoneNumber: string };

beforeAll(async () => {
  app = await startTestApp();
  [owner, stranger] = await Promise.all([createAccount(app), createAccount(app)]);
  channel = (await app.http.post('/api/channels/generate-phone-number', { country: 'Germany', type: 'sms' }, { token: owner.token })).body;
});
afterAll(() => app?.close());

describe('channels list, read and release', () => {
  it("when the owner lists channels, with or without the trailing slash, then the tenant's channel is there", async () => {
    for (const path of ['/api/channels/', '/api/channels']) {
      const res = await app.http.get(path, { token: owner.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ id: channel.id, phoneNumber: channel.phoneNumber, isoCountry: 'DE', type: 'sms' })]);
    }
  });

  it('when filtered by another type, then the list is empty', async () => {
    const res = await app.http.get('/api/channels/?type=voice', { token: owner.token });
    expect(res.body).toEqual([]);
  });

  it("when another tenant reads, lists or deletes the channel, then it does not exist for them", async () => {
    expect((await app.http.get(`/api/channels/${channel.id}`, { token: stranger.token })).status).toBe(404);
    expect((await app.http.get('/api/channels/', { token: stranger.token })).body).toEqual([]);
    expect((await app.http.delete(`/api/channels/${channel.id}`, { token: stranger.token })).status).toBe(404);
  });

  it('when the id is not a uuid, then 404', async () => {
    const res = await app.http.get('/api/channels/not-a-uuid', { token: owner.token });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'Channel not found.' });
  });

  it('when the owner deletes the channel, then the number is released and the channel is gone', async () => {
    const res = await app.http.delete(`/api/channels/${channel.id}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: channel.id, phoneNumber: channel.phoneNumber, status: 'released', released: true });
    expect((await app.http.get(`/api/channels/${channel.id}`, { token: owner.token })).status).toBe(404);
    expect((await app.http.get('/api/channels/', { token: owner.token })).body).toEqual([]);
    const { rows } = await app.owner.query(`select status, released_at from channels where id = $1`, [channel.id]);
    expect(rows[0]).toEqual({ status: 'released', released_at: expect.any(Date) });
    await recordHistory(app, `channel-release-t${owner.tenantId}-${channel.id}`, 'channel-release');
    expect((await app.http.delete(`/api/channels/${channel.id}`, { token: owner.token })).status).toBe(404);
  });
});
