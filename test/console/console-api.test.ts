import { readFile } from 'node:fs/promises';
import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { waitForTask } from '../phone/generation-support.js';
import { insertContacts, setTenantSettings, smsCampaign, waitForCampaign } from '../campaigns/support/campaign-fixtures.js';

let app: TestApp;
let account: TestAccount;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount()));
afterAll(() => app.close());

describe('the console’s files', () => {
  test('when the console is opened, then the page, its modules, its styles and the Socket.IO client come from the API itself', async () => {
    expect((await fetch(`${app.url}/console`, { redirect: 'manual' })).headers.get('location')).toBe('/console/');
    const page = await app.http.get('/console/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const src of ['/console/console.js', '/console/view.js', '/console/vendor/socket.io.esm.min.js']) {
      const res = await app.http.get(src);
      expect([src, res.status, res.headers.get('content-type')]).toEqual([src, 200, 'text/javascript; charset=utf-8']);
    }
    expect((await app.http.get('/console/console.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await app.http.get('/console/vendor/socket.io.esm.min.js')).text).toContain('Socket.IO v4');
    expect((await app.http.get('/console/../package.json')).status).toBe(404);
    expect((await app.http.get('/console/index.html.bak')).status).toBe(404);
  });

  test('when the page is read, then it has no inline script, style or event handler, so a same-origin script policy lets it run', async () => {
    const html = await readFile(new URL('../../public/console/index.html', import.meta.url), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => [m[1].trim(), m[2].trim()])).toEqual([['type="module" src="/console/console.js"', '']]);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=|<style\b/i);
    expect(html).not.toMatch(/https?:\/\//);
  });
});

describe('the console’s reads', () => {
  test('when nobody is signed in, then they answer 401', async () => {
    for (const path of ['/api/console/tasks/', '/api/console/broadcasts/', '/api/console/campaigns/1/timeline/']) expect((await app.http.get(path)).status).toBe(401);
  });

  test('when a tenant has a generation, then its task list shows it with its figures, and another tenant’s list does not', async () => {
    const started = await app.http.post('/api/phone-generator/generate-numbers-enhanced/', { user_id: String(account.userId), area_code: '646', quantity: 50 }, { apiKey: account.apiKey });
    const taskId = started.body.data.task_id;
    await waitForTask(app, taskId);
    const list = await app.http.get('/api/console/tasks/', { token: account.token });
    expect(list.status).toBe(200);
    expect(list.body.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ task_id: taskId, kind: 'phone-generation', status: 'completed', progress: 100, processed_items: 50, total_items: 50, upload_id: null, campaign_id: null }),
      ]),
    );
    const stranger = await createAccount(app);
    const theirs = await app.http.get('/api/console/tasks/', { token: stranger.token });
    expect(theirs.body).toEqual({ count: 0, results: [] });
    expect((await app.http.get('/api/console/tasks/?limit=0', { token: account.token })).status).toBe(400);
  });

  test('when a campaign has sent, then its timeline ends at its sent count, starts at zero, and another tenant cannot read it', async () => {
    await setTenantSettings(app, account.tenantId, { messages_per_second: 0 });
    const ids = await insertContacts(app, account.tenantId, { count: 7 });
    const id = (await app.http.post('/api/messaging/campaigns/', smsCampaign({ target_contact_ids: ids }), { token: account.token })).body.data.id;
    expect((await app.http.get(`/api/console/campaigns/${id}/timeline/`, { token: account.token })).body).toEqual({ campaign_id: id, status: 'draft', points: [] });
    await app.http.post(`/api/messaging/campaigns/${id}/start/`, undefined, { token: account.token });
    const done = await waitForCampaign(app, account, id, (c) => c.status === 'completed');

    const { body } = await app.http.get(`/api/console/campaigns/${id}/timeline/`, { token: account.token });
    expect(body.points.length).toBeGreaterThanOrEqual(2);
    expect(body.points[0]).toEqual(expect.objectContaining({ sent: 0, delivered: 0, failed: 0 }));
    expect(body.points.at(-1)).toEqual(expect.objectContaining({ sent: done.sent_count, failed: done.failed_count }));
    const times = body.points.map((p: { at: string }) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const sent = body.points.map((p: { sent: number }) => p.sent);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));

    const stranger = await createAccount(app);
    expect((await app.http.get(`/api/console/campaigns/${id}/timeline/`, { token: stranger.token })).status).toBe(404);
    expect((await app.http.get('/api/console/campaigns/nope/timeline/', { token: account.token })).status).toBe(404);
  });
});
