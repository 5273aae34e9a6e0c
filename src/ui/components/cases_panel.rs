//! The "Casussen" panel: the cases stored in this browser (open, create, rename,
//! duplicate, delete with confirmation and undo; a record that cannot be read with what
//! to do about it), whether saving works, the choice when another tab changed or deleted
//! the case on screen and the fields both changed, the passphrase lock, files in and
//! out, and wiping everything.

use crate::core::edit::Edit;
use crate::core::lang::Lang;
use crate::core::merge::{Conflict, Side};
use crate::ui::components::case_files::CaseFiles;
use crate::ui::components::dom::{field_value, focus_and_select};
use crate::ui::context::{use_editor, Editor};
use crate::ui::hooks::cases;
use crate::ui::state::{Action, CaseSummary, Held, Notice, StorageStatus};
use crate::ui::texts::{counted, storage_texts, texts, Noun, Texts};
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// The id of the field in which a case is renamed (one at a time).
const RENAME_ID: &str = "rename-case";
/// The ids of the passphrase fields: unlocking, and choosing one (twice).
const UNLOCK_ID: &str = "unlock-passphrase";
const NEW_PASSPHRASE_ID: &str = "vault-passphrase";
const REPEAT_ID: &str = "vault-repeat";

/// The shortest passphrase accepted for encryption at rest.
const MIN_PASSPHRASE_CHARS: usize = 10;

/// A deleted case that can still be put back: id, title, stored record.
type Deleted = (String, String, String);

/// "12 mrt 2025, 14:03" in the interface language.
fn saved_at(lang: Lang, ms: f64) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    String::from(js_sys::Date::new(&JsValue::from(ms)).to_locale_string(lang.tag(), &options))
}

fn title_of<'a>(t: &'a Texts, case: &'a CaseSummary) -> &'a str {
    if case.title.is_empty() {
        t.untitled_case
    } else {
        &case.title
    }
}

/// The panel.
pub fn cases_panel(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let t = texts(state.lang);

    let body = match &state.storage {
        StorageStatus::Loading => html! { <p class="muted">{t.cases_loading}</p> },
        StorageStatus::Locked => unlock_form(t),
        StorageStatus::Wiped => html! { <p class="muted" id="wiped-text">{t.wiped}</p> },
        StorageStatus::Unavailable(message) => {
            html! { <p class="error-text">{format!("{} {message}", t.storage_unavailable)}</p> }
        }
        StorageStatus::Ready => html! {
            <>
                <CaseList />
                <CaseFiles />
                { encryption_settings(editor) }
            </>
        },
    };
    html! {
        <div class="cases" id="cases-panel">
            if let Some(held) = state.conflict { { conflict_choice(editor, held) } }
            if !state.merge_conflicts.is_empty() { { field_conflicts(editor) } }
            <p class="muted">{t.cases_intro}{" "}{ saving_status(editor) }</p>
            { saving_problem(editor) }
            { body }
            <WipeAll />
        </div>
    }
}

/// Whether changes are being saved now, said truthfully (a failure apart, see
/// [`saving_problem`]).
fn saving_status(editor: &Editor) -> Html {
    let state = &editor.state;
    let s = storage_texts(state.lang);
    match (&state.storage, &state.save_problem, state.conflict) {
        (StorageStatus::Ready, None, Some(_)) => html! { <span id="saving-status">{s.saving_held}</span> },
        (StorageStatus::Ready, None, None) => html! { <span id="saving-status">{s.saving_on}</span> },
        _ => html! {},
    }
}

/// That saving fails, why, and what to do meanwhile.
fn saving_problem(editor: &Editor) -> Html {
    let state = &editor.state;
    let s = storage_texts(state.lang);
    match (&state.storage, &state.save_problem) {
        (StorageStatus::Ready, Some(problem)) => html! {
            <p class="error-text" id="saving-status" role="status">
                {format!("{} {}. {}", s.saving_failed, problem.trim_end_matches('.'), s.saving_failed_hint)}
            </p>
        },
        _ => html! {},
    }
}

