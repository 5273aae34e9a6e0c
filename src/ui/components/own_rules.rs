//! The municipality's own rules, at the end of the library panel: a form to add a
//! verordening or beleidsregel, or to change one, checked with the library's own checks
//! (every problem shown next to the form, the input kept); the list of own rules with
//! change and delete; and export and import as a JSON file in the schema of a sector file,
//! where a file with any problem changes nothing.

use crate::core::lang::Lang;
use crate::core::model::{Confidence, FactorKind, MandateLevel, Polarity};
use crate::core::rules::{
    add_own_rule, id_prefix, import_own_rules, replace_own_rule, write_user_rules_json, FormLink, Issue, ItemKind,
    OwnRuleForm, RulesProblem, Status,
};
use crate::ui::components::dom::{event_value, focus, today};
use crate::ui::context::{use_editor, Editor};
use crate::ui::services::files;
use crate::ui::state::{Action, Notice};
use crate::ui::texts::{confidence_name, kind_name, texts, Texts};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The name of the exported file.
const EXPORT_NAME: &str = "eigen-regels.json";
/// The id of the list of factor labels the cause and effect fields suggest.
const LABELS_ID: &str = "own-rule-factor-labels";
/// The id of the button that confirms a delete (focused when it appears).
const DELETE_YES_ID: &str = "own-rule-delete-yes";
/// The id of the field focused when a rule is opened to change it (its id stays).
const NAME_FIELD: &str = "own-rule-name-nl";

/// The id of the button that opens own rule `id` in the form (focused again on cancel).
fn change_button_id(id: &str) -> String {
    format!("own-rule-change-{id}")
}

/// The form as typed, the own rule it changes (if it does not add one), and the problems
/// of the last attempt. The form is only reset after a rule was saved, so a failed check
/// loses nothing.
#[derive(Clone, PartialEq)]
struct Draft {
    form: OwnRuleForm,
    changing: Option<String>,
    problems: Vec<RulesProblem>,
}

impl Draft {
    /// A fresh draft to add a rule with this form.
    fn adding(form: OwnRuleForm) -> Draft {
        Draft { form, changing: None, problems: Vec::new() }
    }
}

/// An empty form checked today, its id started with `prefix` when given.
fn new_form(prefix: Option<&str>) -> OwnRuleForm {
    OwnRuleForm::new(&today(), prefix)
}

/// A change to the draft.
enum DraftEdit {
    /// Sets a field of the form from the value of its control.
    Field(fn(&mut OwnRuleForm, String), String),
    /// Sets a field of the link at this index.
    Link(usize, fn(&mut FormLink, String), String),
    /// Adds an empty link.
    AddLink,
    /// Removes the link at this index (one link always stays).
    RemoveLink(usize),
    /// Starts over with this form, to add a rule.
    Reset(OwnRuleForm),
    /// Opens an own rule in the form, to change it.
    Open(OwnRuleForm, String),
    /// The checks refused the form: these problems.
    Refused(Vec<RulesProblem>),
}

impl Reducible for Draft {
    type Action = DraftEdit;

    fn reduce(self: Rc<Self>, edit: DraftEdit) -> Rc<Self> {
        let mut draft = (*self).clone();
        let form = &mut draft.form;
        match edit {
            DraftEdit::Field(set, value) => set(form, value),
            DraftEdit::Link(index, set, value) => {
                if let Some(link) = form.links.get_mut(index) {
                    set(link, value);
                }
            }
            DraftEdit::AddLink => form.links.push(FormLink::default()),
            DraftEdit::RemoveLink(index) => {
                if form.links.len() > 1 && index < form.links.len() {
                    form.links.remove(index);
                }
            }
            DraftEdit::Reset(fresh) => draft = Draft::adding(fresh),
            DraftEdit::Open(form, id) => draft = Draft { changing: Some(id), ..Draft::adding(form) },
            DraftEdit::Refused(problems) => draft.problems = problems,
        }
        Rc::new(draft)
    }
}

