// Helpers for the storage and privacy browser tests: a Chromium profile that survives a
// hard kill, reading the app's IndexedDB from the page, and waiting for app states.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveDist, watchErrors, openAddForm } from './harness.mjs';

// Let Playwright see (and take offline) the service worker's own requests too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** A fresh profile directory; `launchProfile` can open it again after a kill. */
export function newProfile() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-storage-'));
}

/** Opens headless Chromium on a profile directory (the harness flags). */
export async function launchProfile(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    args: FLAGS,
  });
}

/**
 * Serves dist/ for the test file that calls this at its top level, and hands out browsers
 * on fresh profiles; after the file's tests the server stops and every profile (and any
 * directory passed to `removeAfterRun`) is deleted. `url` is set once the tests run.
 */
export function profileSession() {
  const directories = [];
  const session = {
    url: '',
    /** Deletes `directory` after the file's tests. */
    removeAfterRun(directory) { directories.push(directory); },
    /** Headless Chromium on a fresh profile, which `launchProfile` can open again after a kill. */
    async freshBrowser() {
      const profile = newProfile();
      directories.push(profile);
      return { profile, context: await launchProfile(profile) };
    },
  };
  let server;
  before(async () => { server = await serveDist(); session.url = server.url; });
  after(async () => {
    await server?.close();
    for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
  });
  return session;
}

/** SIGKILLs every Chromium process of this profile: no unload, no flush, like a crash. */
export function hardKill(profile) {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const pids = lines.filter((line) => line.includes(profile)).map((line) => Number(line.trim().split(/\s+/)[0]));
  for (const pid of pids) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  return pids.length;
}

/** Opens the app in a new page and waits until its stored cases are loaded. */
export async function openStoredApp(context, url, storage = 'ready') {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await waitForStorage(page, storage);
  return { page, errors };
}

/** Waits until the app reports this storage state on the root element. */
export async function waitForStorage(page, storage) {
  await page.locator(`html[data-storage="${storage}"]`).waitFor({ state: 'attached' });
}

/** Every case record in the app's IndexedDB, parsed. */
export async function caseRecords(page) {
  return page.evaluate(recordsInPage, null);
}

/**
 * Waits (in the page, polling every 200 ms) until the stored records meet `condition`:
 * `count` records, every string of `includes` and none of `excludes` in their JSON.
 * Returns the records.
 */
export async function waitForRecords(page, condition) {
  return page.evaluate(recordsInPage, condition);
}

/**
 * Runs in the page: the records (without creating the database if it is missing), at
 * once or, given a condition, once they meet it. `condition.store` reads another store
 * (`settings`: values as they are, parsed when JSON).
 */
async function recordsInPage(condition) {
  // The app's database: in its storage bucket (the lowest `cirkelbreker-<n>`) where the
  // browser has buckets, else in the default IndexedDB.
  const factory = async () => {
    if (!navigator.storageBuckets) return indexedDB;
    const names = (await navigator.storageBuckets.keys()).filter((name) => name.startsWith('cirkelbreker-'))
      .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
    return names.length ? (await navigator.storageBuckets.open(names[0])).indexedDB : null;
  };
  const storeName = condition?.store ?? 'cases';
  const read = async () => {
    const idb = await factory();
    if (!idb) return [];
    const names = (await idb.databases()).map((d) => d.name);
    if (!names.includes('cirkelbreker')) return [];
    const db = await new Promise((resolve, reject) => {
      const request = idb.open('cirkelbreker');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains(storeName)) return [];
      const values = await new Promise((resolve, reject) => {
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return values.map((value) => { try { return JSON.parse(value); } catch { return value; } });
    } finally {
      db.close();
    }
  };
  const deadline = performance.now() + (condition?.timeout ?? 10000);
  for (;;) {
    const records = await read();
    if (!condition) return records;
    const text = JSON.stringify(records);
    const ok = (condition.count === undefined || records.length === condition.count)
      && (condition.includes ?? []).every((part) => text.includes(part))
      && !(condition.excludes ?? []).some((part) => text.includes(part));
    if (ok) return records;
    if (performance.now() > deadline) throw new Error(`records never met ${JSON.stringify(condition)}: ${text.slice(0, 800)}`);
    // Not every frame: opening the bucket so often would starve the app's own writes.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Writes raw values into the app's stores (test set-up: old versions, other tabs). A large
 * value is built in the page: `{ prefix, fill, times, suffix }`.
 */
export async function putRaw(page, store, key, value) {
  await page.evaluate(async ([store, key, value]) => {
    let idb = indexedDB;
    if (navigator.storageBuckets) {
      const names = (await navigator.storageBuckets.keys()).filter((name) => name.startsWith('cirkelbreker-'))
        .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
      idb = (await navigator.storageBuckets.open(names[0] ?? 'cirkelbreker-1')).indexedDB;
    }
    const db = await new Promise((resolve, reject) => {
      const request = idb.open('cirkelbreker');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).put(typeof value === 'string' ? value : value.prefix + value.fill.repeat(value.times) + value.suffix, key);
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, [store, key, value]);
}

/** Adds a factor through the composer and waits for it on the map. */
export async function addFactor(page, label) {
  await openAddForm(page, 'factor');
  await page.fill('#add-factor-name', label);
  await page.press('#add-factor-name', 'Enter');
  await page.locator('[data-factor]', { hasText: label }).first().waitFor();
}

/** Opens the "Casussen" tab. */
export async function openCasesTab(page) {
  await page.getByRole('tab', { name: /Casussen|Cases/ }).click();
  await page.locator('#cases-panel').waitFor();
}

/** The text of the live region once it matches `pattern`. */
export async function noticeMatching(page, pattern) {
  const notice = page.locator('.notice');
  await notice.filter({ hasText: pattern }).waitFor();
  return notice.innerText();
}
