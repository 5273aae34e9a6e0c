// Test harness: serves dist/ on a loopback port with no network beyond it (through
// scripts/serve-dist.mjs, so the precompressed files load as they ship), starts Debian's
// Chromium headless through playwright-core, and records console errors and every request
// so tests can assert that nothing leaves the device.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveDist } from '../../scripts/serve-dist.mjs';

export { serveDist };

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const ARTIFACTS = path.join(ROOT, 'tests/browser/artifacts');

/** Launches headless Chromium with the flags this machine needs. */
export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
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

/** Opens the app and returns the page plus the console errors and requests it makes. */
export async function openApp(context, baseUrl) {
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
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