/// The choice when another tab saved (in a way that cannot be merged) or deleted the
/// case on screen while this tab has unsaved changes.
fn conflict_choice(editor: &Editor, held: Held) -> Html {
    let state = editor.state.clone();
    let t = texts(state.lang);
    let s = storage_texts(state.lang);
    let keep_mine = {
        let state = state.clone();
        Callback::from(move |_| cases::keep_mine((**state.case()).clone()))
    };
    let (heading, text, other) = match held {
        Held::Newer(_) => (
            t.conflict_heading,
            t.conflict_text,
            html! {
                <button onclick={Callback::from(|_| cases::load_theirs())}>{t.load_theirs}</button>
            },
        ),
        Held::Deleted => (
            s.deleted_heading,
            s.deleted_text,
            html! {
                <button onclick={Callback::from(|_| cases::close_deleted())}>{s.close_case}</button>
            },
        ),
    };
    html! {
        <div class="conflict" role="alertdialog" aria-labelledby="conflict-heading" aria-describedby="conflict-text" id="conflict">
            <h2 id="conflict-heading">{heading}</h2>
            <p id="conflict-text">{text}</p>
            <div class="option-actions">
                <button class="primary" onclick={keep_mine}>{t.keep_mine}</button>
                {other}
            </div>
        </div>
    }
}

/// Which field a conflict is about, as the user names it: "Factor ‘Schulden’: notitie".
fn conflict_subject(editor: &Editor, conflict: &Conflict) -> String {
    let s = storage_texts(editor.state.lang);
    let case = editor.state.case();
    let field = match conflict.field() {
        "title" => return s.field_title.to_string(),
        "label" => s.field_label,
        "note" => s.field_note,
        _ => s.field_other,
    };
    match conflict.element() {
        Some(("factors", id)) => {
            let label = case.factor(id).map_or(id, |f| f.label.as_str());
            format!("{} ‘{label}’: {field}", s.factor)
        }
        Some(("links", id)) => {
            let end = |id: &str| case.factor(id).map_or(id.to_string(), |f| f.label.clone());
            let ends = case.link(id).map_or(id.to_string(), |l| format!("{} → {}", end(&l.from), end(&l.to)));
            format!("{} {ends}: {field}", s.link)
        }
        _ => field.to_string(),
    }
}

/// The fields this tab and another changed both, each with both texts and the choice.
fn field_conflicts(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let s = storage_texts(state.lang);
    let items: Html = state
        .merge_conflicts
        .iter()
        .enumerate()
        .map(|(index, conflict)| {
            let choose = |side: Side| {
                let (state, conflict) = (state.clone(), conflict.clone());
                Callback::from(move |_| cases::settle(state.case(), &conflict, side))
            };
            let shown = |value| Conflict::shown(value).unwrap_or_else(|| s.removed.to_string());
            let subject = conflict_subject(editor, conflict);
            html! {
                <li class="field-conflict" key={index}>
                    <strong>{subject.clone()}</strong>
                    <dl>
                        <dt>{s.mine}</dt><dd class="mine">{shown(conflict.mine.as_ref())}</dd>
                        <dt>{s.theirs}</dt><dd class="theirs">{shown(conflict.theirs.as_ref())}</dd>
                    </dl>
                    <div class="option-actions">
                        <button onclick={choose(Side::Mine)} aria-label={format!("{}: {subject}", s.keep_mine_field)}>{s.keep_mine_field}</button>
                        <button onclick={choose(Side::Theirs)} aria-label={format!("{}: {subject}", s.keep_theirs_field)}>{s.keep_theirs_field}</button>
                    </div>
                </li>
            }
        })
        .collect();
    html! {
        <section class="conflict" id="field-conflicts" aria-labelledby="field-conflicts-heading">
            <h2 id="field-conflicts-heading">{s.conflicts_heading}</h2>
            <p>{s.conflicts_intro}</p>
            <ul class="field-conflict-list">{items}</ul>
        </section>
    }
}

