//! Files in and out of the cases panel: export the case on screen as case JSON
//! (optionally sealed with a passphrase), Kumu CSV, GraphML or DOT through the core
//! `Format`, the map as SVG or PNG; import a case JSON (sealed or not) or Kumu CSV as a
//! new stored case. Every failure is reported in the live region and leaves the stored
//! cases as they were.

use crate::core::formats::case_json::{CaseFileError, MAX_CASE_BYTES};
use crate::core::formats::{Format, FormatError};
use crate::core::geometry::bounds;
use crate::core::lang::Lang;
use crate::core::model::Case;
use crate::ui::components::dom::{field_value, today};
use crate::ui::context::use_editor;
use crate::ui::hooks::cases;
use crate::ui::services::crypto::{self, CryptoError, Envelope};
use crate::ui::services::files::{download, file_stem, read_bytes, text_blob};
use crate::ui::services::map_image::{map_png, map_svg};
use crate::ui::state::{Action, EditorState, MainView, Notice};
use crate::ui::texts::{texts, Texts};
use wasm_bindgen_futures::spawn_local;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

/// The id of the field with the passphrase for exported and imported files.
const PASSPHRASE_ID: &str = "file-passphrase";

/// A sealed file is base64 inside JSON: allow for that growth before decrypting.
const MAX_SEALED_BYTES: usize = MAX_CASE_BYTES / 3 * 4 + 4096;

/// What the user can export.
#[derive(Clone, Copy, PartialEq)]
enum Export {
    File(Format),
    Svg,
    Png,
}

fn notify_error(dispatcher: &UseReducerDispatcher<EditorState>, text: String) {
    dispatcher.dispatch(Action::Notify(Notice::said(text, true)));
}

fn notify_done(dispatcher: &UseReducerDispatcher<EditorState>, text: String) {
    dispatcher.dispatch(Action::Notify(Notice::said(text, false)));
}

/// The file extension and MIME type of an export format.
fn file_type(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::CaseJson => ("json", "application/json"),
        Format::KumuCsv => ("csv", "text/csv;charset=utf-8"),
        Format::GraphMl => ("graphml", "application/graphml+xml"),
        Format::Dot => ("dot", "text/vnd.graphviz"),
    }
}

/// Writes the case in `format`, sealed when a passphrase is given (case JSON only). A
/// sealed file is named after today's date, not the title: its name is not sealed.
async fn export_file(case: &Case, format: Format, passphrase: Option<String>, lang: Lang) -> Result<(), String> {
    let t = texts(lang);
    let (extension, mime) = file_type(format);
    let mut text = format.write(case);
    let stem = match passphrase {
        Some(passphrase) => {
            let sealing = |e: CryptoError| e.message(lang);
            let salt = crypto::new_salt().map_err(sealing)?;
            let key = crypto::derive(&passphrase, &salt, crypto::ITERATIONS).await.map_err(sealing)?;
            text = crypto::seal(&key, &text).await.map_err(sealing)?.to_json();
            format!("{}-{}", t.sealed_file_stem, today())
        }
        None => file_stem(&case.title),
    };
    let refused = |_| t.browser_refused_file.to_string();
    let blob = text_blob(&text, mime).map_err(refused)?;
    download(&blob, &format!("{stem}.{extension}")).map_err(refused)
}

/// The map on screen as SVG or PNG. A failure says why, without the "export failed"
/// that the caller puts in front.
async fn export_picture(case: &Case, png: bool, t: &Texts) -> Result<(), String> {
    let area = bounds(&case.factors).ok_or_else(|| t.map_empty.to_string())?;
    let picture = map_svg(area).map_err(|_| t.map_not_shown.to_string())?;
    let stem = file_stem(&case.title);
    let refused = |_| t.browser_refused_file.to_string();
    if png {
        let blob = map_png(&picture).await.map_err(|_| t.picture_failed.to_string())?;
        download(&blob, &format!("{stem}.png")).map_err(refused)
    } else {
        download(&text_blob(&picture.svg, "image/svg+xml").map_err(refused)?, &format!("{stem}.svg")).map_err(refused)
    }
}