/// Shows `text` in the live region.
fn notify(editor: &Editor, text: String, is_error: bool) {
    editor.dispatch(Action::Notify(Notice::said(text, is_error)));
}

/// A problem in words a professional recognises, in `lang`: the schema's field names
/// become the form's labels, a missing sector says "choose a sector", and the rule id
/// goes in front.
fn readable(problem: &RulesProblem, lang: Lang) -> String {
    let t = texts(lang);
    if matches!(&problem.issue, Issue::UnknownReference { kind: ItemKind::Sector, id } if id.is_empty()) {
        return match &problem.id {
            Some(id) if !id.is_empty() => format!("{id}: {}", t.own_no_sector),
            _ => t.own_no_sector.to_string(),
        };
    }
    let fields = [
        ("name_nl", t.own_name_nl),
        ("name_en", t.own_name_en),
        ("mechanism_nl", t.own_mechanism),
        ("decision_holder.role_nl", t.own_role),
        ("legal_sources.law", t.own_law),
        ("factors.label_nl", &format!("{} / {}", t.own_cause, t.own_effect)),
        ("last_checked", t.own_last_checked),
        ("valid_from", t.own_valid_from),
        ("valid_to", t.own_valid_to),
    ];
    let mut message = problem.issue.message(lang);
    for (field, label) in fields {
        message = message.replace(&format!("'{field}'"), &format!("'{label}'"));
    }
    match &problem.id {
        Some(id) if !id.is_empty() => format!("{id}: {message}"),
        _ => message,
    }
}

/// Every problem as a list item, in `lang`.
fn problem_items(problems: &[RulesProblem], lang: Lang) -> Html {
    problems.iter().map(|problem| html! { <li>{readable(problem, lang)}</li> }).collect()
}

