import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';

/** Debian's chromium, which `.ci/run` installs when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
}

/** What went wrong in each page: uncaught errors and console errors (a refused script or style among them). */
export const pageErrors = new WeakMap<Page, string[]>();

/** Records the page's uncaught errors and console errors in `pageErrors`. */
export function watchErrors(page: Page): Page {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    // The page asks who is signed in before it shows the form: that first 401 is expected.
    if (msg.type() === 'error' && !(msg.text().includes('status of 401') && msg.location().url.endsWith('/api/auth/profile/'))) errors.push(`${msg.text()} (${msg.location().url})`);
  });
  return page;
}

/** A fresh browser context on the console, signed in through the console's own form. */
export async function signedInConsole(browser: Browser, app: TestApp, account: TestAccount): Promise<Page> {
  const context = await browser.newContext();
  // Waits are for jobs on a shared, busy machine: states, not durations, so give them room.
  context.setDefaultTimeout(90_000);
  const page = watchErrors(await context.newPage());
  await page.goto(`${app.url}/console/`);
  await page.locator('#sign-in-form').waitFor();
  await page.fill('#sign-in-form [name=login]', account.email);
  await page.fill('#sign-in-form [name=password]', account.password);
  await page.click('#sign-in-form button[type=submit]');
  await page.locator('#board').waitFor();
  await page.locator('#live[data-state=live]').waitFor();
  return page;
}
