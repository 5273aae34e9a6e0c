//! The rules library panel: search rules by name, sector, law or keyword (Dutch and
//! English), put a rule on the selected link or on the map as its factors and links
//! (merged with what is there), read a rule's legal source, instruments, mandate holders,
//! sources and confidence, and open a canonical cycle as a new case.

use crate::core::edit::Edit;
use crate::core::model::Confidence;
use crate::core::rules::schema::{Rule, VerificationStatus};
use crate::core::rules::{merge_rule, rule_on_link};
use crate::ui::components::canvas::fit_to;
use crate::ui::components::dom::event_value;
use crate::ui::components::templates::template_buttons;
use crate::ui::context::Editor;
use crate::ui::state::{send, Action, EditorState, LibrarySearch, Notice};
use crate::ui::texts::{confidence_name, counted, rule_merged, rule_put_on_link, texts, Noun};
use yew::prelude::*;

/// How many search results are listed.
const SHOWN: usize = 25;

fn rule_detail(editor: &Editor, rule: &Rule) -> Html {
    let lang = editor.state.lang;
    let t = texts(lang);
    let header = editor.library.header();
    let today: String = String::from(js_sys::Date::new_0().to_iso_string()).chars().take(10).collect();
    let expired = rule.expired_on(&today);
    let checked = rule.verification_status() == VerificationStatus::Checked;
    // An own rule without `valid_from` (every library rule has one: `rules check`) is
    // marked like an unchecked article.
    let undated = rule.valid_from.is_none();
    let period = match (&rule.valid_from, &rule.valid_until) {
        (Some(from), Some(until)) => format!("{} {from} {} {until}", t.valid_from_word, t.valid_until_word),
        (Some(from), None) => format!("{} {from}", t.valid_from_word),
        (None, Some(until)) => format!("{} · {} {until}", t.valid_from_unknown, t.valid_until_word),
        (None, None) => t.valid_from_unknown.to_string(),
    };
    html! {
        <div class="rule-detail">
            if expired { <p class="verify" role="status">{t.rule_expired}</p> }
            <p>{rule.mechanism(lang).to_string()}</p>
            <dl class="facts">
                <dt>{t.legal_source}</dt>
                <dd>{ for rule.legal_sources.iter().map(|s| html! { <div><span lang={s.citation_lang(lang).tag()}>{s.citation(lang)}</span>{if s.verify { t.to_verify } else { "" }}</div> }) }</dd>
                <dt>{t.effect_confidence}</dt>
                <dd>{confidence_name(lang, rule.confidence)}</dd>
                <dt>{t.source_checked}</dt>
                <dd class={classes!((!checked).then_some("verify"))}>{if checked { t.source_checked_yes } else { t.source_checked_no }}</dd>
                <dt>{t.decision_holder}</dt>
                <dd>{format!("{} · {}", rule.decision_holder.level, rule.decision_holder.role(lang))}</dd>
                <dt>{t.instruments_heading}</dt>
                <dd><ul class="plain">{ for rule.instruments.iter().map(|i| html! {
                    <li>{format!("{} {} — {} · {}", i.id, editor.instrument_name(&i.id), i.level, i.role(lang))}</li>
                }) }</ul></dd>
                <dt>{t.status}</dt>
                <dd>{format!("{} · {} {}", lang.pick(rule.status.label_nl(), rule.status.label_en()), t.last_checked, rule.last_checked)}</dd>
                <dt>{t.valid_period}</dt>
                <dd class={classes!(undated.then_some("verify"))}>{period}</dd>
                if !rule.verification.is_empty() {
                    <dt>{t.verification}</dt><dd>{rule.verification_note(lang).to_string()}</dd>
                }
                <dt>{t.sources}</dt>
                <dd><ul class="plain sources">{ for rule.sources.iter().map(|url| html! {
                    <li><a href={url.clone()} target="_blank" rel="noopener noreferrer">{url.clone()}</a></li>
                }) }</ul></dd>
                <dt>{t.library_edition}</dt>
                <dd>{format!("{} ({})", header.edition, header.edition_date())}</dd>
            </dl>
        </div>
    }
}