/// Reads a picked file as a case: size first, then the format by extension, a sealed
/// case JSON opened with the passphrase, then the core reader.
async fn import_file(file: &File, passphrase: &str, lang: Lang) -> Result<Case, String> {
    let t = texts(lang);
    let format = Format::for_file_name(&file.name()).map_err(|e| e.message(lang))?;
    if !format.can_read() {
        return Err(FormatError::WriteOnly(format).message(lang));
    }
    let size = file.size() as usize;
    if size > MAX_SEALED_BYTES {
        return Err(CaseFileError::TooLarge { bytes: size }.message(lang));
    }
    let bytes = read_bytes(file).await.map_err(|_| t.file_unreadable.to_string())?;
    let sealed =
        if format == Format::CaseJson { std::str::from_utf8(&bytes).ok().and_then(Envelope::parse) } else { None };
    let bytes = match sealed {
        None => bytes,
        Some(_) if passphrase.is_empty() => return Err(t.file_needs_passphrase.to_string()),
        Some(envelope) => match crypto::open_with_passphrase(passphrase, &envelope).await {
            Ok(text) => text.into_bytes(),
            Err(CryptoError::WrongPassphrase) => return Err(t.wrong_file_passphrase.to_string()),
            Err(error) => return Err(error.message(lang)),
        },
    };
    format.read_bytes(&bytes).map_err(|e| e.message(lang))
}

/// The export and import controls.
#[component]
pub fn CaseFiles() -> Html {
    let editor = use_editor();
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let encrypt = use_state(|| false);

    let export = |what: Export| {
        let (state, encrypt) = (state.clone(), *encrypt);
        Callback::from(move |_| {
            let dispatcher = state.dispatcher();
            let case = (**state.case()).clone();
            let lang = state.lang;
            let t = texts(lang);
            let key_text = field_value(PASSPHRASE_ID);
            let sealed = encrypt && what == Export::File(Format::CaseJson);
            if sealed && key_text.is_empty() {
                notify_error(&dispatcher, t.passphrase_needed.to_string());
                return;
            }
            if matches!(what, Export::Svg | Export::Png) && state.view != MainView::Canvas {
                state.dispatch(Action::SetView(MainView::Canvas));
            }
            spawn_local(async move {
                let result = match what {
                    Export::File(format) => export_file(&case, format, sealed.then_some(key_text), lang).await,
                    Export::Svg => export_picture(&case, false, t).await,
                    Export::Png => export_picture(&case, true, t).await,
                };
                match result {
                    Ok(()) => notify_done(&dispatcher, t.exported.to_string()),
                    Err(message) => notify_error(&dispatcher, format!("{} {message}", t.export_failed)),
                }
            });
        })
    };

    let on_import = {
        let state = state.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            // Picking the same file again must fire `change` again.
            input.set_value("");
            let dispatcher = state.dispatcher();
            let lang = state.lang;
            let t = texts(lang);
            let key_text = field_value(PASSPHRASE_ID);
            spawn_local(async move {
                match import_file(&file, &key_text, lang).await {
                    Ok(case) => cases::open_as_new_case(case, t.case_imported.to_string()),
                    Err(message) => notify_error(&dispatcher, format!("{} {message}", t.import_failed)),
                }
            });
        })
    };

    let toggle = {
        let encrypt = encrypt.clone();
        Callback::from(move |_| encrypt.set(!*encrypt))
    };
    html! {
        <section class="case-files" aria-labelledby="files-heading">
            <h2 id="files-heading">{t.files_heading}</h2>
            <div class="export-buttons" role="group" aria-label={t.export_heading}>
                <button onclick={export(Export::File(Format::CaseJson))} id="export-json">{t.export_json}</button>
                <button onclick={export(Export::File(Format::KumuCsv))} id="export-csv">{"CSV (Kumu)"}</button>
                <button onclick={export(Export::File(Format::GraphMl))} id="export-graphml">{"GraphML"}</button>
                <button onclick={export(Export::File(Format::Dot))} id="export-dot">{"DOT"}</button>
                <button onclick={export(Export::Svg)} id="export-svg">{t.export_svg}</button>
                <button onclick={export(Export::Png)} id="export-png">{t.export_png}</button>
            </div>
            <label class="check"><input type="checkbox" id="export-encrypt" checked={*encrypt} onchange={toggle} />{t.export_encrypt}</label>
            <label>{t.file_passphrase}
                <input type="password" id={PASSPHRASE_ID} autocomplete="off" />
            </label>
            <label>{t.import_label}
                <input type="file" id="import-file" accept=".json,.csv,.graphml,application/json,text/csv" onchange={on_import} />
            </label>
            <p class="muted">{t.import_hint}</p>
        </section>
    }
}
