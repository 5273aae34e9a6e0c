// The release build loads in real headless Chromium, in Dutch, with no console errors
// and no request leaving 127.0.0.1, saying it is loading until it is there; an internal
// error stops it with a notice, not silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSession, expectErrors, launch, openApp, screenshot, watchErrors } from './harness.mjs';
import { wcagViolations } from './a11y.mjs';

const app = appSession();

test('the release build opens in Dutch on an empty case map without console errors', async () => {
  const { page, errors, requests } = await openApp(app.context, app.url);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.locator('#case-map').waitFor();
  assert.match(await page.locator('.first-contact').innerText(), /Dubbelklik op een lege plek/);
  await screenshot(page, '00-empty');
  assert.deepEqual(errors, []);
  const foreign = requests.filter((url) => !url.startsWith(app.url));
  assert.deepEqual(foreign, [], 'no request may leave the device');
});

test('until the module has arrived the page says the app is loading; the app takes its place', async () => {
  // No service worker: the module comes from the network, where it is held back.
  const { context, close } = await launch({ serviceWorkers: 'block', viewport: { width: 1280, height: 720 } });
  let release = () => {};
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/cirkelbreker_bg.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(app.url, { waitUntil: 'commit' });
    const loading = page.getByRole('status').filter({ hasText: 'Cirkelbreker wordt geladen…' });
    await loading.waitFor();
    assert.equal(await page.locator('#case-map').count(), 0, 'the app is not running yet');
    assert.deepEqual(await wcagViolations(page, '#app'), []);
    await screenshot(page, '00-loading');
    release();
    await page.locator('#case-map').waitFor();
    assert.equal(await page.getByText('Cirkelbreker wordt geladen…').count(), 0, 'the app replaced the loading text');
    // A first visit has no earlier case, so opening an example does not say one was kept.
    await page.locator('.first-contact [data-template="CY-01"]').click();
    const opened = page.locator('.notice', { hasText: 'is geopend als nieuwe casus' });
    await opened.waitFor();
    assert.match(await opened.innerText(), /^CY-01 .* is geopend als nieuwe casus\.$/);
    assert.deepEqual(errors, []);
  } finally {
    // A held request would keep the server from closing.
    release();
    await close();
  }
});

test('without scripts the page says what the app needs, not that it is loading', async () => {
  const { context, close } = await launch({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(app.url);
    assert.equal(await page.locator('#app').innerText(), 'Cirkelbreker heeft JavaScript en WebAssembly nodig.');
  } finally {
    await close();
  }
});

test('an internal error (a WebAssembly trap) stops the app with a notice and a reload, in its language', async () => {
  const { page, errors } = await openApp(app.context, app.url);
  expectErrors(errors, /elders/, /unreachable/);
  await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });
  // An ordinary script error elsewhere is not the app stopping.
  await page.evaluate(() => new Promise((resolve) => setTimeout(() => { resolve(); throw new TypeError('elders'); })));
  assert.equal(await page.locator('#app-stopped').count(), 0);

  // A trap escaping an event callback, as a panic in the app ends.
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
  const notice = page.locator('#app-stopped[role=alert]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /Cirkelbreker is gestopt door een interne fout/);
  assert.match(await notice.innerText(), /Alles is opgeslagen, ook de tekst die je aan het typen was\. Herlaad de pagina/);
  assert.equal(await page.evaluate(() => document.getElementById('app').inert), true, 'nothing more can be changed');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Pagina herladen');
  assert.deepEqual(await wcagViolations(page, '#app-stopped'), []);
  await screenshot(page, '00-stopped');
  assert.equal(errors.length, 2, errors.join('\n'));

  // The reload brings the app back without the notice.
  await page.keyboard.press('Enter');
  await page.locator('#case-map').waitFor();
  assert.equal(await page.locator('#app-stopped').count(), 0);

  // In English the notice is English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
  await notice.waitFor();
  assert.match(await notice.innerText(), /Cirkelbreker stopped on an internal error/);
});
