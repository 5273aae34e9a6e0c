//! The mandate checklist of each chosen intervention: prefilled from the library (the
//! instrument, its legal basis, who may use it, what to record, the rule's legal source
//! and decision holder) plus the general checklist. Every item can be ticked with a
//! note; progress shows; it is saved in the case.

use crate::core::analysis::mandate::mandate_of;
use crate::core::edit::Edit;
use crate::core::editor::draft::DraftField;
use crate::core::model::Intervention;
use crate::ui::components::breakthrough_panel::target_label;
use crate::ui::components::dom::event_checked;
use crate::ui::components::text_field::TextField;
use crate::ui::context::Editor;
use crate::ui::state::{send, Action};
use crate::ui::texts::texts;
use yew::prelude::*;

/// What the library says about the chosen intervention.
fn mandate_facts(editor: &Editor, intervention: &Intervention) -> Html {
    let lang = editor.state.lang;
    let t = texts(lang);
    let rule = editor.rule_behind(&intervention.target);
    let instrument = intervention.instrument.as_deref().and_then(|id| editor.library.instrument(id));
    let use_for_rule = rule.zip(instrument).and_then(|(r, i)| r.instruments.iter().find(|x| x.id == i.id));
    // the same level and holder as the breakthrough panel, the report and the command line
    let case = editor.state.case();
    let mandate = mandate_of(case, &editor.library, &intervention.target, intervention.instrument.as_deref());
    let mandate_line = match mandate.role(lang).filter(|role| !role.is_empty()) {
        Some(role) => format!("{} · {} ({role})", mandate.level, mandate.holder(lang)),
        None => format!("{} · {}", mandate.level, mandate.holder(lang)),
    };
    html! {
        <dl class="facts">
            if let Some(rule) = rule {
                <dt>{t.rule}</dt><dd>{format!("{} {}", rule.id, lang.pick(&rule.name_nl, &rule.name_en))}</dd>
                <dt>{t.legal_source}</dt><dd><span lang={rule.legal_citation_lang(lang).tag()}>{rule.legal_citation(lang)}</span></dd>
                <dt>{t.decision_holder}</dt><dd>{format!("{} · {}", rule.decision_holder.level, rule.decision_holder.role(lang))}</dd>
            }
            if let Some(instrument) = instrument {
                <dt>{t.instrument_heading}</dt><dd>{format!("{} {}", instrument.id, lang.pick(&instrument.name_nl, &instrument.name_en))}</dd>
                <dt>{t.legal_basis}</dt><dd>{instrument.legal_basis(lang).to_string()}{if instrument.verify { t.to_verify } else { "" }}</dd>
                <dt>{t.mandate_holder}</dt>
                <dd>{mandate_line.clone()}</dd>
                if let Some(how) = use_for_rule.map(|x| x.how(lang).to_string()).filter(|h| !h.is_empty()) {
                    <dt>{t.how}</dt><dd>{how}</dd>
                }
                <dt>{t.document}</dt><dd>{instrument.document(lang).to_string()}</dd>
            } else {
                <dt>{t.instrument_heading}</dt><dd class="muted">{t.no_instrument}</dd>
            }
        </dl>
    }
}

/// The checklist panel.
pub fn checklist_panel(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let case = state.case().clone();
    if case.interventions.is_empty() {
        return html! { <div class="checklist" id="checklist-panel"><p class="muted">{t.no_interventions}</p></div> };
    }
    let current = state
        .checklist_target
        .as_ref()
        .and_then(|target| case.interventions.iter().find(|i| &i.target == target))
        .unwrap_or(&case.interventions[0])
        .clone();
    let items = editor.library.checklist();
    let done = items.iter().filter(|item| current.checklist.iter().any(|e| e.item == item.id && e.done)).count();
    let choices: Html = case
        .interventions
        .iter()
        .map(|i| {
            let selected = i.target == current.target;
            let onclick = send(&state, Action::ShowChecklist(i.target.clone()));
            html! { <button aria-pressed={selected.to_string()} {onclick}>{target_label(&case, &i.target)}</button> }
        })
        .collect();
    let rows: Html = items
        .iter()
        .map(|item| {
            let entry = current.checklist.iter().find(|e| e.item == item.id);
            let checked = entry.is_some_and(|e| e.done);
            let note = entry.map(|e| e.note.clone()).unwrap_or_default();
            let on_tick = {
                let state = state.clone();
                let target = current.target.clone();
                let item = item.id.clone();
                let note = note.clone();
                Callback::from(move |event: Event| {
                    state.dispatch(Action::Edit(Edit::SetChecklistItem {
                        target: target.clone(),
                        item: item.clone(),
                        done: event_checked(&event),
                        note: note.clone(),
                    }))
                })
            };
            let on_note = {
                let state = state.clone();
                let target = current.target.clone();
                let item = item.id.clone();
                Callback::from(move |note: String| {
                    state.dispatch(Action::Edit(Edit::SetChecklistItem {
                        target: target.clone(),
                        item: item.clone(),
                        done: checked,
                        note,
                    }))
                })
            };
            let title = lang.pick(&item.title_nl, &item.title_en).to_string();
            html! {
                <li class={classes!("check-item", checked.then_some("done"))} key={item.id.clone()} data-item={item.id.clone()}>
                    <label class="check"><input type="checkbox" checked={checked} onchange={on_tick} /><strong>{title.clone()}</strong></label>
                    <p class="question">{lang.pick(&item.question_nl, &item.question_en).to_string()}</p>
                    <div class="note-field">
                        <TextField multiline=true value={note} draft={DraftField::ChecklistNote { target: current.target.clone(), item: item.id.clone() }} label={format!("{} — {title}", t.note)} placeholder={t.checklist_note_placeholder} on_commit={on_note} />
                    </div>
                </li>
            }
        })
        .collect();
    html! {
        <div class="checklist" id="checklist-panel">
            <div class="segmented wrap" role="group" aria-label={t.interventions}>{choices}</div>
            <h2>{target_label(&case, &current.target)}</h2>
            { mandate_facts(editor, &current) }
            <p class="progress-line" id="checklist-progress" data-done={done.to_string()} data-total={items.len().to_string()}>
                <progress max={items.len().to_string()} value={done.to_string()} aria-hidden="true"></progress>
                {format!(" {done} {} {} {}", t.of, items.len(), t.items_done)}
            </p>
            <ol class="check-list">{rows}</ol>
        </div>
    }
}
