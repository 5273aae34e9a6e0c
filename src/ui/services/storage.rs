//! The only code that touches browser storage: the IndexedDB database that holds the
//! cases and the settings, the service worker that keeps the app shell in a cache, and
//! wiping all of it. Values are strings (JSON or TOML) under string keys; what they mean
//! is decided by the caller (`ui::hooks::cases`), see `docs/storage.md`.
//!
//! Where the browser offers storage buckets (Chromium), the database lives in a bucket
//! of its own, `cirkelbreker-<n>`: deleting a bucket deletes its files, which deleting a
//! database does not (the old values stay in the origin's LevelDB files until it happens
//! to compact). Compacting copies the database into bucket `n + 1` and deletes bucket
//! `n`; with several buckets the lowest is the one in use (a higher one is a copy that
//! did not finish, deleted on start). Elsewhere the database is in the origin's default
//! IndexedDB, as before. The first steps of finding and opening it, and reading it whole,
//! are begun by `www/storage-early.js` while the module downloads; `locate` takes them
//! over, and [`read_at_start`] answers from that read.

use crate::core::lang::Lang;
use crate::core::sorting;
use crate::core::store_snapshot::StoreSnapshot;
use js_sys::{Array, Function, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    BroadcastChannel, Event, IdbDatabase, IdbFactory, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction,
    IdbTransactionMode,
};

/// The database name.
const DB_NAME: &str = "cirkelbreker";
/// The schema version of the database (object stores), not of the case format.
const DB_VERSION: u32 = 1;
/// The service worker script, served from the root so it controls the whole app.
const SERVICE_WORKER: &str = "sw.js";
/// Storage buckets of this app are named this prefix and a generation number.
const BUCKET_PREFIX: &str = "cirkelbreker-";
/// Every object store, in the order they are created and copied.
const STORES: [Store; 2] = [Store::Cases, Store::Settings];

/// An object store of the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// One record per case, keyed by the case id.
    Cases,
    /// Small settings: the last opened case, the user's own rules, the encryption check.
    Settings,
}

impl Store {
    fn name(self) -> &'static str {
        match self {
            Store::Cases => "cases",
            Store::Settings => "settings",
        }
    }
}

/// Why a storage operation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refused (quota, private mode, a damaged profile); its own message,
    /// if it gave one.
    Browser(Option<String>),
    /// The page has no window.
    NoWindow,
    /// The browser offers no IndexedDB (some private windows).
    NoIndexedDb,
    /// Storage buckets were needed but the browser has none.
    NoBuckets,
    /// A transaction was aborted without a reason.
    Aborted,
    /// The data was wiped (in this or another tab) after this page opened it.
    Wiped,
    /// A record could not be written as JSON.
    Encoding(String),
}

impl StorageError {
    /// The error as the user reads it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            StorageError::Browser(Some(reason)) => reason.clone(),
            StorageError::Browser(None) if nl => "onbekende fout van de browser".into(),
            StorageError::Browser(None) => "an unknown error of the browser".into(),
            StorageError::NoWindow if nl => "geen browservenster".into(),
            StorageError::NoWindow => "no browser window".into(),
            StorageError::NoIndexedDb if nl => "deze browser biedt geen IndexedDB (privévenster?)".into(),
            StorageError::NoIndexedDb => "this browser offers no IndexedDB (a private window?)".into(),
            StorageError::NoBuckets if nl => "deze browser biedt geen opslagemmers".into(),
            StorageError::NoBuckets => "this browser offers no storage buckets".into(),
            StorageError::Aborted if nl => "opslaan afgebroken".into(),
            StorageError::Aborted => "saving was aborted".into(),
            StorageError::Wiped if nl => {
                "de gegevens zijn gewist (in dit of een ander tabblad); herlaad de pagina om opnieuw te beginnen".into()
            }
            StorageError::Wiped => "the data was wiped (in this or another tab); reload the page to start again".into(),
            StorageError::Encoding(reason) if nl => format!("de gegevens konden niet worden geschreven: {reason}"),
            StorageError::Encoding(reason) => format!("the data could not be written: {reason}"),
        }
    }
}

