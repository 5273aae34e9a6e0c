//! The stored cases of this tab: loading the last opened case, autosaving every change,
//! the case list operations, passphrase encryption at rest, and keeping two tabs from
//! silently overwriting each other.
//!
//! Every case is one record (see `docs/storage.md`): its id, a revision number, the save
//! time and the case JSON of `core::formats::case_json` — in the clear, or sealed with
//! the passphrase key. A save writes revision `n + 1` only if the stored revision is
//! still the `n` this tab loaded or last saved, in one IndexedDB transaction; otherwise
//! another tab saved in between and the user chooses. Tabs announce saves on a
//! BroadcastChannel, so an open tab hears at once when its case changed elsewhere.
//!
//! When another tab saved the case while this tab has unsaved changes, the two versions
//! are merged per field (`core::merge`); fields both changed are listed for the user to
//! choose. Text typed and not yet committed is stored as a draft (`core::editor::draft`)
//! with the same autosave, so a crash, reload or closed tab loses at most a second.
//!
//! The state of this tab's storage session lives in one thread-local [`Session`] (the
//! app has one editor); every operation that reads or writes storage takes its turn in a
//! queue, so saves, loads and list changes never interleave.

use crate::core::edit::{apply, Edit, EditError};
use crate::core::editor::draft::{Draft, DraftFate, DraftField};
use crate::core::editor::session::{opening_order, CaseSession, Change, Heard, Mode};
use crate::core::formats::case_json::{self, NotACase};
use crate::core::lang::Lang;
use crate::core::merge::{merge_cases, resolve, Conflict, Side};
use crate::core::model::Case;
use crate::core::number::Fixed;
use crate::core::rules::{parse_user_rules, schema::Rule, write_user_rules_json};
use crate::ui::services::crypto::{self, CryptoError, Envelope, Key, Unsupported};
use crate::ui::services::files;
use crate::ui::services::storage::{self, StorageError, Store};
use crate::ui::state::{Action, CaseSummary, EditorState, Held, Notice, StorageStatus};
use crate::ui::texts::{edit_error, storage_texts, texts};
use gloo::timers::callback::Timeout;
use js_sys::Promise;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{BeforeUnloadEvent, BroadcastChannel, MessageEvent};
use yew::prelude::*;

/// How long after a change the case is saved: the first change starts the timer and
/// later changes do not restart it, so typing or dragging never postpones the save.
pub const AUTOSAVE_MS: u32 = 300;
/// The channel on which tabs announce saves.
const CHANNEL: &str = "cirkelbreker-cases";
/// Settings keys.
const LAST_CASE: &str = "last-case";
const OWN_RULES: &str = "own-rules";
const VAULT: &str = "vault";
/// Settings keys of drafts start with this, then the case id (or [`UNSTORED`]) and `:`.
const DRAFT_PREFIX: &str = "draft:";
/// The case id in the draft key of a case not stored yet.
const UNSTORED: &str = "new";
/// The text sealed in the vault record to check a passphrase.
const VAULT_CHECK: &str = "cirkelbreker-vault";
/// The name under which the own rules are parsed: the sector-file format as JSON
/// (`{"rule": [...]}`), which the rules module reads like its TOML.
const OWN_RULES_FILE: &str = "eigen-regels.json";

/// One stored case. Exactly one of `case` and `sealed` is present.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Record {
    id: String,
    revision: u64,
    /// Save time in milliseconds since 1970 (UTC).
    updated: f64,
    /// The case JSON in the clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    case: Option<String>,
    /// The case JSON sealed with the passphrase key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed: Option<Envelope>,
}

/// Only the revision of a record, read inside the save transaction.
#[derive(Deserialize)]
struct RevisionOnly {
    revision: u64,
}

/// What tabs tell each other (serde's external tagging: `{"saved": {...}}`, `"listed"`).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Message {
    /// A case was saved at this revision.
    Saved { id: String, revision: u64 },
    /// A case was deleted.
    Deleted { id: String },
    /// The case list changed (a case was added, renamed or deleted).
    Listed,
    /// Encryption was switched on or off: every tab must unlock again.
    Vault,
    /// Everything was wiped.
    Wiped,
}

/// Why an operation failed.
#[derive(Debug)]
enum Problem {
    Storage(StorageError),
    Crypto(CryptoError),
    Case(case_json::CaseFileError),
    /// An edit of a stored case was refused.
    Edit(EditError),
    /// The record is gone (deleted in another tab).
    Missing,
    /// Another tab saved a newer revision in between.
    Conflict,
    /// The case could not be read back once stored (too big, or not a valid case).
    NotStorable(case_json::CaseFileError),
}

impl From<StorageError> for Problem {
    fn from(error: StorageError) -> Self {
        Problem::Storage(error)
    }
}

impl From<CryptoError> for Problem {
    fn from(error: CryptoError) -> Self {
        Problem::Crypto(error)
    }
}

/// This tab's storage session.
struct Session {
    dispatcher: Option<UseReducerDispatcher<EditorState>>,
    lang: Lang,
    /// The pure part: which case is on screen, what is stored, what is pending.
    case: CaseSession,
    timer: Option<Timeout>,
    /// The own rules as stored (their JSON; empty when none are), once loaded.
    rules_text: Option<String>,
    /// The passphrase key while encryption is on and unlocked.
    key: Option<Key>,
    channel: Option<BroadcastChannel>,
    /// Resolves when the previous operation is done.
    queue: Promise,
    /// Drafts typed and not stored yet, by field key; `None`: the field's stored draft
    /// is to be deleted (its text was committed, or taken back).
    drafts: BTreeMap<String, Option<Draft>>,
    /// The storage keys of stale drafts shown as conflicts, deleted once chosen.
    conflict_drafts: Vec<(Conflict, String)>,
    /// A save is being written.
    in_flight: bool,
    /// The last save failed (the screen says so until one succeeds).
    failing: bool,
    /// Opening storage has begun ([`begin`]).
    begun: bool,
    /// What was dispatched before the app's root had rendered (there was no dispatcher):
    /// its first state is made of them ([`initial_state`]).
    before_mount: Vec<Action>,
    /// The effects on the case and on the own rules have run once (on the first render).
    case_watched: bool,
    rules_watched: bool,
}

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session {
        dispatcher: None,
        lang: Lang::Nl,
        case: CaseSession::default(),
        timer: None,
        rules_text: None,
        key: None,
        channel: None,
        queue: Promise::resolve(&JsValue::UNDEFINED),
        drafts: BTreeMap::new(),
        conflict_drafts: Vec::new(),
        in_flight: false,
        failing: false,
        begun: false,
        before_mount: Vec::new(),
        case_watched: false,
        rules_watched: false,
    });
}

