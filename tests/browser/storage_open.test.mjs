// Opening the stored cases. The page begins opening the database while the module downloads
// (www/storage-early.js) and the app takes it over; the rest of finding the database still
// happens (docs/storage.md): a database from before storage buckets is moved into bucket 1
// and deleted from the default IndexedDB, and an unfinished copy above the bucket in use is
// deleted when the app starts. The stored case opens each time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, screenshot, watchErrors } from './harness.mjs';
import { profileSession, waitForStorage, waitForRecords, openCasesTab, addFactor } from './storage_helpers.mjs';

const session = profileSession();

/** A stored case record (docs/storage.md) of a case with one factor. */
function record(id, title, label) {
  const kase = { format: 'cirkelbreker-case', version: 1, title, factors: [{ id: 'f1', label, kind: 'schuld', x: 0, y: 0 }], links: [] };
  return JSON.stringify({ id, revision: 3, updated: Date.now(), case: JSON.stringify(kase) });
}

/**
 * Runs in a page of the origin: writes `records` (`[store, key, value]`) into the database
 * `cirkelbreker`, creating it with its stores, in the default IndexedDB or in `bucket`.
 */
async function seed({ bucket, records }) {
  const factory = bucket ? (await navigator.storageBuckets.open(bucket)).indexedDB : indexedDB;
  const db = await new Promise((resolve, reject) => {
    const request = factory.open('cirkelbreker', 1);
    request.onupgradeneeded = () => { for (const store of ['cases', 'settings']) request.result.createObjectStore(store); };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction(['cases', 'settings'], 'readwrite');
    for (const [store, key, value] of records) tx.objectStore(store).put(value, key);
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  });
  db.close();
}

/** Runs in the page: the app's buckets and whether the default IndexedDB holds the database. */
async function where() {
  return {
    buckets: (await navigator.storageBuckets.keys()).filter((name) => name.startsWith('cirkelbreker-')).sort(),
    inDefault: (await indexedDB.databases()).some((database) => database.name === 'cirkelbreker'),
  };
}

test('a database from before buckets moves into bucket 1, an unfinished copy is deleted, and the stored case opens', async () => {
  const { context } = await session.freshBrowser();
  // A page of the origin that is not the app (its missing favicon is no error of the
  // app's): the database as an older version left it.
  const older = await context.newPage();
  await older.goto(new URL('www/icon.svg', session.url).href);
  await older.evaluate(seed, {
    records: [['cases', 'c1', record('c1', 'Van voor de emmers', 'Huurschuld van vroeger')], ['settings', 'last-case', 'c1']],
  });
  assert.deepEqual(await older.evaluate(where), { buckets: [], inDefault: true });
  await older.close();

  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(session.url);
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]', { hasText: 'Huurschuld van vroeger' }).waitFor();
  await waitForRecords(page, { count: 1, includes: ['Huurschuld van vroeger'] });
  assert.deepEqual(await page.evaluate(where), { buckets: ['cirkelbreker-1'], inDefault: false });

  // A copy into bucket 2 that never finished (compacting was interrupted).
  await page.evaluate(seed, { bucket: 'cirkelbreker-2', records: [['cases', 'c9', record('c9', 'Halve kopie', 'Niet af')]] });
  await page.reload();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]', { hasText: 'Huurschuld van vroeger' }).waitFor();
  assert.deepEqual(await page.evaluate(where), { buckets: ['cirkelbreker-1'], inDefault: false });
  await openCasesTab(page);
  await page.locator('#cases-panel', { hasText: 'Van voor de emmers' }).waitFor();
  assert.equal(await page.locator('#cases-panel', { hasText: 'Halve kopie' }).count(), 0);
  await screenshot(page, 'load-opened-after-move');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a change another tab saves after the loading tab read the database is not missed', async () => {
  // No service worker: the second tab's module comes from the network, where it is held.
  const { context, close } = await launch({ serviceWorkers: 'block' });
  let release = () => {};
  try {
    const first = await context.newPage();
    const firstErrors = watchErrors(first);
    await first.goto(session.url);
    await waitForStorage(first, 'ready');
    await addFactor(first, 'Huurachterstand');
    await waitForRecords(first, { count: 1, includes: ['Huurachterstand'] });

    // The second tab reads the database while its module is held back, as if downloading.
    const second = await context.newPage();
    const errors = watchErrors(second);
    const held = new Promise((resolve) => { release = resolve; });
    await second.route('**/cirkelbreker_bg.wasm', async (route) => { await held; await route.continue(); });
    await second.goto(session.url, { waitUntil: 'commit' });
    await second.waitForFunction(() => performance.getEntriesByName('cirkelbreker-storage-read').length > 0);
    assert.equal(await second.locator('#case-map').count(), 0, 'the app is not running yet');

    // Meanwhile the first tab saves a second factor; then the module arrives.
    await addFactor(first, 'Beslag op inkomen');
    await waitForRecords(first, { count: 1, includes: ['Huurachterstand', 'Beslag op inkomen'] });
    release();
    await waitForStorage(second, 'ready');
    await second.locator('[data-factor]', { hasText: 'Beslag op inkomen' }).waitFor();
    assert.equal(await second.locator('[data-factor]', { hasText: 'Huurachterstand' }).count(), 1);
    await screenshot(second, 'load-heard-while-loading');
    assert.deepEqual(errors, []);
    assert.deepEqual(firstErrors, []);
  } finally {
    // A held request would keep the server from closing.
    release();
    await close();
  }
});