impl From<JsValue> for StorageError {
    fn from(value: JsValue) -> Self {
        let message = value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| value.dyn_ref::<web_sys::DomException>().map(|e| format!("{}: {}", e.name(), e.message())))
            .or_else(|| value.as_string());
        StorageError::Browser(message)
    }
}

thread_local! {
    /// The open connection, reused by every operation of this tab.
    static DATABASE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// The generation of the bucket the connection is in (`None`: the default storage).
    static GENERATION: Cell<Option<u32>> = const { Cell::new(None) };
    /// The connection was closed because another tab deleted the database (or this tab
    /// wiped it). Opening it again would create a new, empty database, so only a
    /// compacted copy in a bucket is opened after that; otherwise storage stays off.
    static LOST: Cell<bool> = const { Cell::new(false) };
    /// The bucket objects opened by this tab, by generation. Chromium stops serving a
    /// bucket's IndexedDB requests once its `StorageBucket` object is garbage collected,
    /// even while a connection made through it is open: a bucket in use is kept here.
    static OPEN_BUCKETS: RefCell<BTreeMap<u32, JsValue>> = const { RefCell::new(BTreeMap::new()) };
    /// What `www/storage-early.js` read of the database it opened, until [`read_at_start`]
    /// takes it.
    static EARLY_ENTRIES: RefCell<Option<StoreSnapshot>> = const { RefCell::new(None) };
}

/// A future of the first event (an `Event`) delivered to the one-shot handler that `listen`
/// installs. The handler must be installed only for events of which exactly one fires
/// (success or error of a request; complete or abort of a transaction). It is installed
/// at once, not when the future is first awaited, so several requests can be made and
/// then awaited one by one without missing an event.
fn next_event(listen: impl FnOnce(&Function)) -> JsFuture {
    let mut listen = Some(listen);
    let promise = Promise::new(&mut |resolve, _reject| {
        let handler = Closure::once_into_js(move |event: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &event);
        });
        if let Some(listen) = listen.take() {
            listen(handler.unchecked_ref());
        }
    });
    JsFuture::from(promise)
}

/// The result of a request once it succeeded (its handlers installed at once, see
/// [`next_event`]).
fn finished(request: &IdbRequest) -> impl std::future::Future<Output = Result<JsValue, StorageError>> {
    let event = next_event(|handler| {
        request.set_onsuccess(Some(handler));
        request.set_onerror(Some(handler));
    });
    let request = request.clone();
    async move {
        let event: Event = event.await?.unchecked_into();
        if event.type_() == "success" {
            return Ok(request.result()?);
        }
        // Handled here: keep the error from also surfacing as an uncaught console error.
        event.prevent_default();
        Err(request.error().ok().flatten().map_or(StorageError::Browser(None), |e| JsValue::from(e).into()))
    }
}

/// Waits until a transaction is committed; an aborted one is an error.
async fn committed(transaction: &IdbTransaction) -> Result<(), StorageError> {
    let event = next_event(|handler| {
        transaction.set_oncomplete(Some(handler));
        transaction.set_onabort(Some(handler));
    })
    .await?
    .unchecked_into::<Event>();
    if event.type_() == "complete" {
        return Ok(());
    }
    Err(transaction.error().map_or(StorageError::Aborted, |e| JsValue::from(e).into()))
}

fn window() -> Result<web_sys::Window, StorageError> {
    web_sys::window().ok_or(StorageError::NoWindow)
}

/// The origin's default IndexedDB.
fn default_factory() -> Result<IdbFactory, StorageError> {
    window()?.indexed_db()?.ok_or(StorageError::NoIndexedDb)
}

/// `navigator.storageBuckets`, where the browser has it.
fn buckets() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    Reflect::get(&navigator, &"storageBuckets".into()).ok().filter(|value| value.is_object())
}

