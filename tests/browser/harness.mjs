// Test harness: serves dist/ on a loopback port with no network beyond it (through
// scripts/serve-dist.mjs, so the precompressed files load as they ship), starts Debian's
// Chromium headless through playwright-core, and records console errors and every request
// so tests can assert that nothing leaves the device. Any page error or console error
// fails the test it happened in (see `watchErrors`), so a crash cannot hide behind a
// passing assertion.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveDist } from '../../scripts/serve-dist.mjs';

export { serveDist };

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const ARTIFACTS = path.join(ROOT, 'tests/browser/artifacts');

/** Launches headless Chromium with the flags this machine needs (`options` add to or
 * override the context's, e.g. `{ hasTouch: true }` for a tablet). */
export async function launch(options = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    ...options,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { context, close: async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); } };
}

/**
 * Serves dist/ and starts one headless Chromium for the test file that calls this at its
 * top level; both stop after the file's tests. `url` and `context` are set once tests run.
 */
export function appSession() {
  const session = { url: '', context: null };
  let server;
  let browser;
  before(async () => {
    server = await serveDist();
    browser = await launch();
    session.url = server.url;
    session.context = browser.context;
  });
  after(async () => { await browser?.close(); await server?.close(); });
  return session;
}

/** Pages watched in the running test: their errors and the errors a test expects. */
const watched = [];

/**
 * Records every page error and console error of `page`; after the test, any that the
 * test did not expect with `expectErrors` fails it. Returns the live list of errors.
 */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  watched.push({ errors, expected: [] });
  return errors;
}

/** Marks errors matching `patterns` as expected by the test (a deliberate crash). */
export function expectErrors(errors, ...patterns) {
  watched.find((w) => w.errors === errors)?.expected.push(...patterns);
}

afterEach(() => {
  const unexpected = watched.flatMap((w) => w.errors.filter((e) => !w.expected.some((p) => p.test(e))));
  watched.length = 0;
  assert.deepEqual(unexpected, [], 'page errors or console errors during the test');
});

/** Opens the app and returns the page plus the console errors and requests it makes. */
export async function openApp(context, baseUrl) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(baseUrl);
  await page.locator('h1', { hasText: 'Cirkelbreker' }).waitFor();
  return { page, errors, requests };
}

/** Saves a screenshot under tests/browser/artifacts/. */
export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Imports a case file through the Casussen tab, as a user does, and returns to the cycles. */
export async function importCase(page, file) {
  await page.getByRole('tab', { name: /Casussen|Cases/ }).click();
  await page.setInputFiles('#import-file', file);
  await page.getByRole('tab', { name: /Cirkels|Cycles/ }).click();
}

/** Opens the map toolbar's add form for a `factor` or a `link`, unless it is open. */
export async function openAddForm(page, which) {
  const form = page.locator(`#add-${which}-form`);
  if (await form.count() === 0) await page.locator(`#open-add-${which}`).click();
  await form.waitFor();
}

/** A deterministic random case map with `n` factors and `m` distinct links, every factor on a link. */
export function randomCase(n, m, seed) {
  let state = seed;
  const next = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const sectors = ['wonen', 'registratie', 'inkomen', 'schulden', 'zorg', 'jeugd', 'handhaving'];
  const factors = Array.from({ length: n }, (_, i) => ({
    id: `f${i + 1}`, label: `Factor ${i + 1}`, kind: 'situatie', x: (i % 10) * 180, y: Math.floor(i / 10) * 120,
  }));
  const seen = new Set();
  const links = [];
  // A ring first so every factor is on a link, then random extra links.
  for (let i = 0; i < n && links.length < m; i++) seen.add(`${i},${(i + 1) % n}`);
  while (seen.size < m) {
    const a = Math.floor(next() * n); const b = Math.floor(next() * n);
    if (a !== b) seen.add(`${a},${b}`);
  }
  for (const pair of seen) {
    const [a, b] = pair.split(',').map(Number);
    links.push({ id: `l${links.length + 1}`, from: `f${a + 1}`, to: `f${b + 1}`, polarity: next() < 0.3 ? '-' : '+', sector: sectors[Math.floor(next() * sectors.length)] });
  }
  return { format: 'cirkelbreker-case', version: 1, title: `Prestatietest ${n}/${m}`, factors, links };
}

/**
 * Runs in the page: a point where a click lands on link `id` (the middle of its sign badge,
 * else a point along its line, middle first), or null when other parts of the map cover it.
 */
export function uncoveredPoint(id) {
  const group = document.querySelector(`[data-link="${id}"]`);
  if (!group) return null;
  const uncovered = (x, y) => { const hit = document.elementFromPoint(x, y); return hit !== null && group.contains(hit); };
  for (const badge of group.querySelectorAll('.link-sign-bg, .link-sign, circle')) {
    const r = badge.getBoundingClientRect();
    const x = r.left + r.width / 2; const y = r.top + r.height / 2;
    if (r.width > 0 && uncovered(x, y)) return { x, y, on: 'its sign' };
  }
  for (const line of group.querySelectorAll('path')) {
    const length = line.getTotalLength?.() ?? 0;
    const screen = line.getScreenCTM();
    if (length === 0 || !screen) continue;
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
      const { x, y } = line.getPointAtLength(t * length).matrixTransform(screen);
      if (uncovered(x, y)) return { x, y, on: 'its line' };
    }
  }
  return null;
}