/// The stored cases, most recent first, with undo for the last delete.
#[component]
fn CaseList() -> Html {
    let editor = use_editor();
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let renaming = use_state(|| None::<String>);
    let confirming = use_state(|| None::<String>);
    use_effect_with((*renaming).clone(), |renaming| {
        if renaming.is_some() {
            focus_and_select(RENAME_ID);
        }
    });
    let deleted = use_state(|| None::<Deleted>);

    let items: Html = state
        .cases
        .iter()
        .map(|case| {
            let id = case.id.clone();
            if let Some(why) = &case.unreadable {
                return unreadable_item(state.lang, case, why, &confirming, &deleted);
            }
            let title = title_of(t, case).to_string();
            let current = state.case_id.as_deref() == Some(id.as_str());
            let meta = format!(
                "{} · {} · {}",
                saved_at(lang, case.updated),
                counted(lang, case.factors, Noun::Factor),
                counted(lang, case.links, Noun::Link)
            );
            if renaming.as_deref() == Some(id.as_str()) {
                let onsubmit = {
                    let (state, renaming, id) = (state.clone(), renaming.clone(), id.clone());
                    Callback::from(move |event: SubmitEvent| {
                        event.prevent_default();
                        let title = field_value(RENAME_ID).trim().to_string();
                        if state.case_id.as_deref() == Some(id.as_str()) {
                            state.dispatch(Action::Edit(Edit::SetTitle(title)));
                        } else {
                            cases::rename_case(id.clone(), title);
                        }
                        renaming.set(None);
                    })
                };
                let cancel = { let renaming = renaming.clone(); Callback::from(move |_| renaming.set(None)) };
                return html! {
                    <li class="case-item" key={id.clone()} data-case={id.clone()}>
                        <form class="rename" {onsubmit}>
                            <label>{t.new_name}<input id={RENAME_ID} value={case.title.clone()} autocomplete="off" /></label>
                            <button type="submit" class="primary">{t.save_name}</button>
                            <button type="button" onclick={cancel}>{t.cancel}</button>
                        </form>
                    </li>
                };
            }
            let open = { let id = id.clone(); Callback::from(move |_| cases::open_case(id.clone())) };
            let rename = { let (renaming, id) = (renaming.clone(), id.clone()); Callback::from(move |_| renaming.set(Some(id.clone()))) };
            let duplicate = { let id = id.clone(); Callback::from(move |_| cases::duplicate_case(id.clone())) };
            let ask = { let (confirming, id) = (confirming.clone(), id.clone()); Callback::from(move |_| confirming.set(Some(id.clone()))) };
            html! {
                <li class={classes!("case-item", current.then_some("current"))} key={id.clone()} data-case={id.clone()}>
                    <button class="case-open" onclick={open} aria-current={current.then_some("true")}
                        aria-label={format!("{}: {title}{}", t.open_case, if current { t.case_is_open } else { "" })}>
                        <strong>{title.clone()}</strong>
                        <span class="muted">{meta}</span>
                    </button>
                    <div class="case-actions">
                        <button onclick={rename} aria-label={format!("{}: {title}", t.rename)}>{t.rename}</button>
                        <button onclick={duplicate} aria-label={format!("{}: {title}", t.duplicate)}>{t.duplicate}</button>
                        <button class="danger" onclick={ask} aria-label={format!("{}: {title}", t.delete)}>{t.delete}</button>
                    </div>
                    { delete_confirmation(t, &id, &title, &confirming, &deleted) }
                </li>
            }
        })
        .collect();

    let undo = deleted.as_ref().map(|(id, title, record)| {
        let onclick = {
            let (deleted, id, record) = (deleted.clone(), id.clone(), record.clone());
            Callback::from(move |_| {
                cases::restore_case(id.clone(), record.clone());
                deleted.set(None);
            })
        };
        html! {
            <p class="undo-bar">
                <span>{t.case_deleted.replace("{}", title)}</span>
                <button {onclick}>{t.undo_delete}</button>
            </p>
        }
    });

    html! {
        <section aria-labelledby="cases-heading">
            <div class="cases-head">
                <h2 id="cases-heading">{format!("{} ({})", t.cases_heading, state.cases.len())}</h2>
                <button class="primary" id="new-case" onclick={Callback::from(|_| cases::create_case())}>{t.new_case}</button>
            </div>
            { undo.unwrap_or_default() }
            if state.cases.is_empty() {
                <p class="muted">{t.no_cases}</p>
            } else {
                <ul class="case-list">{items}</ul>
            }
        </section>
    }
}

/// A stored record that cannot be opened: why, what to do, and the two ways out.
fn unreadable_item(
    lang: Lang,
    case: &CaseSummary,
    why: &str,
    confirming: &UseStateHandle<Option<String>>,
    deleted: &UseStateHandle<Option<Deleted>>,
) -> Html {
    let (t, s) = (texts(lang), storage_texts(lang));
    let id = case.id.clone();
    let title = s.unreadable_title.to_string();
    let export = {
        let id = id.clone();
        Callback::from(move |_| cases::export_raw(id.clone()))
    };
    let ask = {
        let (confirming, id) = (confirming.clone(), id.clone());
        Callback::from(move |_| confirming.set(Some(id.clone())))
    };
    html! {
        <li class="case-item unreadable" key={id.clone()} data-case={id.clone()} data-unreadable="true">
            <p><strong>{title.clone()}</strong></p>
            <p class="error-text">{why.to_string()}</p>
            <p class="muted">{s.unreadable_help}</p>
            <div class="case-actions">
                <button onclick={export} aria-label={format!("{}: {title}", s.export_raw)}>{s.export_raw}</button>
                <button class="danger" onclick={ask} aria-label={format!("{}: {title}", t.delete)}>{t.delete}</button>
            </div>
            { delete_confirmation(t, &id, &title, confirming, deleted) }
        </li>
    }
}

