// Begins opening Cirkelbreker's database while the WebAssembly module is still downloading.
// index.html runs this file as soon as it arrives (the module's JS glue imports the same
// instance), long before the app can run. It takes the first steps of `locate` in
// src/ui/services/storage.rs: the app's storage buckets listed, the lowest one (or a first
// one) opened with the database in it and its object stores, and whether a database from
// before buckets is left in the default IndexedDB. The storage service takes the open
// database over when the app starts (`takeEarlyOpening`) and does the rest (deleting
// unfinished copies, moving a database from before buckets). Without storage buckets it
// opens the database in the site's default IndexedDB; in the analysis worker (no document)
// it does nothing. See docs/storage.md.
const DB_NAME = 'cirkelbreker';
const DB_VERSION = 1;
/** The object stores, as `STORES` in src/ui/services/storage.rs. */
const STORES = ['cases', 'settings'];

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

/** Opens the database in `factory`, creating its object stores when it is new. */
function openDatabase(factory) {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      for (const store of STORES) {
        if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
      }
    };
    request.onsuccess = () => {
      request.result.onversionchange = letGo;
      request.result.addEventListener('close', letGo);
      resolve(request.result);
    };
    request.onerror = (event) => {
      event.preventDefault();
      reject(request.error);
    };
  });
}

/** Whether the site's default IndexedDB holds the database (from before buckets). */
async function inDefaultStorage() {
  return (await indexedDB.databases()).some((database) => database.name === DB_NAME);
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

let early = globalThis.document && globalThis.indexedDB ? open() : null;
// A refusal is the storage service's to report, when it opens the database itself.
early?.catch(() => {});

/**
 * The early opening, once (null after that, or where none was begun): a promise of what
 * `open` gives, with `lost` set when the connection was let go in the meantime. The
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
