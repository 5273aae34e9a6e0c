// The release build loads in real headless Chromium, in Dutch, with no console errors
// and no request leaving 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the release build opens in Dutch on an empty case map without console errors', async () => {
  const { page, errors, requests } = await openApp(browser.context, server.url);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.locator('#case-map').waitFor();
  assert.match(await page.locator('.canvas-empty').innerText(), /Dubbelklik/);
  await screenshot(page, '00-empty');
  assert.deepEqual(errors, []);
  const foreign = requests.filter((url) => !url.startsWith(server.url));
  assert.deepEqual(foreign, [], 'no request may leave the device');
});