/// The confirmation under a case whose delete button was pressed (nothing otherwise);
/// confirming deletes it and keeps its record for undo.
fn delete_confirmation(
    t: &Texts,
    id: &str,
    title: &str,
    confirming: &UseStateHandle<Option<String>>,
    deleted: &UseStateHandle<Option<Deleted>>,
) -> Html {
    if confirming.as_deref() != Some(id) {
        return html! {};
    }
    let confirm_delete = {
        let (confirming, deleted, id, title) = (confirming.clone(), deleted.clone(), id.to_string(), title.to_string());
        Callback::from(move |_| {
            confirming.set(None);
            let (deleted, title) = (deleted.clone(), title.clone());
            cases::delete_case(
                id.clone(),
                Callback::from(move |(id, record)| deleted.set(Some((id, title.clone(), record)))),
            );
        })
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(None))
    };
    html! {
        <div class="confirm" role="group" aria-label={t.delete}>
            <p>{t.delete_confirm.replace("{}", title)}</p>
            <button class="danger strong" onclick={confirm_delete}>{t.delete_yes}</button>
            <button onclick={cancel}>{t.cancel}</button>
        </div>
    }
}

/// The passphrase form while encrypted cases are locked.
fn unlock_form(t: &Texts) -> Html {
    let onsubmit = Callback::from(|event: SubmitEvent| {
        event.prevent_default();
        cases::unlock(field_value(UNLOCK_ID));
    });
    html! {
        <form class="unlock" {onsubmit} aria-labelledby="unlock-heading">
            <h2 id="unlock-heading">{t.locked_heading}</h2>
            <p>{t.locked_text}</p>
            <label>{t.passphrase}
                <input type="password" id={UNLOCK_ID} autocomplete="current-password" required=true />
            </label>
            <button type="submit" class="primary">{t.unlock}</button>
        </form>
    }
}

/// Switches encryption at rest on or off.
fn encryption_settings(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let t = texts(state.lang);
    let onsubmit = {
        let state = state.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let t = texts(state.lang);
            let passphrase = field_value(NEW_PASSPHRASE_ID);
            let problem = if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
                Some(t.passphrase_too_short)
            } else if passphrase != field_value(REPEAT_ID) {
                Some(t.passphrase_mismatch)
            } else {
                None
            };
            match problem {
                Some(text) => state.dispatch(Action::Notify(Notice::said(text.to_string(), true))),
                None => {
                    state.dispatch(Action::Notify(Notice::said(t.encrypting.to_string(), false)));
                    cases::enable_encryption(passphrase);
                }
            }
        })
    };
    html! {
        <section aria-labelledby="encryption-heading" class="encryption">
            <h2 id="encryption-heading">{t.encryption_heading}</h2>
            if state.encrypted {
                <p id="encryption-status">{t.encryption_is_on}</p>
                <button onclick={Callback::from(|_| cases::disable_encryption())}>{t.encryption_disable}</button>
            } else {
                <p class="muted">{t.encryption_hint}</p>
                <form class="passphrase-form" {onsubmit}>
                    <label>{t.passphrase}<input type="password" id={NEW_PASSPHRASE_ID} autocomplete="new-password" /></label>
                    <label>{t.passphrase_repeat}<input type="password" id={REPEAT_ID} autocomplete="new-password" /></label>
                    <button type="submit">{t.encryption_enable}</button>
                </form>
            }
        </section>
    }
}

/// "Wis alle gegevens", behind a confirmation.
#[component]
fn WipeAll() -> Html {
    let editor = use_editor();
    let t = texts(editor.state.lang);
    let confirming = use_state(|| false);
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let wipe = {
        let confirming = confirming.clone();
        Callback::from(move |_| {
            confirming.set(false);
            cases::wipe_everything();
        })
    };
    html! {
        <section class="danger-zone" aria-labelledby="wipe-heading">
            <h2 id="wipe-heading">{t.wipe_heading}</h2>
            <p class="muted">{t.wipe_hint}</p>
            if *confirming {
                <div class="confirm" role="group" aria-label={t.wipe_heading}>
                    <p>{t.wipe_confirm}</p>
                    <button class="danger strong" id="wipe-confirm" onclick={wipe}>{t.wipe_yes}</button>
                    <button onclick={cancel}>{t.cancel}</button>
                </div>
            } else {
                <button class="danger" id="wipe-all" onclick={ask}>{t.wipe_button}</button>
            }
        </section>
    }
}