/// The own rules: list, form, export and import.
#[component]
pub fn OwnRules() -> Html {
    let editor = use_editor();
    let lang = editor.state.lang;
    let t = texts(lang);
    let own = editor.state.own_rules.clone();
    let draft = use_reducer(|| Draft::adding(new_form(None)));
    let import_problems = use_state(|| None::<(String, Vec<RulesProblem>)>);
    let confirming = use_state(|| None::<String>);
    use_effect_with((*confirming).clone(), |confirming| {
        if confirming.is_some() {
            focus(DELETE_YES_ID);
        }
    });

    let onsubmit = {
        let editor = editor.clone();
        let draft = draft.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let own = &editor.state.own_rules;
            let changed = draft.changing.as_deref().map(|old| (old, own.iter().find(|rule| rule.id == old)));
            let rule = draft.form.to_rule(&editor.library, changed.and_then(|(_, base)| base));
            let id = rule.id.clone();
            let (result, done) = match changed {
                Some((old, _)) => (replace_own_rule(own, old, rule), t.own_changed),
                None => (add_own_rule(own, rule), t.own_added),
            };
            match result {
                Ok(rules) => {
                    draft.dispatch(DraftEdit::Reset(new_form(id_prefix(&id))));
                    editor.dispatch(Action::SetOwnRules(rules));
                    notify(&editor, format!("{done} {id}"), false);
                }
                Err(problems) => draft.dispatch(DraftEdit::Refused(problems)),
            }
        })
    };

    let onexport = {
        let editor = editor.clone();
        Callback::from(move |_| {
            let saved = write_user_rules_json(&editor.state.own_rules).ok().and_then(|text| {
                let blob = files::text_blob(&text, "application/json").ok()?;
                files::download(&blob, EXPORT_NAME).ok()
            });
            match saved {
                Some(()) => notify(&editor, format!("{} {EXPORT_NAME}", t.own_exported), false),
                None => notify(&editor, t.own_export_failed.to_string(), true),
            }
        })
    };

    let onimport = {
        let (editor, import_problems, draft) = (editor.clone(), import_problems.clone(), draft.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok()) else {
                return;
            };
            let Some(file) = input.files().and_then(|list| list.get(0)) else { return };
            // The same file can be picked again after a fix.
            input.set_value("");
            let (editor, import_problems, draft) = (editor.clone(), import_problems.clone(), draft.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let text = match files::read_bytes(&file).await {
                    Ok(bytes) => String::from_utf8(bytes).map_err(|_| Issue::NotText),
                    Err(_) => Err(Issue::FileUnreadable),
                };
                let result = text
                    .map_err(|issue| vec![RulesProblem::new(&name, None, issue)])
                    .and_then(|text| import_own_rules(&editor.state.own_rules, &name, &text));
                match result {
                    Ok(rules) => {
                        import_problems.set(None);
                        // The file may have replaced the rule open in the form.
                        if draft.changing.is_some() {
                            draft.dispatch(DraftEdit::Reset(new_form(None)));
                        }
                        editor.dispatch(Action::SetOwnRules(rules));
                        notify(&editor, format!("{} {name}", t.own_imported), false);
                    }
                    Err(problems) => import_problems.set(Some((name, problems))),
                }
            });
        })
    };

    let list: Html = own
        .iter()
        .map(|rule| {
            let id = rule.id.clone();
            let actions = if confirming.as_deref() == Some(id.as_str()) {
                let delete = {
                    let (editor, confirming, draft) = (editor.clone(), confirming.clone(), draft.clone());
                    let id = id.clone();
                    Callback::from(move |_| {
                        let kept = editor.state.own_rules.iter().filter(|rule| rule.id != id).cloned().collect();
                        confirming.set(None);
                        // A rule open in the form is gone: the form adds again.
                        if draft.changing.as_deref() == Some(id.as_str()) {
                            draft.dispatch(DraftEdit::Reset(new_form(None)));
                        }
                        editor.dispatch(Action::SetOwnRules(kept));
                        notify(&editor, format!("{} {id}", t.own_deleted), false);
                    })
                };
                let cancel = {
                    let confirming = confirming.clone();
                    Callback::from(move |_| confirming.set(None))
                };
                html! {
                    <>
                        <span class="own-confirm">{t.own_delete_question}</span>
                        <button id={DELETE_YES_ID} class="danger" onclick={delete}>{t.own_delete_yes}</button>
                        <button onclick={cancel}>{t.own_delete_no}</button>
                    </>
                }
            } else {
                let ask = {
                    let confirming = confirming.clone();
                    let id = id.clone();
                    Callback::from(move |_| confirming.set(Some(id.clone())))
                };
                let change = {
                    let (draft, rule) = (draft.clone(), rule.clone());
                    Callback::from(move |_| {
                        draft.dispatch(DraftEdit::Open(OwnRuleForm::from_rule(&rule), rule.id.clone()));
                        focus(NAME_FIELD);
                    })
                };
                html! {
                    <>
                        <button id={change_button_id(&id)} onclick={change} aria-label={format!("{} {id}", t.own_edit_heading)}>{t.own_edit}</button>
                        <button class="danger" onclick={ask} aria-label={format!("{} {id}", t.own_delete_label)}>{t.delete}</button>
                    </>
                }
            };
            html! {
                <li class="rule" key={id.clone()} data-own-rule={id.clone()}>
                    <div class="rule-head">
                        <span class="rule-id">{id.clone()}</span>
                        <strong>{lang.pick(&rule.name_nl, &rule.name_en).to_string()}</strong>
                    </div>
                    <p class="option-meta">
                        <span>{editor.sector_name(&rule.sector)}</span>
                        <span lang={rule.legal_citation_lang(lang).tag()}>{rule.legal_citation(lang)}</span>
                    </p>
                    <div class="option-actions">{actions}</div>
                </li>
            }
        })
        .collect();

    html! {
        <section class="own-rules" aria-labelledby="own-rules-heading" id="own-rules">
            <h2 id="own-rules-heading">{format!("{} ({})", t.own_heading, own.len())}</h2>
            <p class="muted">{t.own_intro}</p>
            if own.is_empty() {
                <p class="muted">{t.own_none}</p>
            } else {
                <ul class="rule-list" id="own-rule-list">{list}</ul>
            }
            <div class="own-files" role="group" aria-labelledby="own-files-heading">
                <h3 id="own-files-heading">{t.own_files_heading}</h3>
                <button id="own-rules-export" onclick={onexport} disabled={own.is_empty()}>{t.own_export}</button>
                <label>{t.own_import}
                    <input type="file" id="own-rules-import" accept=".json,application/json"
                        aria-describedby="own-rules-import-hint" onchange={onimport} />
                </label>
                <p class="muted" id="own-rules-import-hint">{t.own_import_hint}</p>
                if let Some((name, problems)) = &*import_problems {
                    <div class="own-problems" role="alert" id="own-rules-import-problems">
                        <p>{format!("{} {name}:", t.own_import_problems)}</p>
                        <ul>{problem_items(problems, lang)}</ul>
                    </div>
                }
            </div>
            { rule_form(&editor, t, &draft, onsubmit) }
        </section>
    }
}