/// Calls `method` of the bucket manager with `argument` and waits for its promise.
async fn call_buckets(method: &str, argument: Option<&str>) -> Result<JsValue, StorageError> {
    let manager = buckets().ok_or(StorageError::NoBuckets)?;
    let function: Function = Reflect::get(&manager, &method.into())?.dyn_into()?;
    let promise: Promise = match argument {
        Some(argument) => function.call1(&manager, &argument.into())?,
        None => function.call0(&manager)?,
    }
    .dyn_into()?;
    Ok(JsFuture::from(promise).await?)
}

/// The generations of this app's buckets, lowest first.
async fn generations() -> Result<Vec<u32>, StorageError> {
    let names: Array = call_buckets("keys", None).await?.unchecked_into();
    let mut generations: Vec<u32> =
        names.iter().filter_map(|name| name.as_string()?.strip_prefix(BUCKET_PREFIX)?.parse().ok()).collect();
    sorting::sort(&mut generations);
    Ok(generations)
}

fn bucket_name(generation: u32) -> String {
    format!("{BUCKET_PREFIX}{generation}")
}

/// The IndexedDB of bucket `generation`, created if needed; the bucket object is kept
/// until the bucket is deleted (see `OPEN_BUCKETS`).
async fn bucket_factory(generation: u32) -> Result<IdbFactory, StorageError> {
    let bucket = call_buckets("open", Some(&bucket_name(generation))).await?;
    let factory = Reflect::get(&bucket, &"indexedDB".into())?.unchecked_into();
    OPEN_BUCKETS.with(|open| open.borrow_mut().insert(generation, bucket));
    Ok(factory)
}

/// Deletes bucket `generation` with its files.
async fn delete_bucket(generation: u32) -> Result<(), StorageError> {
    call_buckets("delete", Some(&bucket_name(generation))).await?;
    OPEN_BUCKETS.with(|open| open.borrow_mut().remove(&generation));
    Ok(())
}

/// Opens (and creates the stores of) the database in `factory`.
async fn open_in(factory: &IdbFactory) -> Result<IdbDatabase, StorageError> {
    let request = factory.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrade = {
        let request = request.clone();
        Closure::once_into_js(move |_: JsValue| {
            let Ok(result) = request.result() else { return };
            let database: IdbDatabase = result.unchecked_into();
            for store in STORES {
                if !database.object_store_names().contains(store.name()) {
                    let _ = database.create_object_store(store.name());
                }
            }
        })
    };
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    Ok(finished(&request).await?.unchecked_into())
}

