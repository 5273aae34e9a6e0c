// Nothing leaves the device: every request of the page and of the service worker is
// recorded through load, editing, saving, reload and export, and none may go anywhere
// but the served origin; the Content-Security-Policy stays strict; and after the first
// visit the app opens and works offline from the service worker's cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, expectErrors } from './harness.mjs';
import {
  profileSession, openStoredApp, waitForStorage, waitForRecords, addFactor, openCasesTab,
} from './storage_helpers.mjs';

const session = profileSession();

/** Records every request the context makes: pages and service workers. */
function recordRequests(context) {
  const requests = [];
  context.on('request', (request) => {
    requests.push({ url: request.url(), worker: Boolean(request.serviceWorker()) });
  });
  return requests;
}

/** Whether a URL stays on the served origin (a Blob URL of the page's origin does too). */
function local(url) {
  const origin = new URL(session.url).origin;
  return url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:');
}

test('no request leaves the origin across load, editing, saving, reload and export', async () => {
  const { context } = await session.freshBrowser();
  const requests = recordRequests(context);
  const { page, errors } = await openStoredApp(context, session.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await addFactor(page, 'Schuld');
  await addFactor(page, 'Stress');
  await waitForRecords(page, { count: 1, includes: ['Stress'] });
  await page.reload();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]', { hasText: 'Stress' }).waitFor();
  await openCasesTab(page);
  for (const button of ['#export-json', '#export-csv', '#export-graphml', '#export-dot', '#export-svg', '#export-png']) {
    await Promise.all([page.waitForEvent('download'), page.click(button)]);
  }
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.getByRole('tab', { name: 'Casussen' }).click();

  assert.ok(requests.some((r) => r.worker), 'the service worker\'s own requests are recorded too');
  assert.ok(requests.length > 5, `${requests.length} requests recorded`);
  const foreign = requests.filter((r) => !local(r.url));
  assert.deepEqual(foreign, [], 'no request may leave the device');
  assert.deepEqual(errors, [], 'no console errors (a CSP violation would be one)');
  await context.close();
});

test('the Content-Security-Policy stays strict', async () => {
  const { context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  // The refused request below is reported as a console error, on purpose.
  expectErrors(errors, /Content Security Policy/);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['worker-src'], ["'self'"]);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes("'unsafe-eval'") && !csp.includes('*'), csp);
  // A request to another origin is refused by the browser itself.
  const refused = await page.evaluate(() => fetch('https://example.org/').then(() => false, () => true));
  assert.equal(refused, true);
  await context.close();
});

test('after the first visit the app opens and works offline', async () => {
  const { context } = await session.freshBrowser();
  const requests = recordRequests(context);
  const { page, errors } = await openStoredApp(context, session.url);
  // The probe below, of a file that is not cached, fails offline on purpose.
  expectErrors(errors, /net::ERR_FAILED/);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The shell is cached once the worker is installed.
  await page.waitForFunction(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('cirkelbreker-shell-'));
    return name !== undefined && (await (await caches.open(name)).keys()).length >= 9;
  });
  await addFactor(page, 'Voor de training');
  await waitForRecords(page, { count: 1, includes: ['Voor de training'] });

  await context.setOffline(true);
  const before = requests.length;
  await page.reload();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]', { hasText: 'Voor de training' }).waitFor();
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the worker answers');
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  // Chromium answers the shell from that cache itself, by the worker's static routes.
  const shell = ['cirkelbreker_bg.wasm', 'cirkelbreker.js', 'www/storage-early.js'].map((file) => new URL(file, session.url).href);
  const sources = await page.evaluate((urls) => urls.map((url) => performance.getEntriesByName(url)[0]?.workerMatchedSourceType), shell);
  assert.deepEqual(sources, ['cache', 'cache', 'cache']);
  // Really offline, the worker included: what is not cached cannot be fetched.
  const probe = await page.evaluate(() => fetch('probe-not-cached.txt').then((r) => r.status, () => 'unreachable'));
  assert.equal(probe, 'unreachable');
  await addFactor(page, 'Zonder wifi');
  await waitForRecords(page, { count: 1, includes: ['Zonder wifi'] });
  await screenshot(page, '25-offline');
  const failed = requests.slice(before).filter((r) => !local(r.url));
  assert.deepEqual(failed, []);
  await context.setOffline(false);
  await context.close();
});