/// A labelled input: `kind` is the input type, `list` the id of a suggestion list.
fn input(
    id: String,
    label: &'static str,
    value: &str,
    kind: &'static str,
    list: Option<&'static str>,
    oninput: Callback<InputEvent>,
) -> Html {
    html! {
        <label>{label}
            <input {id} type={kind} list={list} autocomplete="off" value={value.to_string()} {oninput} />
        </label>
    }
}

/// A labelled text area spanning the form.
fn area(id: &'static str, label: &'static str, value: &str, oninput: Callback<InputEvent>) -> Html {
    html! { <label class="wide">{label}<textarea {id} value={value.to_string()} {oninput} /></label> }
}

/// A labelled select; `options` are `(value, text, selected)`.
fn select(id: String, label: &'static str, options: Vec<(String, String, bool)>, onchange: Callback<Event>) -> Html {
    html! {
        <label>{label}
            <select {id} {onchange}>
                { for options.into_iter().map(|(value, text, selected)| html! { <option {value} {selected}>{text}</option> }) }
            </select>
        </label>
    }
}

/// The form to add an own rule, or to change one (with a button to stop changing it),
/// with the problems of the last attempt above its buttons.
fn rule_form(
    editor: &Editor,
    t: &'static Texts,
    draft: &UseReducerHandle<Draft>,
    onsubmit: Callback<SubmitEvent>,
) -> Html {
    let lang = editor.state.lang;
    let form = &draft.form;
    let problems = &draft.problems;
    let text = |set: fn(&mut OwnRuleForm, String)| {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| draft.dispatch(DraftEdit::Field(set, event_value(&event))))
    };
    let choice = |set: fn(&mut OwnRuleForm, String)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| draft.dispatch(DraftEdit::Field(set, event_value(&event))))
    };
    let labels: Html = editor
        .library
        .factor_labels()
        .into_iter()
        .map(|label| html! { <option value={label.to_string()} /> })
        .collect();
    let links: Html =
        form.links.iter().enumerate().map(|(index, link)| link_fields(editor, t, draft, index, link)).collect();
    let sectors = std::iter::once((String::new(), t.own_choose_sector.to_string(), form.sector.is_empty()))
        .chain(editor.sector_choices().into_iter().map(|(id, name)| {
            let selected = form.sector == id;
            (id, name, selected)
        }))
        .collect();
    let statuses = Status::ALL
        .iter()
        .enumerate()
        .map(|(index, status)| {
            (index.to_string(), lang.pick(status.label_nl(), status.label_en()).to_string(), *status == form.status)
        })
        .collect();
    let levels = editor
        .library
        .mandate_levels()
        .iter()
        .map(|level| {
            let text = format!("{} — {}", level.id, lang.pick(&level.name_nl, &level.name_en));
            (level.id.to_string(), text, level.id == form.level)
        })
        .collect();
    let confidences = Confidence::ALL
        .iter()
        .map(|confidence| {
            (
                confidence.id().to_string(),
                confidence_name(lang, *confidence).to_string(),
                *confidence == form.confidence,
            )
        })
        .collect();
    let set_status: fn(&mut OwnRuleForm, String) = |form, value| {
        form.status =
            value.parse::<usize>().ok().and_then(|index| Status::ALL.get(index).copied()).unwrap_or(form.status);
    };

    let (heading, submit) = match draft.changing.as_deref() {
        Some(id) => (format!("{} {id}", t.own_edit_heading), t.own_save),
        None => (t.own_add_heading.to_string(), t.own_submit),
    };
    let stop_changing = draft.changing.clone().map(|id| {
        let draft = draft.clone();
        Callback::from(move |_| {
            draft.dispatch(DraftEdit::Reset(new_form(None)));
            focus(&change_button_id(&id));
        })
    });

    html! {
        <form class="own-rule-form" novalidate=true {onsubmit} aria-labelledby="own-rule-form-heading">
            <h3 id="own-rule-form-heading">{heading}</h3>
            <datalist id={LABELS_ID}>{labels}</datalist>
            <div class="own-fields">
                <label>{t.own_id}
                    <input id="own-rule-id" value={form.id.clone()} autocomplete="off" aria-describedby="own-rule-id-hint"
                        readonly={draft.changing.is_some()} oninput={text(|form, value| form.id = value)} />
                </label>
                <p class="muted hint" id="own-rule-id-hint">{if draft.changing.is_some() { t.own_id_kept } else { t.own_id_hint }}</p>
                { input("own-rule-name-nl".into(), t.own_name_nl, &form.name_nl, "text", None, text(|form, value| form.name_nl = value)) }
                { input("own-rule-name-en".into(), t.own_name_en, &form.name_en, "text", None, text(|form, value| form.name_en = value)) }
                { select("own-rule-sector".into(), t.sector, sectors, choice(|form, value| form.sector = value)) }
                { select("own-rule-status".into(), t.status, statuses, choice(set_status)) }
                <fieldset>
                    <legend>{t.legal_source}</legend>
                    { input("own-rule-law".into(), t.own_law, &form.law, "text", None, text(|form, value| form.law = value)) }
                    { input("own-rule-article".into(), t.own_article, &form.article, "text", None, text(|form, value| form.article = value)) }
                </fieldset>
                <fieldset>
                    <legend>{t.decision_holder}</legend>
                    { select("own-rule-level".into(), t.own_level, levels,
                        choice(|form, value| form.level = MandateLevel::parse(&value).unwrap_or(form.level))) }
                    { input("own-rule-role".into(), t.own_role, &form.role_nl, "text", None, text(|form, value| form.role_nl = value)) }
                </fieldset>
                { area("own-rule-mechanism", t.own_mechanism, &form.mechanism_nl, text(|form, value| form.mechanism_nl = value)) }
                <fieldset class="own-links">
                    <legend>{t.own_links}</legend>
                    <p class="muted hint">{t.own_links_hint}</p>
                    {links}
                    <button type="button" class="wide-button" onclick={let draft = draft.clone(); Callback::from(move |_| draft.dispatch(DraftEdit::AddLink))}>{t.own_add_link}</button>
                </fieldset>
                { area("own-rule-sources", t.own_sources, &form.sources, text(|form, value| form.sources = value)) }
                { input("own-rule-keywords".into(), t.own_keywords, &form.keywords, "text", None, text(|form, value| form.keywords = value)) }
                { select("own-rule-confidence".into(), t.confidence, confidences,
                    choice(|form, value| form.confidence = Confidence::parse(&value).unwrap_or(form.confidence))) }
                { input("own-rule-last-checked".into(), t.own_last_checked, &form.last_checked, "date", None, text(|form, value| form.last_checked = value)) }
                { input("own-rule-valid-from".into(), t.own_valid_from, &form.valid_from, "date", None, text(|form, value| form.valid_from = value)) }
                { input("own-rule-valid-to".into(), t.own_valid_to, &form.valid_to, "date", None, text(|form, value| form.valid_to = value)) }
            </div>
            if !problems.is_empty() {
                <div class="own-problems" role="alert" id="own-rule-problems">
                    <p>{t.own_problems}</p>
                    <ul>{problem_items(problems, editor.state.lang)}</ul>
                </div>
            }
            <div class="option-actions">
                <button type="submit" class="primary">{submit}</button>
                if let Some(onclick) = stop_changing {
                    <button type="button" {onclick}>{t.own_cancel_change}</button>
                }
            </div>
        </form>
    }
}