/// Whether the default IndexedDB holds this app's database (from before buckets).
async fn default_database_exists() -> bool {
    let Ok(factory) = default_factory() else { return false };
    let Ok(function) = Reflect::get(&factory, &"databases".into()).and_then(|f| f.dyn_into::<Function>()) else {
        return false;
    };
    let Ok(promise) = function.call0(&factory).and_then(|p| p.dyn_into::<Promise>()) else { return false };
    let Ok(list) = JsFuture::from(promise).await else { return false };
    Array::from(&list)
        .iter()
        .any(|info| Reflect::get(&info, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some(DB_NAME))
}

/// Copies every record of every store from `from` into `to`, one transaction per store.
async fn copy_database(from: &IdbDatabase, to: &IdbDatabase) -> Result<(), StorageError> {
    for store in STORES {
        let source = from.transaction_with_str(store.name())?.object_store(store.name())?;
        let keys: Array = finished(&source.get_all_keys()?).await?.unchecked_into();
        let values: Array = finished(&source.get_all()?).await?.unchecked_into();
        let transaction = to.transaction_with_str_and_mode(store.name(), IdbTransactionMode::Readwrite)?;
        let target = transaction.object_store(store.name())?;
        for (key, value) in keys.iter().zip(values.iter()) {
            target.put_with_key(&value, &key)?;
        }
        committed(&transaction).await?;
    }
    Ok(())
}

async fn delete_in(factory: &IdbFactory) -> Result<(), StorageError> {
    let request = factory.delete_database(DB_NAME)?;
    finished(&request).await.map(|_| ())
}

#[wasm_bindgen(raw_module = "./www/storage-early.js")]
extern "C" {
    /// The opening of the database that `www/storage-early.js` began while the module
    /// was downloading, once: a promise of `{ generations, bucket, database,
    /// beforeBuckets, lost }` (`generations`, `bucket` and `beforeBuckets` only where there
    /// are buckets).
    #[wasm_bindgen(js_name = takeEarlyOpening)]
    fn take_early_opening() -> Option<Promise>;

    /// The announcement channel `www/storage-early.js` opened before it read the database,
    /// once: `{ channel, heard }`, with every message it heard since.
    #[wasm_bindgen(js_name = takeEarlyChannel)]
    fn take_early_channel() -> Option<js_sys::Object>;
}

/// The channel named `name` that `www/storage-early.js` opened before it read the
/// database, with the messages it heard meanwhile, oldest first; `None` when it opened
/// none (or another name). Taken over with its messages, no change another tab announced
/// after that read is missed.
pub fn early_channel(name: &str) -> Option<(BroadcastChannel, Vec<JsValue>)> {
    let taken = take_early_channel()?;
    let channel: BroadcastChannel = Reflect::get(&taken, &"channel".into()).ok()?.dyn_into().ok()?;
    if channel.name() != name {
        channel.close();
        return None;
    }
    let heard = Reflect::get(&taken, &"heard".into()).map(|heard| Array::from(&heard).to_vec()).unwrap_or_default();
    Some((channel, heard))
}

/// The entries `www/storage-early.js` read (`{ <store>: { keys, values } }`), as string
/// pairs like [`entries_with_prefix`] gives them.
fn snapshot_of(entries: &JsValue) -> StoreSnapshot {
    let mut snapshot = StoreSnapshot::default();
    for store in STORES {
        let Ok(read) = Reflect::get(entries, &store.name().into()) else { continue };
        let field = |name: &str| Reflect::get(&read, &name.into()).map(|list| Array::from(&list)).unwrap_or_default();
        let pairs = field("keys")
            .iter()
            .zip(field("values").iter())
            .filter_map(|(key, value)| Some((key.as_string()?, value.as_string()?)))
            .collect();
        snapshot.add_store(store.name(), pairs);
    }
    snapshot
}

/// Where a database was opened, for [`settle`].
struct Opened {
    database: IdbDatabase,
    /// The generations of the buckets (lowest first); `None`: the browser has none.
    generations: Option<Vec<u32>>,
    /// Whether the default IndexedDB holds a database from before buckets, if known.
    before_buckets: Option<bool>,
}

/// The database `www/storage-early.js` opened, the first time only; `None` when it began
/// nothing or failed (then [`locate`] opens the database itself).
async fn early_opening() -> Option<Opened> {
    let opened = JsFuture::from(take_early_opening()?).await.ok()?;
    let field = |name: &str| Reflect::get(&opened, &name.into()).ok();
    let database: IdbDatabase = field("database")?.dyn_into().ok()?;
    if field("lost")?.is_truthy() {
        // Another tab deleted it meanwhile: as `watch` would have noted.
        LOST.with(|lost| lost.set(true));
        return None;
    }
    let (generations, before_buckets) = match field("generations").filter(|value| !value.is_undefined()) {
        None => (None, None),
        Some(generations) => {
            let generations: Vec<u32> =
                Array::from(&generations).iter().filter_map(|g| g.as_f64()).map(|g| g as u32).collect();
            let in_use = generations.first().copied().unwrap_or(1);
            OPEN_BUCKETS.with(|open| open.borrow_mut().insert(in_use, field("bucket")?));
            (Some(generations), field("beforeBuckets")?.as_bool())
        }
    };
    keep_early_entries(field("entries"));
    Some(Opened { database, generations, before_buckets })
}

/// Keeps what `www/storage-early.js` read, if it could read, for [`read_at_start`].
fn keep_early_entries(entries: Option<JsValue>) {
    let snapshot = entries.filter(JsValue::is_object).map(|entries| snapshot_of(&entries));
    EARLY_ENTRIES.with(|early| *early.borrow_mut() = snapshot);
}

/// Opens the database where it lives now: the lowest bucket (deleting unfinished
/// copies above it), a new first bucket (moving a database from the default storage
/// into it), or the default storage where there are no buckets. The first time, the
/// database `www/storage-early.js` opened is taken over.
async fn locate() -> Result<(IdbDatabase, Option<u32>), StorageError> {
    if let Some(opened) = early_opening().await {
        return settle(opened).await;
    }
    if buckets().is_none() {
        if LOST.with(Cell::get) {
            return Err(StorageError::Wiped);
        }
        return Ok((open_in(&default_factory()?).await?, None));
    }
    let generations = generations().await?;
    if generations.is_empty() && LOST.with(Cell::get) {
        return Err(StorageError::Wiped);
    }
    let in_use = generations.first().copied().unwrap_or(1);
    let database = open_in(&bucket_factory(in_use).await?).await?;
    settle(Opened { database, generations: Some(generations), before_buckets: None }).await
}

/// Finishes [`locate`] with the database opened in the lowest bucket (in bucket 1 when
/// there is none): deletes the unfinished copies above it, or moves a database from the
/// default storage into bucket 1.
async fn settle(opened: Opened) -> Result<(IdbDatabase, Option<u32>), StorageError> {
    let Opened { database, generations, before_buckets } = opened;
    let Some(generations) = generations else { return Ok((database, None)) };
    let Some((&in_use, unfinished)) = generations.split_first() else {
        let before_buckets = match before_buckets {
            Some(known) => known,
            None => default_database_exists().await,
        };
        if before_buckets {
            let old = open_in(&default_factory()?).await?;
            copy_database(&old, &database).await?;
            old.close();
            delete_in(&default_factory()?).await?;
        }
        return Ok((database, Some(1)));
    };
    for generation in unfinished {
        delete_bucket(*generation).await?;
    }
    Ok((database, Some(in_use)))
}

/// Forgets the connection when another tab deletes the database (a wipe, or compacting
/// into a new bucket), so that tab is not blocked; the next operation finds the copy, if any.
fn watch(database: &IdbDatabase) {
    let let_go = {
        let database = database.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            database.close();
            DATABASE.with(|d| d.borrow_mut().take());
            LOST.with(|lost| lost.set(true));
        })
    };
    database.set_onversionchange(Some(let_go.as_ref().unchecked_ref()));
    // A deleted bucket closes its connections with `close` instead.
    let _ = database.add_event_listener_with_callback("close", let_go.as_ref().unchecked_ref());
    let_go.forget();
}