/// A new promise and the function that resolves it.
fn promise_and_resolve() -> (Promise, Option<js_sys::Function>) {
    let mut resolve_slot = None;
    let promise = Promise::new(&mut |resolve, _| resolve_slot = Some(resolve));
    (promise, resolve_slot)
}

/// Runs `f` on the session. Never dispatch inside: a dispatch may render at once.
fn with<T>(f: impl FnOnce(&mut Session) -> T) -> T {
    SESSION.with(|session| f(&mut session.borrow_mut()))
}

/// Sends `action` to the editor state; before the app's root has rendered it waits for
/// its first state ([`initial_state`]).
fn dispatch(action: Action) {
    let Some(dispatcher) = with(|s| s.dispatcher.clone()) else {
        with(|s| s.before_mount.push(action));
        return;
    };
    dispatcher.dispatch(action);
}

/// The editor's first state: what storage dispatched before the app's root rendered (the
/// stored case opened, say), on the empty default.
pub fn initial_state() -> EditorState {
    let actions = with(|s| std::mem::take(&mut s.before_mount));
    actions.into_iter().fold(EditorState::default(), |state, action| state.next(action))
}

fn notify(text: String, is_error: bool) {
    dispatch(Action::Notify(Notice::said(text, is_error)));
}

fn lang() -> Lang {
    with(|s| s.lang)
}

/// Shows a failed operation in the live region, in the interface language.
fn report(problem: &Problem) {
    let t = texts(lang());
    let text = match problem {
        Problem::Storage(error) => format!("{} {}", t.storage_failed, error.message(lang())),
        Problem::Crypto(CryptoError::WrongPassphrase) => t.wrong_passphrase.to_string(),
        Problem::Crypto(error) => format!("{} {}", t.encryption_failed, error.message(lang())),
        Problem::Case(error) => format!("{} {}", t.case_unreadable, error.message(lang())),
        Problem::Edit(error) => edit_error(lang(), error),
        Problem::Missing => t.case_missing.to_string(),
        Problem::Conflict => t.conflict_notice.to_string(),
        Problem::NotStorable(error) => format!("{} {}", storage_texts(lang()).not_saved, not_storable(error)),
    };
    notify(text, true);
}

/// Why a case was not stored (after "Niet bewaard:"): it would not read back, too big
/// most likely.
fn not_storable(error: &case_json::CaseFileError) -> String {
    let t = storage_texts(lang());
    match error {
        case_json::CaseFileError::TooLarge { bytes } => {
            t.not_storable_too_big.replace("{}", &case_json::megabytes(*bytes, lang()))
        }
        other => format!("{} {}", t.not_storable, other.message(lang())),
    }
}

/// Ends a turn: lets the next operation run.
struct Turn(Option<js_sys::Function>);

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(resolve) = self.0.take() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    }
}