/// The fields of one link: cause, its kind, sign, effect, its kind, and remove.
fn link_fields(
    editor: &Editor,
    t: &'static Texts,
    draft: &UseReducerHandle<Draft>,
    index: usize,
    link: &FormLink,
) -> Html {
    let lang = editor.state.lang;
    let number = index + 1;
    // Typing a label the library knows takes over that factor's kind.
    let label = |set_label: fn(&mut FormLink, String), set_kind: fn(&mut FormLink, String)| {
        let draft = draft.clone();
        let library = editor.library.clone();
        Callback::from(move |event: InputEvent| {
            let value = event_value(&event);
            if let Some((_, kind)) = library.factor_with_label(&value) {
                draft.dispatch(DraftEdit::Link(index, set_kind, kind.id().to_string()));
            }
            draft.dispatch(DraftEdit::Link(index, set_label, value));
        })
    };
    let choice = |set: fn(&mut FormLink, String)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| draft.dispatch(DraftEdit::Link(index, set, event_value(&event))))
    };
    let kinds = |selected: FactorKind| {
        FactorKind::ALL
            .iter()
            .map(|kind| (kind.id().to_string(), kind_name(lang, *kind).to_string(), *kind == selected))
            .collect()
    };
    let signs = vec![
        ("+".to_string(), t.polarity_plus.to_string(), link.polarity == Polarity::Positive),
        ("-".to_string(), t.polarity_minus.to_string(), link.polarity == Polarity::Negative),
    ];
    let set_from_kind: fn(&mut FormLink, String) =
        |link, value| link.from_kind = FactorKind::parse(&value).unwrap_or(link.from_kind);
    let set_to_kind: fn(&mut FormLink, String) =
        |link, value| link.to_kind = FactorKind::parse(&value).unwrap_or(link.to_kind);
    let set_sign: fn(&mut FormLink, String) =
        |link, value| link.polarity = Polarity::parse(&value).unwrap_or(link.polarity);
    html! {
        <fieldset class="own-link" key={index}>
            <legend>{format!("{} {number}", t.own_link)}</legend>
            { input(format!("own-link-{number}-from"), t.own_cause, &link.from, "text", Some(LABELS_ID), label(|link, value| link.from = value, set_from_kind)) }
            { select(format!("own-link-{number}-from-kind"), t.own_cause_kind, kinds(link.from_kind), choice(set_from_kind)) }
            { select(format!("own-link-{number}-polarity"), t.polarity, signs, choice(set_sign)) }
            { input(format!("own-link-{number}-to"), t.own_effect, &link.to, "text", Some(LABELS_ID), label(|link, value| link.to = value, set_to_kind)) }
            { select(format!("own-link-{number}-to-kind"), t.own_effect_kind, kinds(link.to_kind), choice(set_to_kind)) }
            if draft.form.links.len() > 1 {
                <button type="button" class="danger" aria-label={format!("{} {number}", t.own_remove_link)}
                    onclick={let draft = draft.clone(); Callback::from(move |_| draft.dispatch(DraftEdit::RemoveLink(index)))}>
                    {t.own_remove_link}
                </button>
            }
        </fieldset>
    }
}