/// The database connection, opened (and its stores created) on first use.
async fn database() -> Result<IdbDatabase, StorageError> {
    if let Some(database) = DATABASE.with(|d| d.borrow().clone()) {
        return Ok(database);
    }
    let (database, generation) = locate().await?;
    watch(&database);
    DATABASE.with(|d| *d.borrow_mut() = Some(database.clone()));
    GENERATION.with(|g| g.set(generation));
    Ok(database)
}

/// Copies the database into a fresh bucket and deletes the old one with its files, so
/// nothing overwritten or deleted before stays readable on disk. Returns whether it
/// could (not without storage buckets; see `docs/storage.md`).
///
/// # Errors
/// As [`read`]; the old database is only deleted once the copy is complete.
pub async fn compact() -> Result<bool, StorageError> {
    let current = database().await?;
    let Some(generation) = GENERATION.with(Cell::get) else { return Ok(false) };
    let next = open_in(&bucket_factory(generation + 1).await?).await?;
    copy_database(&current, &next).await?;
    current.close();
    DATABASE.with(|d| d.borrow_mut().take());
    delete_bucket(generation).await?;
    watch(&next);
    DATABASE.with(|d| *d.borrow_mut() = Some(next));
    GENERATION.with(|g| g.set(Some(generation + 1)));
    Ok(true)
}

/// A transaction on one store and the store itself.
async fn store(store: Store, mode: IdbTransactionMode) -> Result<(IdbTransaction, IdbObjectStore), StorageError> {
    let transaction = database().await?.transaction_with_str_and_mode(store.name(), mode)?;
    let object_store = transaction.object_store(store.name())?;
    Ok((transaction, object_store))
}

