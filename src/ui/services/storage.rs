//! The only code that touches browser storage: the IndexedDB database that holds the
//! cases and the settings, the service worker that keeps the app shell in a cache, and
//! wiping all of it. Values are strings (JSON or TOML) under string keys; what they mean
//! is decided by the caller (`ui::hooks::cases`), see `docs/storage.md`.

use js_sys::{Array, Function, Promise};
use std::cell::RefCell;
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The database name.
const DB_NAME: &str = "cirkelbreker";
/// The schema version of the database (object stores), not of the case format.
const DB_VERSION: u32 = 1;
/// The service worker script, served from the root so it controls the whole app.
const SERVICE_WORKER: &str = "sw.js";

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

/// Why the browser refused a storage operation; carries the browser's own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageError(pub String);

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<JsValue> for StorageError {
    fn from(value: JsValue) -> Self {
        let message = value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| value.dyn_ref::<web_sys::DomException>().map(|e| format!("{}: {}", e.name(), e.message())))
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "onbekende fout van de browser".to_string());
        StorageError(message)
    }
}

thread_local! {
    /// The open connection, reused by every operation of this tab.
    static DATABASE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// A future of the first event delivered to the one-shot handler that `listen`
/// installs. The handler must be installed only for events of which exactly one fires
/// (success or error of a request; complete or abort of a transaction).
async fn next_event(listen: impl FnOnce(&Function)) -> Result<Event, StorageError> {
    let mut listen = Some(listen);
    let promise = Promise::new(&mut |resolve, _reject| {
        let handler = Closure::once_into_js(move |event: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &event);
        });
        if let Some(listen) = listen.take() {
            listen(handler.unchecked_ref());
        }
    });
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

/// The result of a request once it succeeded.
async fn finished(request: &IdbRequest) -> Result<JsValue, StorageError> {
    let event = next_event(|handler| {
        request.set_onsuccess(Some(handler));
        request.set_onerror(Some(handler));
    })
    .await?;
    if event.type_() == "success" {
        return Ok(request.result()?);
    }
    // Handled here: keep the error from also surfacing as an uncaught console error.
    event.prevent_default();
    Err(request
        .error()
        .ok()
        .flatten()
        .map_or_else(|| StorageError("verzoek mislukt".into()), |e| JsValue::from(e).into()))
}

/// Waits until a transaction is committed; an aborted one is an error.
async fn committed(transaction: &IdbTransaction) -> Result<(), StorageError> {
    let event = next_event(|handler| {
        transaction.set_oncomplete(Some(handler));
        transaction.set_onabort(Some(handler));
    })
    .await?;
    if event.type_() == "complete" {
        return Ok(());
    }
    Err(transaction.error().map_or_else(|| StorageError("opslaan afgebroken".into()), |e| JsValue::from(e).into()))
}

fn factory() -> Result<web_sys::IdbFactory, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError("geen browservenster".into()))?;
    window.indexed_db()?.ok_or_else(|| StorageError("deze browser biedt geen IndexedDB (privévenster?)".into()))
}

/// The database connection, opened (and its stores created) on first use.
async fn database() -> Result<IdbDatabase, StorageError> {
    if let Some(database) = DATABASE.with(|d| d.borrow().clone()) {
        return Ok(database);
    }
    let request = factory()?.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrade = {
        let request = request.clone();
        Closure::once_into_js(move |_: JsValue| {
            let Ok(result) = request.result() else { return };
            let database: IdbDatabase = result.unchecked_into();
            for store in [Store::Cases, Store::Settings] {
                if !database.object_store_names().contains(store.name()) {
                    let _ = database.create_object_store(store.name());
                }
            }
        })
    };
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let database: IdbDatabase = finished(&request).await?.unchecked_into();
    // Another tab that wipes everything asks us to let go; close so it is not blocked.
    let on_version_change = {
        let database = database.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            database.close();
            DATABASE.with(|d| d.borrow_mut().take());
        })
    };
    database.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    DATABASE.with(|d| *d.borrow_mut() = Some(database.clone()));
    Ok(database)
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

/// Registers the service worker that keeps the app shell for offline use. A browser
/// without service workers (or a refusal) only loses offline start; it is logged.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    if !js_sys::Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let promise = window.navigator().service_worker().register(SERVICE_WORKER);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = JsFuture::from(promise).await {
            gloo::console::warn!(format!("service worker niet geregistreerd: {}", StorageError::from(error)));
        }
    });
}

/// Deletes everything this app keeps in the browser: the IndexedDB database, every
/// cache, the service worker registrations, and local and session storage.
///
/// # Errors
/// The first step the browser refused; the steps before it are done.
pub async fn wipe_everything() -> Result<(), StorageError> {
    if let Some(database) = DATABASE.with(|d| d.borrow_mut().take()) {
        database.close();
    }
    let request = factory()?.delete_database(DB_NAME)?;
    finished(&request).await?;
    let window = web_sys::window().ok_or_else(|| StorageError("geen browservenster".into()))?;
    if let Ok(caches) = window.caches() {
        let names: Array = JsFuture::from(caches.keys()).await?.unchecked_into();
        for name in names.iter().filter_map(|name| name.as_string()) {
            JsFuture::from(caches.delete(&name)).await?;
        }
    }
    if js_sys::Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false) {
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
