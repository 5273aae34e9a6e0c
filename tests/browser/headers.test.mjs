// The local server sends the security headers a static host should send (the README lists
// the same ones), and with them another site cannot frame the app: Chromium refuses the
// frame. The control: the same page framed from a server that sends no headers loads, so
// it is the header, not the page, that keeps the frame out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { DIST, securityHeaders, serveDist } from '../../scripts/serve-dist.mjs';
import { expectErrors, launch, screenshot, watchErrors } from './harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

let app;
let browser;
/** Other origins (other ports on 127.0.0.1): a page that frames a URL, and the plain app. */
let framer;
let plain;

/** A server on a free loopback port answering every request with `respond(req, res)`. */
async function serve(respond) {
  const server = http.createServer(respond);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

before(async () => {
  app = await serveDist();
  browser = await launch();
  framer = await serve((req, res) => {
    const target = new URL(req.url, 'http://x').searchParams.get('src') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Andere site</title><iframe id="framed" src="${target}" width="800" height="500"></iframe>`);
  });
  // The same app without the security headers, as a host that sends none would serve it:
  // every request passed on to the app server, only the type and encoding kept.
  plain = await serve((req, res) => {
    http.get(new URL(req.url, app.url), { headers: { 'accept-encoding': req.headers['accept-encoding'] ?? '' } }, (answer) => {
      const kept = ['content-type', 'content-encoding'].filter((name) => answer.headers[name]);
      res.writeHead(answer.statusCode, Object.fromEntries(kept.map((name) => [name, answer.headers[name]])));
      answer.pipe(res);
    });
  });
});
after(async () => {
  await browser?.close();
  await Promise.all([app, framer, plain].map((server) => server?.close()));
});

/** GETs `pathname` from the app server; resolves to the status and headers. */
function head(pathname) {
  return new Promise((resolve, reject) => {
    http.get(new URL(pathname, app.url), (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    }).on('error', reject);
  });
}

test('every answer carries the security headers, with the page policy and frame-ancestors none', async () => {
  const expected = securityHeaders();
  const policy = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').match(/Content-Security-Policy" content="([^"]+)"/)[1];
  assert.equal(expected['content-security-policy'], `${policy}; frame-ancestors 'none'`);
  for (const [pathname, status] of [['/', 200], ['/cirkelbreker_bg.wasm', 200], ['/niet-er.js', 404], ['/%00', 403]]) {
    const response = await head(pathname);
    assert.equal(response.status, status, pathname);
    for (const [name, value] of Object.entries(expected)) assert.equal(response.headers[name], value, `${pathname}: ${name}`);
  }
  // The README's hosting section lists exactly these headers.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const spelled = { 'x-frame-options': 'X-Frame-Options', 'x-content-type-options': 'X-Content-Type-Options' };
  for (const [name, value] of Object.entries(expected)) {
    const title = spelled[name] ?? name.replace(/(^|-)([a-z])/g, (_, dash, letter) => dash + letter.toUpperCase());
    assert.ok(readme.includes(`\n${title}: ${value}\n`), `README lists ${title}: ${value}`);
  }
});

test('another origin cannot frame the app; without the headers it could', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  expectErrors(errors, /frame-ancestors|Refused to display|refused to connect/i);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.goto(`${framer.url}?src=${encodeURIComponent(plain.url)}`);
  const open = page.frameLocator('#framed');
  await open.locator('h1', { hasText: 'Cirkelbreker' }).waitFor();
  await screenshot(page, 'hardening-framing-control');

  const refused = page.waitForEvent('console', { predicate: (message) => /frame-ancestors/.test(message.text()) });
  await page.goto(`${framer.url}?src=${encodeURIComponent(app.url)}`);
  await refused;
  // Chromium shows its own error page in a refused frame: nothing of the app is in it.
  const frame = await (await page.locator('#framed').elementHandle()).contentFrame();
  assert.equal(await frame.locator('#app').count(), 0, `the app is not in the frame (${frame.url()})`);
  assert.equal(await frame.locator('h1', { hasText: 'Cirkelbreker' }).count(), 0);
  await screenshot(page, 'hardening-framing-refused');
  await page.close();
});