/// The value under `key`, if any.
///
/// # Errors
/// When the browser refuses (no IndexedDB, quota, private mode).
pub async fn read(from: Store, key: &str) -> Result<Option<String>, StorageError> {
    let (_, object_store) = store(from, IdbTransactionMode::Readonly).await?;
    Ok(finished(&object_store.get(&key.into())?).await?.as_string())
}

/// Every value of a store.
///
/// # Errors
/// As [`read`].
pub async fn read_all(from: Store) -> Result<Vec<String>, StorageError> {
    let (_, object_store) = store(from, IdbTransactionMode::Readonly).await?;
    let values: Array = finished(&object_store.get_all()?).await?.unchecked_into();
    Ok(values.iter().filter_map(|value| value.as_string()).collect())
}

/// Stores `value` under `key` and waits until it is committed.
///
/// # Errors
/// As [`read`].
pub async fn write(to: Store, key: &str, value: &str) -> Result<(), StorageError> {
    let (transaction, object_store) = store(to, IdbTransactionMode::Readwrite).await?;
    object_store.put_with_key(&value.into(), &key.into())?;
    committed(&transaction).await
}

/// Reads the value under `key` and, in the same transaction, writes what `decide`
/// makes of it (nothing when it returns `None`). No other tab can write in between.
/// Returns the value that was there.
///
/// # Errors
/// As [`read`].
pub async fn update(
    to: Store,
    key: &str,
    decide: impl FnOnce(Option<&str>) -> Option<String>,
) -> Result<Option<String>, StorageError> {
    let (transaction, object_store) = store(to, IdbTransactionMode::Readwrite).await?;
    let previous = finished(&object_store.get(&key.into())?).await?.as_string();
    if let Some(value) = decide(previous.as_deref()) {
        object_store.put_with_key(&value.into(), &key.into())?;
    }
    committed(&transaction).await?;
    Ok(previous)
}

/// Deletes the value under `key`.
///
/// # Errors
/// As [`read`].
pub async fn remove(from: Store, key: &str) -> Result<(), StorageError> {
    let (transaction, object_store) = store(from, IdbTransactionMode::Readwrite).await?;
    object_store.delete(&key.into())?;
    committed(&transaction).await
}

/// Every `(key, value)` of a store whose key starts with `prefix`.
///
/// # Errors
/// As [`read`].
pub async fn read_prefix(from: Store, prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
    let (_, object_store) = store(from, IdbTransactionMode::Readonly).await?;
    entries_with_prefix(&object_store, prefix)?.await
}

/// Asks `object_store` for its entries whose key starts with `prefix` (both requests made
/// at once); the future gives them as `(key, value)`.
fn entries_with_prefix(
    object_store: &IdbObjectStore,
    prefix: &str,
) -> Result<impl std::future::Future<Output = Result<Vec<(String, String)>, StorageError>>, StorageError> {
    let range = IdbKeyRange::bound(&prefix.into(), &format!("{prefix}\u{ffff}").into())?;
    let keys = finished(&object_store.get_all_keys_with_key(&range)?);
    let values = finished(&object_store.get_all_with_key(&range)?);
    Ok(async move {
        let keys: Array = keys.await?.unchecked_into();
        let values: Array = values.await?.unchecked_into();
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(key, value)| Some((key.as_string()?, value.as_string()?)))
            .collect())
    })
}

/// What [`read_together`] found: one entry per value asked for, one list per prefix.
#[derive(Debug, Default)]
pub struct Together {
    /// The value under each key asked for, in the order asked.
    pub values: Vec<Option<String>>,
    /// The `(key, value)` entries under each prefix asked for, in the order asked.
    pub prefixed: Vec<Vec<(String, String)>>,
}