/// Waits until every earlier operation is done; the turn lasts until it is dropped.
async fn turn() -> Turn {
    let (next, resolve_slot) = promise_and_resolve();
    let previous = with(|s| std::mem::replace(&mut s.queue, next));
    let _ = JsFuture::from(previous).await;
    Turn(resolve_slot)
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// A new random case id.
fn new_id() -> Result<String, Problem> {
    let bytes = crypto::random_bytes(8)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn summary(id: &str, case: &Case, updated: f64) -> CaseSummary {
    CaseSummary {
        id: id.to_string(),
        title: case.title.clone(),
        updated,
        factors: case.factors.len(),
        links: case.links.len(),
        unreadable: None,
    }
}

/// A stored record that does not open, with why, in the interface language.
fn unreadable(id: &str, updated: f64, problem: &Problem) -> CaseSummary {
    let t = storage_texts(lang());
    let why = match problem {
        Problem::Case(case_json::CaseFileError::TooLarge { .. }) => t.unreadable_too_big.to_string(),
        Problem::Case(case_json::CaseFileError::FutureVersion(_)) => t.unreadable_newer.to_string(),
        Problem::Case(error) => format!("{} ({})", t.unreadable_damaged, error.message(lang())),
        _ => t.unreadable_damaged.to_string(),
    };
    CaseSummary { id: id.to_string(), title: String::new(), updated, factors: 0, links: 0, unreadable: Some(why) }
}

fn broadcast(message: &Message) {
    let Ok(text) = serde_json::to_string(message) else { return };
    if let Some(channel) = with(|s| s.channel.clone()) {
        let _ = channel.post_message(&text.into());
    }
}

/// A record of `case` at `revision`, sealed when a key is given.
///
/// The case is written compactly and read back first: what could not be opened again
/// (larger than the reader accepts, say) is refused here, before it is stored.
async fn make_record(id: &str, revision: u64, case: &Case, key: Option<&Key>) -> Result<Record, Problem> {
    let text = case_json::write_case_compact(case);
    case_json::read_case(&text).map_err(Problem::NotStorable)?;
    let (case, sealed) = match key {
        Some(key) => (None, Some(crypto::seal(key, &text).await?)),
        None => (Some(text), None),
    };
    Ok(Record { id: id.to_string(), revision, updated: now(), case, sealed })
}

/// The case in a record, migrated from older case versions.
async fn decode(record: &Record, key: Option<&Key>) -> Result<Case, Problem> {
    let text = match (&record.case, &record.sealed, key) {
        (Some(text), _, _) => text.clone(),
        (None, Some(envelope), Some(key)) => crypto::open(key, envelope).await?,
        (None, Some(_), None) => return Err(Problem::Crypto(CryptoError::WrongPassphrase)),
        (None, None, _) => return Err(Problem::Case(case_json::CaseFileError::NotACase(NotACase::NoObject))),
    };
    case_json::read_case(&text).map_err(Problem::Case)
}

fn parse_record(text: &str) -> Result<Record, Problem> {
    serde_json::from_str(text).map_err(|e| Problem::Case(case_json::CaseFileError::from_json(&e)))
}

/// Every stored record that parses as one.
async fn records() -> Result<Vec<Record>, Problem> {
    Ok(storage::read_all(Store::Cases).await?.iter().filter_map(|text| parse_record(text).ok()).collect())
}

/// A stored record as read: parsed, and opened where it can be.
struct Opened {
    /// The record's id (its key, when it does not parse).
    id: String,
    /// Its save time (0 when it does not parse).
    updated: f64,
    /// Whether it parses as a record at all.
    is_record: bool,
    /// Its revision and case, or why it cannot be opened.
    opened: Result<(u64, Case), Problem>,
}

/// Parses and opens every stored `(key, record)` (sealed ones with the key on hand).
async fn open_records(entries: Vec<(String, String)>) -> Vec<Opened> {
    let key = with(|s| s.key.clone());
    let mut all = Vec::new();
    for (id, text) in entries {
        all.push(match parse_record(&text) {
            Ok(record) => Opened {
                opened: decode(&record, key.as_ref()).await.map(|case| (record.revision, case)),
                id: record.id,
                updated: record.updated,
                is_record: true,
            },
            Err(problem) => Opened { id, updated: 0.0, is_record: false, opened: Err(problem) },
        });
    }
    all
}

/// The case list: a record that does not open is listed as unreadable (so one bad record
/// never keeps the others from opening).
fn case_list(all: &[Opened]) -> Vec<CaseSummary> {
    all.iter()
        .map(|record| match &record.opened {
            Ok((_, case)) => summary(&record.id, case, record.updated),
            Err(problem) => unreadable(&record.id, record.updated, problem),
        })
        .collect()
}

/// Reads every case and shows the list.
async fn refresh_list() -> Result<(), Problem> {
    let all = open_records(storage::read_prefix(Store::Cases, "").await?).await;
    dispatch(Action::SetCases(case_list(&all)));
    Ok(())
}

/// Puts a stored case on screen as the one this tab edits.
fn show(id: &str, revision: u64, case: Case) {
    let case = Rc::new(case);
    with(|s| {
        s.case.shown(id, revision, case.clone());
        s.timer = None;
        s.drafts.clear();
        s.conflict_drafts.clear();
    });
    dispatch(Action::SetConflict(None));
    dispatch(Action::SetMergeConflicts(Vec::new()));
    dispatch(Action::Load((*case).clone()));
    dispatch(Action::SetCaseId(Some(id.to_string())));
}

/// Loads a stored case onto the screen, with the drafts kept for it, and remembers it
/// as the last opened.
async fn load(id: &str) -> Result<(), Problem> {
    let (record, case) = stored_case(id).await?;
    show(id, record.revision, case.clone());
    restore_drafts(&case).await?;
    storage::write(Store::Settings, LAST_CASE, id).await?;
    Ok(())
}

/// The prefix of the draft keys of the case on screen.
fn draft_prefix() -> String {
    let id = with(|s| s.case.id.clone()).unwrap_or_else(|| UNSTORED.to_string());
    format!("{DRAFT_PREFIX}{id}:")
}

/// A stored draft, opened with the key when it is sealed.
async fn open_draft(text: &str, key: Option<&Key>) -> Option<Draft> {
    let text = match (Envelope::parse(text), key) {
        (Some(envelope), Some(key)) => crypto::open(key, &envelope).await.ok()?,
        (Some(_), None) => return None,
        (None, _) => text.to_string(),
    };
    serde_json::from_str(&text).ok()
}

/// Puts the drafts stored for the case on screen (`case`) back into it: a draft on a
/// field nobody changed since is applied (one edit each, then saved); a draft on a field
/// saved anew since is shown as a conflict, never written over it; the rest is dropped.
async fn restore_drafts(case: &Case) -> Result<(), Problem> {
    let stored = storage::read_prefix(Store::Settings, &draft_prefix()).await?;
    apply_drafts(case, stored).await;
    Ok(())
}

/// [`restore_drafts`] with the stored drafts of the case on screen at hand: `(key, draft)`.
async fn apply_drafts(case: &Case, stored: Vec<(String, String)>) {
    let key = with(|s| s.key.clone());
    let mut current = case.clone();
    let (mut applied, mut conflicts) = (Vec::new(), Vec::new());
    for (storage_key, text) in stored {
        let fate = match open_draft(&text, key.as_ref()).await {
            Some(draft) => draft.fate(&current).then_conflict(&draft),
            None => Restored::Drop,
        };
        match fate {
            Restored::Apply(edit) => {
                if let Ok(next) = apply(&current, &edit) {
                    current = next;
                    applied.push(edit);
                }
                with(|s| s.drafts.insert(storage_key, None));
            }
            Restored::Conflict(conflict) => {
                with(|s| s.conflict_drafts.push((conflict.clone(), storage_key)));
                conflicts.push(conflict);
            }
            Restored::Drop => {
                with(|s| s.drafts.insert(storage_key, None));
            }
        }
    }
    let t = storage_texts(lang());
    if !applied.is_empty() {
        for edit in applied.iter().cloned() {
            dispatch(Action::Edit(edit));
        }
        notify(t.drafts_restored.to_string(), false);
    }
    if !conflicts.is_empty() {
        dispatch(Action::SetMergeConflicts(conflicts));
        notify(t.drafts_stale.to_string(), true);
    }
    sync_unsaved();
}

/// What restoring does with one stored draft.
enum Restored {
    Apply(Edit),
    Conflict(Conflict),
    Drop,
}

trait ThenConflict {
    fn then_conflict(self, draft: &Draft) -> Restored;
}

impl ThenConflict for DraftFate {
    fn then_conflict(self, draft: &Draft) -> Restored {
        match self {
            DraftFate::Apply(edit) => Restored::Apply(edit),
            DraftFate::Stale(now) => Restored::Conflict(draft.field.conflict(&draft.text, &now)),
            DraftFate::AlreadyIn | DraftFate::Gone => Restored::Drop,
        }
    }
}

/// Stores the drafts typed since the last time (sealed when encryption is on) and
/// deletes the ones that are done, in one transaction. On failure they stay to retry.
async fn store_drafts() -> Result<(), Problem> {
    let (changes, key, mode) = with(|s| (std::mem::take(&mut s.drafts), s.key.clone(), s.case.mode));
    match mode {
        _ if changes.is_empty() => return Ok(()),
        Mode::Saving => {}
        // Storage is gone (wiped, unavailable): nothing will be stored again.
        Mode::Off => return Ok(()),
        // Locked or held: kept until saving goes on.
        Mode::Waiting | Mode::Held => {
            with(|s| restore_unstored(&mut s.drafts, changes));
            return Ok(());
        }
    }
    let prefix = draft_prefix();
    let mut batch = Vec::new();
    for (field, draft) in &changes {
        let storage_key = if field.starts_with(DRAFT_PREFIX) { field.clone() } else { format!("{prefix}{field}") };
        let value = match draft {
            Some(draft) => Some(seal_draft(draft, key.as_ref()).await?),
            None => None,
        };
        batch.push((storage_key, value));
    }
    let result = storage::write_batch(Store::Settings, &batch).await.map_err(Problem::Storage);
    if result.is_err() {
        with(|s| restore_unstored(&mut s.drafts, changes));
    }
    result
}

/// Puts back the draft changes that failed to store, unless newer ones came meanwhile.
fn restore_unstored(drafts: &mut BTreeMap<String, Option<Draft>>, changes: BTreeMap<String, Option<Draft>>) {
    for (field, draft) in changes {
        drafts.entry(field).or_insert(draft);
    }
}

async fn seal_draft(draft: &Draft, key: Option<&Key>) -> Result<String, Problem> {
    let text = serde_json::to_string(draft).map_err(|e| Problem::Storage(StorageError::Encoding(e.to_string())))?;
    Ok(match key {
        Some(key) => serde_json::to_string(&crypto::seal(key, &text).await?).unwrap_or_default(),
        None => text,
    })
}

/// Whether something could still be lost: a change or draft not stored, or a save running.
fn unsaved() -> bool {
    with(|s| s.in_flight || !s.drafts.is_empty() || s.case.pending.is_some() && s.case.saving())
}

/// Mirrors [`unsaved`] on the root element (`data-unsaved`), which the crash notice of
/// `www/boot.js` reads to say truthfully what was kept.
fn sync_unsaved() {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-unsaved", if unsaved() { "true" } else { "false" });
    }
}

/// Stores `case` as a new case (revision 1) and returns its id.
async fn insert(case: &Case) -> Result<String, Problem> {
    let id = new_id()?;
    let key = with(|s| s.key.clone());
    let record = make_record(&id, 1, case, key.as_ref()).await?;
    storage::write(Store::Cases, &id, &to_json(&record)?).await?;
    Ok(id)
}

fn to_json(record: &Record) -> Result<String, Problem> {
    serde_json::to_string(record).map_err(|e| Problem::Storage(StorageError::Encoding(e.to_string())))
}

/// Writes `case` over the stored case `id` if its revision is still `base`.
async fn write_over(id: &str, base: u64, case: &Case, key: Option<&Key>) -> Result<Record, Problem> {
    let record = make_record(id, base + 1, case, key).await?;
    let text = to_json(&record)?;
    let (mut conflict, mut missing) = (None, false);
    storage::update(Store::Cases, id, |previous| {
        let stored = previous.and_then(|p| serde_json::from_str::<RevisionOnly>(p).ok()).map(|r| r.revision);
        match stored {
            Some(revision) if revision != base => {
                conflict = Some(revision);
                None
            }
            Some(_) => Some(text),
            // Absent: deleted in another tab; writing it back would undo that deletion.
            None => {
                missing = true;
                None
            }
        }
    })
    .await?;
    match conflict {
        Some(_) => Err(Problem::Conflict),
        None if missing => Err(Problem::Missing),
        None => Ok(record),
    }
}

/// Saves the case on screen (a new case gets its record first).
async fn save(case: Rc<Case>) -> Result<(), Problem> {
    let (id, base, key) = with(|s| (s.case.id.clone(), s.case.revision, s.key.clone()));
    let (id, revision) = match id {
        Some(id) => {
            let record = write_over(&id, base, &case, key.as_ref()).await?;
            (id, record.revision)
        }
        None => {
            let id = insert(&case).await?;
            storage::write(Store::Settings, LAST_CASE, &id).await?;
            (id, 1)
        }
    };
    with(|s| {
        s.case.stored(&id, revision, case.clone());
    });
    broadcast(&Message::Saved { id: id.clone(), revision });
    dispatch(Action::CaseSaved(summary(&id, &case, now())));
    Ok(())
}

/// Saves the pending change, if any, then the drafts; a newer save elsewhere is merged
/// in, a deletion elsewhere holds the session.
async fn save_pending() {
    let case = with(|s| {
        s.timer = None;
        s.in_flight = true;
        s.case.take_pending()
    });
    let result = match case {
        Some(case) => match save(case.clone()).await {
            Ok(()) => store_drafts().await,
            Err(Problem::Conflict) => {
                let id = with(|s| s.case.id.clone()).unwrap_or_default();
                merge_theirs(&id, case).await
            }
            Err(Problem::Missing) => {
                hold(Held::Deleted, case);
                Ok(())
            }
            Err(problem) => {
                // Keep the change so the next edit (or switching cases) tries again.
                with(|s| s.case.save_failed(case));
                Err(problem)
            }
        },
        None => store_drafts().await,
    };
    with(|s| s.in_flight = false);
    saving_worked(result.as_ref().err());
    sync_unsaved();
}

/// Tells the screen whether saving works, when that changes (a failure always).
fn saving_worked(problem: Option<&Problem>) {
    let was_failing = with(|s| std::mem::replace(&mut s.failing, problem.is_some()));
    match problem {
        Some(problem) => {
            report(problem);
            let t = texts(lang());
            let reason = match problem {
                Problem::Storage(error) => error.message(lang()),
                Problem::NotStorable(error) => not_storable(error),
                _ => t.storage_failed.to_string(),
            };
            dispatch(Action::SetSaveProblem(Some(reason)));
        }
        None if was_failing => dispatch(Action::SetSaveProblem(None)),
        None => {}
    }
}

/// Another tab saved the case while this tab has the unsaved `mine`: merge both onto
/// their version. Fields only one side changed keep that change; fields both changed
/// keep theirs on screen and are listed for the user to choose. Only when the merge
/// cannot make a valid case does the session hold.
async fn merge_theirs(id: &str, mine: Rc<Case>) -> Result<(), Problem> {
    let (record, theirs) = stored_case(id).await?;
    let base = with(|s| s.case.saved.clone()).unwrap_or_default();
    match merge_cases(&base, &mine, &theirs) {
        Ok(merged) => {
            with(|s| {
                s.case.shown(id, record.revision, Rc::new(theirs));
                s.timer = None;
            });
            // The merged case differs from theirs: the next change effect saves it.
            dispatch(Action::Reload(merged.case));
            let t = storage_texts(lang());
            if merged.conflicts.is_empty() {
                notify(t.merged.to_string(), false);
            } else {
                notify(t.merged_with_conflicts.to_string(), true);
                dispatch(Action::SetMergeConflicts(merged.conflicts));
            }
            Ok(())
        }
        Err(_) => {
            hold(Held::Newer(record.revision), mine);
            Ok(())
        }
    }
}

/// Another tab saved over or deleted the case with this tab's unsaved `mine`: stop
/// saving and ask.
fn hold(why: Held, mine: Rc<Case>) {
    with(|s| {
        s.case.hold(mine);
        s.timer = None;
    });
    dispatch(Action::SetConflict(Some(why)));
    let t = texts(lang());
    let text = match why {
        Held::Newer(_) => t.conflict_notice,
        Held::Deleted => storage_texts(lang()).deleted_elsewhere_kept,
    };
    notify(text.to_string(), true);
}

/// Runs `operation` in its turn after saving any pending change, reporting failures.
fn run<F, Fut>(operation: F)
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = Result<(), Problem>> + 'static,
{
    run_boxed(Box::new(move || Box::pin(operation())));
}

/// An operation for [`run`], boxed so that the waiting and reporting around it is
/// compiled once rather than once per operation.
type Operation = Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = Result<(), Problem>>>>>;

/// [`run`] for a boxed operation.
fn run_boxed(operation: Operation) {
    spawn_local(async move {
        let _turn = turn().await;
        save_pending().await;
        if let Err(problem) = operation().await {
            report(&problem);
        }
    });
}

/// A change of the case on screen: saved within [`AUTOSAVE_MS`].
fn changed(case: Rc<Case>) {
    if with(|s| s.case.changed(case)) == Change::SaveSoon {
        save_soon();
    }
    sync_unsaved();
}

/// Starts the autosave timer, if none runs.
fn save_soon() {
    if with(|s| s.timer.is_some()) {
        return;
    }
    let timer = Timeout::new(AUTOSAVE_MS, || {
        spawn_local(async {
            let _turn = turn().await;
            save_pending().await;
        })
    });
    with(|s| s.timer = Some(timer));
}

/// The user typed in a case field: the draft is stored within [`AUTOSAVE_MS`].
pub fn draft_typed(draft: Draft) {
    let key = draft.field.key();
    let value = draft.is_change().then_some(draft);
    with(|s| s.drafts.insert(key, value));
    save_soon();
    sync_unsaved();
}

/// The typing in `field` was committed to the case (or matches it again): its stored
/// draft is deleted after the case is saved.
pub fn draft_done(field: &DraftField) {
    with(|s| s.drafts.insert(field.key(), None));
    save_soon();
    sync_unsaved();
}

/// The user committed `mine` in a field that meanwhile came to hold `theirs` (another
/// tab saved it): theirs is listed as a conflict, so the user can take it back.
pub fn typed_over(field: &DraftField, mine: &str, theirs: &str) {
    notify(storage_texts(lang()).typed_over.to_string(), true);
    let mut all = CURRENT_CONFLICTS.with(|current| current.borrow().clone());
    all.push(field.conflict(mine, theirs));
    dispatch(Action::SetMergeConflicts(all));
}

thread_local! {
    /// The field conflicts on screen (kept by [`use_case_store`]).
    static CURRENT_CONFLICTS: RefCell<Vec<Conflict>> = const { RefCell::new(Vec::new()) };
}

/// Settles a field conflict: `case` (the case on screen) gets the chosen side's value,
/// as one edit (so undo takes it back).
pub fn settle(case: &Case, conflict: &Conflict, side: Side) {
    match resolve(case, conflict, side) {
        Ok(chosen) if chosen != *case => dispatch(Action::Edit(Edit::ReplaceCase(Box::new(chosen)))),
        Ok(_) => {}
        Err(_) => notify(storage_texts(lang()).conflict_unresolvable.to_string(), true),
    }
    let key = with(|s| {
        let position = s.conflict_drafts.iter().position(|(c, _)| c == conflict)?;
        Some(s.conflict_drafts.remove(position).1)
    });
    if let Some(key) = key {
        with(|s| s.drafts.insert(key, None));
        save_soon();
    }
    let rest: Vec<Conflict> =
        CURRENT_CONFLICTS.with(|c| c.borrow().iter().filter(|c| *c != conflict).cloned().collect());
    dispatch(Action::SetMergeConflicts(rest));
}

/// A change of the own rules: stored once the session has loaded them.
fn rules_changed(rules: &[Rule]) {
    let text = rules_json(rules);
    let loaded = with(|s| s.case.saving() && s.rules_text.as_ref().is_some_and(|stored| *stored != text));
    if loaded {
        run(move || async move {
            if rules_is_empty(&text) {
                storage::remove(Store::Settings, OWN_RULES).await?;
            } else {
                storage::write(Store::Settings, OWN_RULES, &text).await?;
            }
            with(|s| s.rules_text = Some(text));
            Ok(())
        });
    }
}

fn rules_is_empty(text: &str) -> bool {
    rules_json(&[]) == text
}

/// The own rules as stored: `{"rule": [...]}`, read back by `parse_user_rules`.
fn rules_json(rules: &[Rule]) -> String {
    write_user_rules_json(rules).unwrap_or_default()
}

/// What the app reads from storage when it opens (or is unlocked), in one transaction.
struct Opening {
    /// The `vault` record: present when encryption is on.
    vault: Option<String>,
    /// The own rules as stored.
    own_rules: Option<String>,
    /// The id of the case opened last.
    last_case: Option<String>,
    /// Every stored `(case id, record)`.
    cases: Vec<(String, String)>,
    /// Every stored `(key, draft)`.
    drafts: Vec<(String, String)>,
}

/// Reads what opening needs in one read-only transaction (at the start, the one
/// `www/storage-early.js` made while the module downloaded).
async fn read_opening() -> Result<Opening, StorageError> {
    let storage::Together { values, prefixed } = storage::read_at_start(
        &[(Store::Settings, VAULT), (Store::Settings, OWN_RULES), (Store::Settings, LAST_CASE)],
        &[(Store::Cases, ""), (Store::Settings, DRAFT_PREFIX)],
    )
    .await?;
    let mut values = values.into_iter();
    let mut prefixed = prefixed.into_iter();
    Ok(Opening {
        vault: values.next().flatten(),
        own_rules: values.next().flatten(),
        last_case: values.next().flatten(),
        cases: prefixed.next().unwrap_or_default(),
        drafts: prefixed.next().unwrap_or_default(),
    })
}

/// Loads the own rules, then the last opened case (or the most recent one).
async fn open_last() -> Result<(), Problem> {
    open_stored(read_opening().await?).await
}

/// [`open_last`] from what was read.
async fn open_stored(opening: Opening) -> Result<(), Problem> {
    if let Some(text) = &opening.own_rules {
        let (rules, problems) = parse_user_rules(OWN_RULES_FILE, text);
        for problem in &problems {
            gloo::console::warn!(problem.to_string());
        }
        dispatch(Action::SetOwnRules(rules));
    }
    with(|s| s.rules_text = Some(opening.own_rules.unwrap_or_default()));
    let all = open_records(opening.cases).await;
    dispatch(Action::SetCases(case_list(&all)));
    let early = with(|s| s.case.take_early_work());
    let opened = if let Some(case) = early {
        // The user started before the cases loaded: that work becomes a new case.
        save(case).await
    } else {
        open_first_readable(all, opening.last_case, &opening.drafts).await
    };
    // The app opens whatever happened to one record: the list says which cannot be read.
    dispatch(Action::SetStorage(StorageStatus::Ready));
    opened
}

/// Opens the last opened case (`last`), else the most recent one that can be read, else
/// an empty case, with the drafts kept for it (from `drafts`, every stored draft); a
/// record that cannot be read is skipped (the list marks it).
async fn open_first_readable(
    all: Vec<Opened>,
    last: Option<String>,
    drafts: &[(String, String)],
) -> Result<(), Problem> {
    let mut records: Vec<Opened> = all.into_iter().filter(|record| record.is_record).collect();
    let times: Vec<(&str, f64)> = records.iter().map(|record| (record.id.as_str(), record.updated)).collect();
    let order = opening_order(last.as_deref(), &times);
    let mut first_problem = None;
    for index in order {
        match std::mem::replace(&mut records[index].opened, Err(Problem::Missing)) {
            Ok((revision, case)) => {
                let id = records[index].id.clone();
                show(&id, revision, case.clone());
                apply_drafts(&case, drafts_on_screen(drafts)).await;
                if last.as_deref() != Some(id.as_str()) {
                    storage::write(Store::Settings, LAST_CASE, &id).await?;
                }
                return Ok(());
            }
            Err(problem) => {
                first_problem.get_or_insert(problem);
            }
        }
    }
    with(|s| s.case.start_empty());
    apply_drafts(&Case::default(), drafts_on_screen(drafts)).await;
    first_problem.map_or(Ok(()), Err)
}

/// The drafts of the case on screen among `drafts`.
fn drafts_on_screen(drafts: &[(String, String)]) -> Vec<(String, String)> {
    let prefix = draft_prefix();
    drafts.iter().filter(|(key, _)| key.starts_with(&prefix)).cloned().collect()
}

/// Starts opening storage before the app's first render (`ui::start` calls it). Returns a
/// promise that resolves once what storage holds is on its way to the screen (or storage
/// failed): what is dispatched before the root renders is its first state.
pub fn begin() -> Promise {
    let (opened, resolve) = promise_and_resolve();
    if !with(|s| std::mem::replace(&mut s.begun, true)) {
        spawn_local(async move {
            start().await;
            if let Some(resolve) = resolve {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
    }
    opened
}

/// Opens storage when the app starts: locked when encryption is on, else the cases.
async fn start() {
    let _turn = turn().await;
    listen_to_other_tabs();
    warn_before_leaving();
    let opening = read_opening().await;
    let result = match opening {
        Ok(Opening { vault: Some(_), .. }) => {
            dispatch(Action::SetEncrypted(true));
            dispatch(Action::SetStorage(StorageStatus::Locked));
            Ok(())
        }
        Ok(opening) => open_stored(opening).await,
        Err(error) => Err(Problem::Storage(error)),
    };
    if let Err(problem) = result {
        if let Problem::Storage(error) = &problem {
            with(|s| s.case.off());
            dispatch(Action::SetStorage(StorageStatus::Unavailable(error.message(lang()))));
        }
        report(&problem);
    }
}

/// Listens on the channel on which tabs announce their changes: the one
/// `www/storage-early.js` opened before it read the database (what it heard meanwhile is
/// handled after the opening, which holds the turn), else a new one.
fn listen_to_other_tabs() {
    let (channel, earlier) = match storage::early_channel(CHANNEL) {
        Some(early) => early,
        None => match BroadcastChannel::new(CHANNEL) {
            Ok(channel) => (channel, Vec::new()),
            Err(_) => return,
        },
    };
    let listener = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| hear(&event.data()));
    channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    listener.forget();
    with(|s| s.channel = Some(channel));
    for message in &earlier {
        hear(message);
    }
}

/// Handles a message from another tab, in its turn.
fn hear(data: &JsValue) {
    if let Some(message) = data.as_string().and_then(|text| serde_json::from_str::<Message>(&text).ok()) {
        spawn_local(heard(message));
    }
}

/// Asks before the page is left while something could still be lost (a draft or change
/// not stored yet, or a save running); otherwise leaving is silent.
fn warn_before_leaving() {
    let Some(window) = web_sys::window() else { return };
    let listener = Closure::<dyn FnMut(BeforeUnloadEvent)>::new(|event: BeforeUnloadEvent| {
        if unsaved() {
            event.prevent_default();
            event.set_return_value(storage_texts(lang()).leave_warning);
        }
    });
    let _ = window.add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Another tab deleted the case on screen: with nothing unsaved here it is closed
/// (the most recent other case opens); with unsaved work the user chooses to keep it
/// as a copy or close it. Nothing is written back.
async fn deleted_elsewhere(id: &str) -> Result<(), Problem> {
    if with(|s| s.case.id.as_deref() != Some(id)) {
        return refresh_list().await;
    }
    let mine = with(|s| s.case.pending.clone());
    let typing = with(|s| s.drafts.values().any(Option::is_some));
    match mine {
        Some(mine) => hold(Held::Deleted, mine),
        None if typing => {
            let case = with(|s| s.case.saved.clone()).unwrap_or_default();
            hold(Held::Deleted, case);
        }
        None => {
            close_case().await?;
            notify(storage_texts(lang()).deleted_elsewhere.to_string(), false);
        }
    }
    refresh_list().await
}

/// Takes the case on screen away: opens the most recent stored case that can be read,
/// or an empty one.
async fn close_case() -> Result<(), Problem> {
    with(|s| {
        s.drafts.clear();
        s.case.deleted_last();
        s.case.start_empty();
    });
    dispatch(Action::SetConflict(None));
    dispatch(Action::Load(Case::default()));
    dispatch(Action::SetCaseId(None));
    let opening = read_opening().await?;
    open_first_readable(open_records(opening.cases).await, opening.last_case, &opening.drafts).await
}

/// Resolves "deleted in another tab" by closing the case (the deletion stands).
pub fn close_deleted() {
    spawn_local(async {
        let _turn = turn().await;
        with(|s| s.case.pending = None);
        if let Err(problem) = close_case().await {
            report(&problem);
        }
    });
}

/// Handles what another tab announced.
async fn heard(message: Message) {
    let _turn = turn().await;
    let result = match message {
        Message::Saved { id, revision } => match with(|s| s.case.heard_saved(&id, revision)) {
            Heard::Elsewhere => refresh_list().await,
            Heard::Conflict(mine) => merge_theirs(&id, mine).await.and(refresh_list().await),
            Heard::Reload => {
                let reloaded = reload(&id).await;
                if reloaded.is_ok() {
                    notify(texts(lang()).reloaded_from_other_tab.to_string(), false);
                }
                reloaded.and(refresh_list().await)
            }
        },
        Message::Deleted { id } => deleted_elsewhere(&id).await,
        Message::Listed => refresh_list().await,
        Message::Vault => {
            lock();
            Ok(())
        }
        Message::Wiped => {
            cleared();
            Ok(())
        }
    };
    if let Err(problem) = result {
        report(&problem);
    }
}

/// Shows the newer version another tab saved of the case on screen, keeping selection,
/// panels and what is being typed here (fields follow the stored text only where the
/// user is not typing).
async fn reload(id: &str) -> Result<(), Problem> {
    let (record, case) = stored_case(id).await?;
    with(|s| s.case.shown(id, record.revision, Rc::new(case.clone())));
    dispatch(Action::Reload(case));
    Ok(())
}

/// Forgets the key and the case on screen until the passphrase is given again (or,
/// when encryption was switched off elsewhere, reloads the cases).
fn lock() {
    spawn_local(async {
        let _turn = turn().await;
        with(|s| {
            s.key = None;
            s.case.locked();
            s.timer = None;
        });
        let result = match storage::read(Store::Settings, VAULT).await {
            Ok(Some(_)) => {
                dispatch(Action::Load(Case::default()));
                dispatch(Action::SetCases(Vec::new()));
                dispatch(Action::SetEncrypted(true));
                dispatch(Action::SetStorage(StorageStatus::Locked));
                Ok(())
            }
            Ok(None) => {
                dispatch(Action::SetEncrypted(false));
                open_last().await
            }
            Err(error) => Err(Problem::Storage(error)),
        };
        if let Err(problem) = result {
            report(&problem);
        }
    });
}

/// After a wipe (here or in another tab): nothing on screen, nothing saved.
fn cleared() {
    with(|s| {
        s.case.off();
        s.key = None;
        s.timer = None;
        s.drafts.clear();
        s.conflict_drafts.clear();
    });
    sync_unsaved();
    dispatch(Action::SetMergeConflicts(Vec::new()));
    dispatch(Action::Load(Case::default()));
    dispatch(Action::SetCases(Vec::new()));
    dispatch(Action::SetCaseId(None));
    dispatch(Action::SetEncrypted(false));
    dispatch(Action::SetConflict(None));
    dispatch(Action::SetStorage(StorageStatus::Wiped));
}

/// Connects the editor to storage: loads on start, saves every change of the case and
/// of the own rules, and mirrors the storage status on the root element
/// (`data-storage`) for tests and styles.
#[hook]
pub fn use_case_store(state: &UseReducerHandle<EditorState>) {
    let dispatcher = state.dispatcher();
    let lang = state.lang;
    with(move |s| {
        s.lang = lang;
        if s.dispatcher.is_none() {
            s.dispatcher = Some(dispatcher);
        }
    });
    // The first render's own rules are the stored ones or the empty default, no change of
    // the user's. Its case, when empty, is the default, and the stored one may be on screen
    // by the time its effects run; a case that is not empty is the one storage opened
    // before the root rendered, with the drafts put back on it (to be saved).
    use_effect_with(state.case().clone(), |case| {
        if with(|s| std::mem::replace(&mut s.case_watched, true)) || **case != Case::default() {
            changed(case.clone());
        }
    });
    use_effect_with(state.own_rules.clone(), |rules| {
        if with(|s| std::mem::replace(&mut s.rules_watched, true)) {
            rules_changed(rules);
        }
    });
    use_effect_with(state.merge_conflicts.clone(), |conflicts| {
        CURRENT_CONFLICTS.with(|current| *current.borrow_mut() = conflicts.to_vec());
    });
    use_effect_with(state.storage.clone(), |status| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-storage", status.name());
        }
    });
}

/// Opens a stored case.
pub fn open_case(id: String) {
    run(move || async move { load(&id).await });
}

/// Starts a new, empty case and opens it.
pub fn create_case() {
    run(|| async {
        let case = Case::default();
        let id = insert(&case).await?;
        show(&id, 1, case);
        storage::write(Store::Settings, LAST_CASE, &id).await?;
        broadcast(&Message::Listed);
        refresh_list().await
    });
}

/// Stores `case` (an imported file, a template) as a new case and opens it, then says
/// `done`; the case on screen is saved first and the cases already stored are not touched.
pub fn open_as_new_case(case: Case, done: String) {
    run(move || async move {
        let id = insert(&case).await?;
        show(&id, 1, case);
        storage::write(Store::Settings, LAST_CASE, &id).await?;
        broadcast(&Message::Listed);
        notify(done, false);
        refresh_list().await
    });
}

/// Reads every stored case for the policy signal (`core::signal`) and hands it to
/// `done`: the cases this tab can open, each with the month it was last saved, and the
/// number of locked cases it could not open (encryption on and no passphrase given).
/// Nothing of a locked case is read.
pub fn read_signal(library: Rc<crate::core::rules::Library>, done: Callback<crate::core::signal::PolicySignal>) {
    run(move || async move {
        let key = with(|s| s.key.clone());
        let mut cases = Vec::new();
        let mut locked = 0;
        for record in records().await? {
            if record.case.is_none() && key.is_none() {
                locked += 1;
                continue;
            }
            match decode(&record, key.as_ref()).await {
                // Exercises are no client's case: they stay out of the policy signal.
                Ok(case) if case.exercise.is_some() => {}
                Ok(case) => cases.push((case, month_of(record.updated))),
                Err(Problem::Crypto(_)) => locked += 1,
                Err(problem) => report(&problem),
            }
        }
        let inputs: Vec<crate::core::signal::SignalCase<'_>> = cases
            .iter()
            .map(|(case, month)| crate::core::signal::SignalCase { case, month: Some(month.as_str()) })
            .collect();
        done.emit(crate::core::signal::policy_signal(&inputs, locked, &library));
        Ok(())
    });
}

/// `YYYY-MM` (UTC) of a save time in milliseconds: the signal never holds a finer date.
fn month_of(updated: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from(updated));
    format!("{:04}-{:02}", date.get_utc_full_year(), date.get_utc_month() + 1)
}

/// Reads a stored case (with its revision) by id.
async fn stored_case(id: &str) -> Result<(Record, Case), Problem> {
    let record = parse_record(&storage::read(Store::Cases, id).await?.ok_or(Problem::Missing)?)?;
    let key = with(|s| s.key.clone());
    let case = decode(&record, key.as_ref()).await?;
    Ok((record, case))
}

/// Stores a copy of a stored case with " (kopie)" after its title.
pub fn duplicate_case(id: String) {
    run(move || async move {
        let (_, case) = stored_case(&id).await?;
        let title = format!("{}{}", case.title, texts(lang()).copy_suffix);
        let copy = apply(&case, &Edit::SetTitle(title)).map_err(Problem::Edit)?;
        insert(&copy).await?;
        broadcast(&Message::Listed);
        notify(texts(lang()).case_duplicated.to_string(), false);
        refresh_list().await
    });
}

/// Renames a stored case that is not on screen (the one on screen is renamed with an
/// edit, so undo covers it).
pub fn rename_case(id: String, title: String) {
    run(move || async move {
        let (record, case) = stored_case(&id).await?;
        let renamed = apply(&case, &Edit::SetTitle(title)).map_err(Problem::Edit)?;
        let key = with(|s| s.key.clone());
        let written = write_over(&id, record.revision, &renamed, key.as_ref()).await?;
        broadcast(&Message::Saved { id, revision: written.revision });
        refresh_list().await
    });
}

/// Deletes a stored case; `deleted` receives its record so [`restore_case`] can undo.
/// Deleting the case on screen opens the most recent other case (or a new one).
pub fn delete_case(id: String, deleted: Callback<(String, String)>) {
    run(move || async move {
        let text = storage::read(Store::Cases, &id).await?.ok_or(Problem::Missing)?;
        storage::remove(Store::Cases, &id).await?;
        deleted.emit((id.clone(), text));
        broadcast(&Message::Deleted { id: id.clone() });
        // Its drafts go too: nothing typed in a deleted case stays behind.
        let drafts = storage::read_prefix(Store::Settings, &format!("{DRAFT_PREFIX}{id}:")).await?;
        storage::write_batch(Store::Settings, &drafts.into_iter().map(|(key, _)| (key, None)).collect::<Vec<_>>())
            .await?;
        if with(|s| s.case.id.as_deref() == Some(id.as_str())) {
            close_case().await?;
        }
        refresh_list().await
    });
}

/// Downloads a stored record exactly as it is (for a case that cannot be opened: to keep
/// it, or to send to whoever can repair it).
pub fn export_raw(id: String) {
    run(move || async move {
        let text = storage::read(Store::Cases, &id).await?.ok_or(Problem::Missing)?;
        let blob = files::text_blob(&text, "application/json").map_err(StorageError::from)?;
        files::download(&blob, &format!("casus-{id}.json")).map_err(StorageError::from)?;
        Ok(())
    });
}

/// Puts a deleted case back exactly as it was.
pub fn restore_case(id: String, record: String) {
    run(move || async move {
        storage::write(Store::Cases, &id, &record).await?;
        broadcast(&Message::Listed);
        notify(texts(lang()).case_restored.to_string(), false);
        refresh_list().await
    });
}

/// Resolves a conflict by loading what the other tab saved.
pub fn load_theirs() {
    spawn_local(async {
        let _turn = turn().await;
        let Some(id) = with(|s| s.case.id.clone()) else { return };
        match load(&id).await {
            Ok(()) => notify(texts(lang()).loaded_theirs.to_string(), false),
            Err(problem) => report(&problem),
        }
    });
}

/// Resolves a conflict by saving this tab's version (`mine`) as a new case, leaving the
/// other tab's version as it is.
pub fn keep_mine(mine: Case) {
    spawn_local(async move {
        let _turn = turn().await;
        let title = format!("{}{}", mine.title, texts(lang()).mine_suffix);
        let result = async {
            let copy = apply(&mine, &Edit::SetTitle(title)).map_err(Problem::Edit)?;
            let id = insert(&copy).await?;
            show(&id, 1, copy);
            storage::write(Store::Settings, LAST_CASE, &id).await?;
            broadcast(&Message::Listed);
            refresh_list().await
        }
        .await;
        match result {
            Ok(()) => notify(texts(lang()).kept_mine.to_string(), false),
            Err(problem) => report(&problem),
        }
    });
}

/// Unlocks encrypted storage with the passphrase; a wrong one changes nothing.
pub fn unlock(passphrase: String) {
    spawn_local(async move {
        let _turn = turn().await;
        let result = async {
            let vault = storage::read(Store::Settings, VAULT).await?.ok_or(Problem::Missing)?;
            let envelope =
                Envelope::parse(&vault).ok_or(Problem::Crypto(CryptoError::Unsupported(Unsupported::Vault)))?;
            let started = now();
            let key = crypto::derive(&passphrase, &envelope.salt()?, envelope.iterations).await?;
            record_kdf_time(now() - started);
            if crypto::open(&key, &envelope).await? != VAULT_CHECK {
                return Err(Problem::Crypto(CryptoError::WrongPassphrase));
            }
            with(|s| s.key = Some(key));
            open_last().await
        }
        .await;
        if let Err(problem) = result {
            report(&problem);
        }
    });
}

/// Keeps the duration of the last key derivation on the root element
/// (`data-kdf-ms`) so the browser tests can report it.
fn record_kdf_time(ms: f64) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-kdf-ms", &Fixed(ms, 0).to_string());
    }
}

