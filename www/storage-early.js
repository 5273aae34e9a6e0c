// Begins opening Cirkelbreker's database while the WebAssembly module is still downloading.
// index.html runs this file as soon as it arrives (the module's JS glue imports the same
// instance), long before the app can run. It takes the first steps of `locate` in
// src/ui/services/storage.rs: the app's storage buckets listed, the lowest one (or a first
// one) opened with the database in it and its object stores, and whether a database from
// before buckets is left in the default IndexedDB. Then it reads every entry of the
// database in one read-only transaction: what the app opens with, ready when it starts.
// The channel on which other tabs announce their changes is opened before that read and
// keeps every message it hears, so a change made after the read is not missed. The storage
// service takes the open database, the read and the channel over when the app starts
// (`takeEarlyOpening`, `takeEarlyChannel`) and does the rest (deleting unfinished copies,
// moving a database from before buckets). Without storage buckets it opens the database in
// the site's default IndexedDB; in the analysis worker (no document) it does nothing. See
// docs/storage.md.
const DB_NAME = 'cirkelbreker';
const DB_VERSION = 1;
/** The object stores, as `STORES` in src/ui/services/storage.rs. */
const STORES = ['cases', 'settings'];
/** The channel of the tabs' announcements, as `CHANNEL` in src/ui/hooks/cases.rs. */
const CHANNEL = 'cirkelbreker-cases';

/** Whether the connection opened here was let go before the storage service took it. */
let lost = false;

/**
 * Until the storage service takes the connection over, one that another tab asks to delete
 * (a wipe, or compacting into a new bucket) is let go and marked lost, as the service's
 * `watch` does.
 */
function letGo(event) {
  event.target.close();
  lost = true;
}

/** The result of an IndexedDB request. */
function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      reject(request.error);
    };
  });
}

/** Opens the database in `factory`, creating its object stores when it is new. */
function openDatabase(factory) {
  const request = factory.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    for (const store of STORES) {
      if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
    }
  };
  return result(request).then((database) => {
    database.onversionchange = letGo;
    database.addEventListener('close', letGo);
    return database;
  });
}

/** Whether the site's default IndexedDB holds the database (from before buckets). */
async function inDefaultStorage() {
  return (await indexedDB.databases()).some((database) => database.name === DB_NAME);
}

/**
 * Every entry of every store, read in one read-only transaction: `{ <store>: { keys,
 * values } }`, each in key order as IndexedDB lists them.
 */
async function readEverything(database) {
  const transaction = database.transaction(STORES, 'readonly');
  const stores = STORES.map((name) => {
    const store = transaction.objectStore(name);
    return Promise.all([result(store.getAllKeys()), result(store.getAll())]);
  });
  const read = await Promise.all(stores);
  return Object.fromEntries(STORES.map((name, i) => [name, { keys: read[i][0], values: read[i][1] }]));
}

/**
 * `open`, then everything in the database (`entries`, see `readEverything`) unless the
 * storage service is to move a database from before buckets into the one opened (its
 * entries are then not there yet). A read that fails leaves `entries` out: the storage
 * service reads again.
 */
async function openAndRead() {
  const opened = await open();
  if (opened.beforeBuckets) return opened;
  try {
    const entries = await readEverything(opened.database);
    // For the benchmark and the tests (scripts/bench-app.mjs): the database is read.
    performance.mark('cirkelbreker-storage-read');
    return { ...opened, entries };
  } catch {
    return opened;
  }
}

/**
 * `{ generations, bucket, database, beforeBuckets }`: the generations of the app's buckets
 * (lowest first), the object of the one opened (the lowest, or bucket 1 when there is
 * none), the database in it, and, when there was none, whether the default IndexedDB holds
 * one from before buckets; without buckets only `database`.
 */
async function open() {
  if (!navigator.storageBuckets) return { database: await openDatabase(indexedDB) };
  const generations = (await navigator.storageBuckets.keys())
    .map((name) => name.match(/^cirkelbreker-(\d+)$/))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
  const generation = generations[0] ?? 1;
  const beforeBuckets = generations.length === 0 ? inDefaultStorage() : false;
  const bucket = await navigator.storageBuckets.open(`cirkelbreker-${generation}`);
  return { generations, bucket, database: await openDatabase(bucket.indexedDB), beforeBuckets: await beforeBuckets };
}

/**
 * The announcement channel, opened before anything is read, and every message it heard
 * until the storage service takes it (null where there is no document or no channel).
 */
let channel = null;
const heard = [];
if (globalThis.document && globalThis.BroadcastChannel) {
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event) => heard.push(event.data);
}

let early = globalThis.document && globalThis.indexedDB ? openAndRead() : null;
// A refusal is the storage service's to report, when it opens the database itself.
early?.catch(() => {});

/**
 * The early opening, once (null after that, or where none was begun): a promise of what
 * `openAndRead` gives, with `lost` set when the connection was let go in the meantime. The
 * storage service installs its own handlers on the database then.
 */
export function takeEarlyOpening() {
  const taken = early?.then((opened) => {
    opened.database.onversionchange = null;
    opened.database.removeEventListener('close', letGo);
    return { ...opened, lost };
  });
  early = null;
  return taken ?? null;
}

/**
 * The announcement channel and what it heard so far, once (null after that, or where there
 * is none): `{ channel, heard }`. The storage service's handler replaces the one here.
 */
export function takeEarlyChannel() {
  const taken = channel && { channel, heard: heard.splice(0) };
  channel = null;
  return taken;
}