/// Several reads in one read-only transaction over every store: the values under
/// `values` and the entries under `prefixes`, all asked at once. One view of storage
/// (no other tab writes in between) and one round trip, for the app's start.
///
/// # Errors
/// As [`read`].
pub async fn read_together(values: &[(Store, &str)], prefixes: &[(Store, &str)]) -> Result<Together, StorageError> {
    let names: Array = STORES.iter().map(|store| JsValue::from(store.name())).collect();
    let transaction = database().await?.transaction_with_str_sequence(&names)?;
    let mut value_requests = Vec::new();
    for (store, key) in values {
        value_requests.push(finished(&transaction.object_store(store.name())?.get(&(*key).into())?));
    }
    let mut prefix_requests = Vec::new();
    for (store, prefix) in prefixes {
        prefix_requests.push(entries_with_prefix(&transaction.object_store(store.name())?, prefix)?);
    }
    let mut together = Together::default();
    for request in value_requests {
        together.values.push(request.await?.as_string());
    }
    for request in prefix_requests {
        together.prefixed.push(request.await?);
    }
    Ok(together)
}

/// [`read_together`] as the app starts: answered from what `www/storage-early.js` read
/// while the module downloaded (one read-only transaction over every store, like
/// `read_together`'s), when it could read and this is the tab's first storage operation;
/// otherwise read now.
///
/// # Errors
/// As [`read`].
pub async fn read_at_start(values: &[(Store, &str)], prefixes: &[(Store, &str)]) -> Result<Together, StorageError> {
    let first = DATABASE.with(|database| database.borrow().is_none());
    database().await?;
    match EARLY_ENTRIES.with(|early| early.borrow_mut().take()) {
        Some(snapshot) if first => Ok(Together {
            values: values.iter().map(|(store, key)| snapshot.value(store.name(), key).map(str::to_string)).collect(),
            prefixed: prefixes.iter().map(|(store, prefix)| snapshot.with_prefix(store.name(), prefix)).collect(),
        }),
        _ => read_together(values, prefixes).await,
    }
}

/// Writes (`Some`) and deletes (`None`) several values in one transaction.
///
/// # Errors
/// As [`read`].
pub async fn write_batch(to: Store, changes: &[(String, Option<String>)]) -> Result<(), StorageError> {
    if changes.is_empty() {
        return Ok(());
    }
    let (transaction, object_store) = store(to, IdbTransactionMode::Readwrite).await?;
    for (key, value) in changes {
        match value {
            Some(value) => object_store.put_with_key(&value.into(), &key.into())?,
            None => object_store.delete(&key.into())?,
        };
    }
    committed(&transaction).await
}

/// Registers the service worker that keeps the app shell for offline use. A browser
/// without service workers (or a refusal) only loses offline start; it is logged.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    if !Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let promise = window.navigator().service_worker().register(SERVICE_WORKER);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = JsFuture::from(promise).await {
            gloo::console::warn!(format!(
                "service worker not registered: {}",
                StorageError::from(error).message(Lang::En)
            ));
        }
    });
}

/// Deletes everything this app keeps in the browser: the IndexedDB database, every
/// cache, the service worker registrations, and local and session storage.
///
/// # Errors
/// The first step the browser refused; the steps before it are done.
pub async fn wipe_everything() -> Result<(), StorageError> {
    LOST.with(|lost| lost.set(true));
    if let Some(database) = DATABASE.with(|d| d.borrow_mut().take()) {
        database.close();
    }
    if buckets().is_some() {
        for generation in generations().await? {
            delete_bucket(generation).await?;
        }
    }
    delete_in(&default_factory()?).await?;
    let window = window()?;
    if let Ok(caches) = window.caches() {
        let names: Array = JsFuture::from(caches.keys()).await?.unchecked_into();
        for name in names.iter().filter_map(|name| name.as_string()) {
            JsFuture::from(caches.delete(&name)).await?;
        }
    }
    if Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false) {
        let registrations: Array =
            JsFuture::from(window.navigator().service_worker().get_registrations()).await?.unchecked_into();
        for registration in registrations.iter() {
            let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
            JsFuture::from(registration.unregister()?).await?;
        }
    }
    for storage in [window.local_storage(), window.session_storage()] {
        if let Ok(Some(storage)) = storage {
            storage.clear()?;
        }
    }
    Ok(())
}
