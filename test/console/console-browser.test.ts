import type { Browser, Page } from 'playwright-core';
import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { ownTaskQueues, startOwnWorkers, type OwnWorkers } from '../support/own-workers.js';
import { eventually } from '../support/eventually.js';
import type { RowGate } from '../support/row-gate.js';
import { holdBatch } from '../phone/batch-gate.js';
import { taskRow } from '../phone/generation-support.js';
import { insertContacts, setTenantSettings, smsCampaign, waitForCampaign } from '../campaigns/support/campaign-fixtures.js';
import { UploadClient } from '../imports/upload-client.js';
import { launchBrowser, pageErrors, signedInConsole, watchErrors } from './browser.js';

// The app's jobs run on workers of this file's own, started once a gate holds the generation part-way.
let app: TestApp;
let account: TestAccount;
let browser: Browser;
let workers: OwnWorkers | undefined;
let gate: RowGate | undefined;
beforeAll(async () => {
  ({ app, account } = await startTestAppWithAccount(ownTaskQueues('console')));
  browser = await launchBrowser();
});
afterAll(async () => {
  await gate?.release();
  await browser?.close();
  await workers?.stop();
  await app?.close();
});

const bar = (page: Page, row: string) => page.locator(`${row} progress`);
const barValue = (page: Page, row: string) => bar(page, row).evaluate((el) => (el as unknown as { value: number }).value);
const pushedEvents = async (page: Page) => Number(await page.locator('#live').getAttribute('data-events'));

