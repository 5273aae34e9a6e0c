//! The inspector: edit the selected factor or link in full (every field of the model),
//! or see how many things are selected.

use crate::core::edit::{duplicate_link, Edit};
use crate::core::editor::draft::DraftField;
use crate::core::model::{Confidence, Factor, FactorKind, Link, Polarity};
use crate::ui::components::choices::{polarity_options, rule_options, sector_options};
use crate::ui::components::dom::{event_checked, event_value};
use crate::ui::components::text_field::TextField;
use crate::ui::context::Editor;
use crate::ui::state::Action;
use crate::ui::texts::{confidence_name, counted, kind_name, texts, Noun};
use yew::prelude::*;

/// The selection editor.
pub fn inspector(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let case = state.case().clone();
    let selection = &state.selection;

    let body = match (selection.factors.as_slice(), selection.links.as_slice()) {
        ([id], []) => match case.factor(id) {
            Some(factor) => {
                let set = |change: fn(&mut Factor, &Event)| editor.update(factor, change, Edit::UpdateFactor);
                let set_text = |change: fn(&mut Factor, &String)| editor.update(factor, change, Edit::UpdateFactor);
                html! {
                    <div class="inspector-fields">
                        <label class="wide">{t.factor_name}<TextField id="inspector-label" value={factor.label.clone()} draft={DraftField::FactorLabel { id: factor.id.clone() }} on_commit={set_text(|f, text| f.label = text.clone())} /></label>
                        <label>{t.factor_kind}
                            <select onchange={set(|f, e| f.kind = FactorKind::parse(&event_value(e)).unwrap_or_default())}>
                                { for FactorKind::ALL.iter().map(|k| html! { <option value={k.id()} selected={*k == factor.kind}>{kind_name(lang, *k)}</option> }) }
                            </select>
                        </label>
                        <label>{t.note}<TextField multiline=true value={factor.note.clone()} draft={DraftField::FactorNote { id: factor.id.clone() }} on_commit={set_text(|f, text| f.note = text.clone())} /></label>
                        <label class="check"><input type="checkbox" checked={factor.fixed} onchange={set(|f, e| f.fixed = event_checked(e))} />{t.fixed_factor}</label>
                    </div>
                }
            }
            None => html! {},
        },
        ([], [id]) => match case.link(id) {
            Some(link) => {
                let set = |change: fn(&mut Link, &Event)| editor.update(link, change, Edit::UpdateLink);
                let set_note = editor.update(link, |l, note: &String| l.note = note.clone(), Edit::UpdateLink);
                let label = |id: &str| case.factor(id).map(|f| f.label.clone()).unwrap_or_default();
                html! {
                    <div class="inspector-fields">
                        <p class="link-ends">{format!("{} → {}", label(&link.from), label(&link.to))}</p>
                        <label class="wide">{t.polarity}
                            <select id="inspector-polarity" onchange={set(|l, e| l.polarity = Polarity::parse(&event_value(e)).unwrap_or_default())}>
                                { polarity_options(editor, link.polarity, &label(&link.from), &label(&link.to)) }
                            </select>
                        </label>
                        if duplicate_link(&case, link).is_some() {
                            <p class="form-warning wide" role="status">{t.duplicate_link}</p>
                        }
                        <label>{t.sector}
                            <select onchange={set(|l, e| { let v = event_value(e); l.sector = (!v.is_empty()).then_some(v); })}>
                                { sector_options(editor, link.sector.as_deref()) }
                            </select>
                        </label>
                        <label>{t.rule}
                            <select onchange={set(|l, e| { let v = event_value(e); l.rule = (!v.is_empty()).then_some(v); })}>
                                { rule_options(editor, link.rule.as_deref()) }
                            </select>
                        </label>
                        <label>{t.confidence}
                            <select onchange={set(|l, e| l.confidence = Confidence::parse(&event_value(e)).unwrap_or_default())}>
                                { for Confidence::ALL.iter().map(|c| html! { <option value={c.id()} selected={*c == link.confidence}>{confidence_name(lang, *c)}</option> }) }
                            </select>
                        </label>
                        <label class="check"><input type="checkbox" checked={link.delay} onchange={set(|l, e| l.delay = event_checked(e))} />{t.delay}</label>
                        <label class="check"><input type="checkbox" checked={link.fixed} onchange={set(|l, e| l.fixed = event_checked(e))} />{t.fixed_link}</label>
                        <label>{t.note}<TextField multiline=true value={link.note.clone()} draft={DraftField::LinkNote { id: link.id.clone() }} on_commit={set_note} /></label>
                    </div>
                }
            }
            None => html! {},
        },
        ([], []) => html! { <p class="muted">{t.nothing_selected}</p> },
        (factors, links) => {
            html! { <p>{format!("{} · {}", counted(lang, factors.len(), Noun::Factor), counted(lang, links.len(), Noun::Link))}</p> }
        }
    };
    let delete = {
        let state = state.clone();
        Callback::from(move |_| {
            let selection = state.selection.clone();
            state.dispatch(Action::Edit(Edit::Delete { factors: selection.factors, links: selection.links }));
        })
    };
    html! {
        <section class="inspector" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading">{t.selection_heading}</h2>
            { body }
            if !selection.is_empty() {
                <button class="danger" onclick={delete}>{t.delete}</button>
            }
        </section>
    }
}