/// Puts `rule` on the map: on the selected link when exactly one link is selected (its
/// id, sector and sign), otherwise as its factors and links merged with the map. Either
/// is one undo step, and the notice says what happened.
fn put_on_map(state: &UseReducerHandle<EditorState>, rule: &Rule, sector: &str) {
    let case = state.case();
    let lang = state.lang;
    let selected = &state.selection;
    let link =
        (selected.factors.is_empty() && selected.links.len() == 1).then(|| case.link(&selected.links[0])).flatten();
    let text = match link {
        Some(link) => {
            let on = rule_on_link(case, link, rule);
            let label = |id: &str| case.factor(id).map(|f| f.label.clone()).unwrap_or_default();
            let text = rule_put_on_link(lang, &rule.id, sector, (&label(&link.from), &label(&link.to)), &on);
            state.dispatch(Action::Edit(Edit::UpdateLink(on.link)));
            text
        }
        None => {
            let merged = merge_rule(case, rule, lang);
            let text = rule_merged(lang, &rule.id, &merged);
            fit_to(state, &merged.case.factors);
            state.dispatch(Action::Edit(Edit::ReplaceCase(Box::new(merged.case))));
            text
        }
    };
    state.dispatch(Action::Notify(Notice::said(text, false)));
}

/// A callback that sets the library search to what `change` makes of the current one
/// and the control's value.
fn set_search<E: AsRef<Event> + 'static>(
    state: &UseReducerHandle<EditorState>,
    change: fn(&mut LibrarySearch, String),
) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |event: E| {
        let mut search = state.library_search.clone();
        change(&mut search, event_value(event.as_ref()));
        state.dispatch(Action::SetLibrarySearch(search));
    })
}

/// The library panel.
pub fn library_panel(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let LibrarySearch { query, sector, open } = &state.library_search;
    let library = editor.library.clone();
    let results = library.search(query, (!sector.is_empty()).then_some(sector.as_str()));
    let one_link_selected = state.selection.factors.is_empty() && state.selection.links.len() == 1;

    let items: Html = results
        .iter()
        .take(SHOWN)
        .map(|rule| {
            let is_open = open.as_deref() == Some(rule.id.as_str());
            let on_map = {
                let state = state.clone();
                let rule = (*rule).clone();
                let sector = editor.sector_name(&rule.sector);
                Callback::from(move |_| put_on_map(&state, &rule, &sector))
            };
            let open_now = (!is_open).then(|| rule.id.clone());
            let toggle = send(&state, Action::SetLibrarySearch(LibrarySearch { open: open_now, ..state.library_search.clone() }));
            let low = rule.confidence == Confidence::Low;
            html! {
                <li class="rule" key={rule.id.clone()} data-rule={rule.id.clone()}>
                    <div class="rule-head">
                        <span class="rule-id">{rule.id.clone()}</span>
                        <strong>{lang.pick(&rule.name_nl, &rule.name_en).to_string()}</strong>
                    </div>
                    <p class="option-meta">
                        <span>{editor.sector_name(&rule.sector)}</span>
                        <span lang={rule.legal_citation_lang(lang).tag()}>{rule.legal_citation(lang)}</span>
                        <span class={classes!("confidence", low.then_some("low"))}>{format!("{}: {}", t.confidence, confidence_name(lang, rule.confidence))}</span>
                        if rule.needs_verification() { <span class="verify">{t.to_verify_badge}</span> }
                    </p>
                    <div class="option-actions">
                        <button class="primary" onclick={on_map}>{t.put_on_map}</button>
                        <button aria-expanded={is_open.to_string()} onclick={toggle}>{t.details}</button>
                    </div>
                    if is_open { { rule_detail(editor, rule) } }
                </li>
            }
        })
        .collect();

    html! {
        <div class="library" id="library-panel">
            <section aria-labelledby="templates-heading">
                <h2 id="templates-heading">{t.templates_heading}</h2>
                <p class="muted">{t.templates_hint}</p>
                { template_buttons(editor) }
            </section>
            <section aria-labelledby="rules-heading">
                <h2 id="rules-heading">{format!("{} ({})", t.rules_heading, library.rules().len())}</h2>
                <div class="search-row">
                    <label>{t.search}
                        <input type="search" id="rule-search" value={query.clone()} placeholder={t.search_placeholder}
                            oninput={set_search::<InputEvent>(&state, |search, query| search.query = query)} />
                    </label>
                    <label>{t.sector}
                        <select onchange={set_search::<Event>(&state, |search, sector| search.sector = sector)}>
                            <option value="" selected={sector.is_empty()}>{t.all_sectors}</option>
                            { for editor.sector_choices().into_iter().map(|(id, name)| html! { <option value={id.clone()} selected={*sector == id}>{name}</option> }) }
                        </select>
                    </label>
                </div>
                <p class="muted" aria-live="polite">{format!("{} {}", counted(lang, results.len(), Noun::Rule), t.found)}</p>
                if one_link_selected {
                    <p class="hint">{t.rule_goes_on_link}</p>
                }
                <ol class="rule-list">{items}</ol>
            </section>
            <crate::ui::components::own_rules::OwnRules />
        </div>
    }
}