describe('the console in a real browser', () => {
  test('when a person signs in and starts a generation from the page, then Socket.IO moves its bar part-way and then to 100 %', async () => {
    const page = await signedInConsole(browser, app, account);
    await page.fill('#generate-form [name=area_code]', '415');
    await page.fill('#generate-form [name=quantity]', '5000');
    await page.click('#generate-form button[type=submit]');

    const first = page.locator('#tasks tbody tr[data-task-id]').first();
    await first.waitFor();
    const taskId = (await first.getAttribute('data-task-id'))!;
    const row = `#tasks tr[data-task-id="${taskId}"]`;
    expect(await page.locator(`${row} td`).first().textContent()).toContain('Generation');

    // Five batches of 1,000; the third waits on the gate, so the page must show 40 % before it can show more.
    gate = await holdBatch(app, 'generation', account.tenantId, taskId, 2);
    workers = await startOwnWorkers(app);
    await gate.reached();
    expect((await taskRow(app, taskId)).processed_items).toBe(2000);
    await eventually(() => barValue(page, row), (v) => v === 40, { what: 'the bar at 40 %' });
    expect(await page.locator(`${row} td.num`).first().textContent()).toBe('2,000 / 5,000');
    expect(await page.locator(`${row} button[data-action=cancel]`).count()).toBe(1);
    expect(await pushedEvents(page)).toBeGreaterThan(0);

    await gate.release();
    await eventually(() => barValue(page, row), (v) => v === 100, { what: 'the bar at 100 %' });
    await page.locator(`${row}[data-status=completed]`).waitFor();
    expect(await page.locator(`${row} td.num`).first().textContent()).toContain('5,000 / 5,000');
    expect(await page.locator(`${row} button[data-action=cancel]`).count()).toBe(0);
    expect(await page.locator('#live').getAttribute('data-state')).toBe('live');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  test('when a signed-in person opens the console in another tab, then the cookie is enough, and a job started elsewhere shows up and finishes there', async () => {
    workers ??= await startOwnWorkers(app);
    const first = await signedInConsole(browser, app, account);
    // Same cookies, but a tab of its own: no access token in its sessionStorage.
    const tab = watchErrors(await first.context().newPage());
    await tab.goto(`${app.url}/console/`);
    await tab.locator('#board').waitFor();
    expect(await tab.locator('#sign-in').isHidden()).toBe(true);
    // Live where the socket handshake takes the cookie, else the REST API every 2 s.
    await tab.locator('#live[data-state=live], #live[data-state=polling]').waitFor();

    const started = await app.http.post('/api/phone-generator/generate-numbers-enhanced/', { user_id: String(account.userId), area_code: '212', quantity: 300 }, { apiKey: account.apiKey });
    const row = `#tasks tr[data-task-id="${started.body.data.task_id}"]`;
    await tab.locator(`${row}[data-status=completed]`).waitFor();
    expect(await barValue(tab, row)).toBe(100);
    expect(pageErrors.get(tab)).toEqual([]);
    await first.context().close();
  });

  test('when a person pauses a running campaign from the page, then the API reports it paused, and the chart shows what was sent', async () => {
    workers ??= await startOwnWorkers(app);
    // One message a second: the campaign is sending for as long as the test needs it to.
    await setTenantSettings(app, account.tenantId, { messages_per_second: 1 });
    const ids = await insertContacts(app, account.tenantId, { count: 60 });
    const base = '/api/messaging/campaigns/';
    const id = (await app.http.post(base, smsCampaign({ name: 'Console pause', target_contact_ids: ids }), { token: account.token })).body.data.id as number;
    expect((await app.http.post(`${base}${id}/start/`, undefined, { token: account.token })).body.campaign.status).toBe('running');
    await waitForCampaign(app, account, id, (c) => c.sent_count >= 2, 'the first messages to leave');

    const page = await signedInConsole(browser, app, account);
    const row = `#campaigns tr[data-campaign-id="${id}"]`;
    await page.locator(`${row}[data-status=running]`).waitFor();
    // The figures move under the button while it waits for the click; the button itself stays put.
    const pause = (await page.$(`${row} button[data-action=pause]`))!;
    const counts = page.locator(`${row} td.num`).first();
    const before = await counts.textContent();
    await eventually(() => counts.textContent(), (text) => text !== before, { what: 'the sent count to move on the page' });
    expect(await pause.evaluate((b) => b.isConnected)).toBe(true);
    await pause.click();

    const paused = await waitForCampaign(app, account, id, (c) => c.status === 'paused', 'the campaign to be paused');
    expect(paused.can_resume).toBe(true);
    await page.locator(`${row}[data-status=paused] button[data-action=resume]`).waitFor();
    expect(await page.locator(`${row} button[data-action=pause]`).count()).toBe(0);

    await page.click(`${row} a.campaign-name`);
    const sentLine = page.locator('#chart svg polyline[data-series=sent]');
    await sentLine.waitFor();
    expect(Number(await sentLine.getAttribute('data-last'))).toBe(paused.sent_count);
    expect(await page.locator('#chart svg polyline').count()).toBe(3);

    await page.click(`${row} button[data-action=cancel]`);
    await waitForCampaign(app, account, id, (c) => c.status === 'cancelled', 'the campaign to be cancelled');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  test('when an import rejected rows, then its row links to the rejected rows, which download with the session cookie', async () => {
    workers ??= await startOwnWorkers(app);
    const csv = ['first_name,email,phone', 'Good,good@example.com,+14155552671', 'BadPhone,badphone@example.com,12345'].join('\r\n');
    const { uploadId, view } = await new UploadClient(app.http, account.apiKey).importFile(csv, { fileName: 'leads.csv' });
    expect(view.import.result).toEqual(expect.objectContaining({ created: 1, rejected: 1 }));

    const page = await signedInConsole(browser, app, account);
    const link = page.locator('#tasks tr[data-status=completed] a[data-action=rejected-rows]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/api/upload/${uploadId}/rejected.csv`);
    expect(await page.locator('#tasks tr:has(a[data-action=rejected-rows]) td.num').first().textContent()).toContain('rejected 1');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('leads-rejected.csv');
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toMatch(/^row_number,reason,first_name,email,phone\n3,.*Invalid E\.164 format/);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