/// Rewrites every stored case under `key` (sealed) or in the clear (`None`), keeping
/// revisions one step ahead so other tabs notice.
async fn rewrite_all(old: Option<&Key>, new: Option<&Key>) -> Result<(), Problem> {
    for record in records().await? {
        let case = decode(&record, old).await?;
        let written = write_over(&record.id, record.revision, &case, new).await?;
        if with(|s| s.case.id.as_deref() == Some(record.id.as_str())) {
            with(|s| s.case.revision = written.revision);
        }
    }
    let mut drafts = Vec::new();
    for (storage_key, text) in storage::read_prefix(Store::Settings, DRAFT_PREFIX).await? {
        let value = match open_draft(&text, old).await {
            Some(draft) => Some(seal_draft(&draft, new).await?),
            None => None,
        };
        drafts.push((storage_key, value));
    }
    storage::write_batch(Store::Settings, &drafts).await?;
    Ok(())
}

/// Switches encryption at rest on: derives a key from `passphrase`, stores the check
/// record, then seals every stored case.
pub fn enable_encryption(passphrase: String) {
    run(move || async move {
        let started = now();
        let key = crypto::derive(&passphrase, &crypto::new_salt()?, crypto::ITERATIONS).await?;
        record_kdf_time(now() - started);
        let check = crypto::seal(&key, VAULT_CHECK).await?;
        storage::write(Store::Settings, VAULT, &check.to_json()).await?;
        rewrite_all(None, Some(&key)).await?;
        with(|s| s.key = Some(key));
        broadcast(&Message::Vault);
        // What was in the clear is still in the old files: copy into fresh ones, delete those.
        if !storage::compact().await? {
            gloo::console::info!("opslag niet gecomprimeerd: deze browser heeft geen opslagemmers");
        }
        dispatch(Action::SetEncrypted(true));
        notify(texts(lang()).encryption_on.to_string(), false);
        Ok(())
    });
}

/// Switches encryption at rest off: every case is stored in the clear again.
pub fn disable_encryption() {
    run(|| async {
        let key = with(|s| s.key.clone());
        rewrite_all(key.as_ref(), None).await?;
        storage::remove(Store::Settings, VAULT).await?;
        with(|s| s.key = None);
        broadcast(&Message::Vault);
        dispatch(Action::SetEncrypted(false));
        notify(texts(lang()).encryption_off.to_string(), false);
        Ok(())
    });
}

/// Deletes everything: every case, the settings, the offline copy of the app and the service
/// worker registration. Other tabs clear their screens too.
pub fn wipe_everything() {
    spawn_local(async {
        let _turn = turn().await;
        with(|s| {
            s.case.off();
            s.timer = None;
            s.drafts.clear();
        });
        broadcast(&Message::Wiped);
        match storage::wipe_everything().await {
            Ok(()) => {
                cleared();
                notify(texts(lang()).wiped.to_string(), false);
            }
            Err(error) => report(&Problem::Storage(error)),
        }
    });
}
