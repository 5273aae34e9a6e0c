//! The list view: the case as two editable tables, every cell a field. It is the fastest
//! way to type a case and the way screen-reader users work; every change shows on the
//! map at once because both read the same state. The add forms of the map's toolbar
//! (`composer`) add rows.

use crate::core::edit::Edit;
use crate::core::editor::draft::DraftField;
use crate::core::model::{Confidence, Factor, FactorKind, Link, Polarity};
use crate::ui::components::choices::{rule_options, sector_options};
use crate::ui::components::dom::{event_checked, event_value};
use crate::ui::components::text_field::TextField;
use crate::ui::context::Editor;
use crate::ui::state::{send, Action};
use crate::ui::texts::{confidence_name, kind_name, texts};
use yew::prelude::*;

/// The id of the list view (the skip link moves the focus to it).
pub const LIST_VIEW_ID: &str = "list-view";

/// The case as editable tables.
pub fn list_view(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let case = state.case().clone();

    let update_factor =
        |factor: &Factor, change: fn(&mut Factor, &Event)| editor.update(factor, change, Edit::UpdateFactor);
    let update_factor_text =
        |factor: &Factor, change: fn(&mut Factor, &String)| editor.update(factor, change, Edit::UpdateFactor);
    let update_link = |link: &Link, change: fn(&mut Link, &Event)| editor.update(link, change, Edit::UpdateLink);

    let factor_rows: Html = case
        .factors
        .iter()
        .map(|f| {
            let delete = send(&state, Action::Edit(Edit::Delete { factors: vec![f.id.clone()], links: vec![] }));
            let name = format!("{} {}", t.factor_name, f.label);
            html! {
                <tr key={f.id.clone()}>
                    <td><TextField label={name.clone()} value={f.label.clone()} draft={DraftField::FactorLabel { id: f.id.clone() }} on_commit={update_factor_text(f, |f, text| f.label = text.clone())} /></td>
                    <td><select aria-label={format!("{} — {}", t.factor_kind, f.label)} onchange={update_factor(f, |f, e| f.kind = FactorKind::parse(&event_value(e)).unwrap_or_default())}>
                        { for FactorKind::ALL.iter().map(|k| html! { <option value={k.id()} selected={*k == f.kind}>{kind_name(lang, *k)}</option> }) }
                    </select></td>
                    <td><TextField label={format!("{} — {}", t.note, f.label)} value={f.note.clone()} draft={DraftField::FactorNote { id: f.id.clone() }} on_commit={update_factor_text(f, |f, text| f.note = text.clone())} /></td>
                    <td><input type="checkbox" aria-label={format!("{} — {}", t.fixed_factor, f.label)} checked={f.fixed} onchange={update_factor(f, |f, e| f.fixed = event_checked(e))} /></td>
                    <td><button class="danger" aria-label={format!("{} {}", t.delete, f.label)} onclick={delete}>{"✕"}</button></td>
                </tr>
            }
        })
        .collect();

    let label_of = |id: &str| case.factor(id).map(|f| f.label.clone()).unwrap_or_else(|| id.to_string());
    let link_rows: Html = case
        .links
        .iter()
        .map(|l| {
            let name = format!("{} → {}", label_of(&l.from), label_of(&l.to));
            let delete = send(&state, Action::Edit(Edit::Delete { factors: vec![], links: vec![l.id.clone()] }));
            let end_options = |selected: &str| -> Html {
                case.factors
                    .iter()
                    .map(|f| html! { <option value={f.id.clone()} selected={f.id == selected}>{f.label.clone()}</option> })
                    .collect()
            };
            html! {
                <tr key={l.id.clone()}>
                    <td><select class="end" aria-label={format!("{} — {name}", t.link_from)} onchange={update_link(l, |l, e| l.from = event_value(e))}>
                        { end_options(&l.from) }
                    </select></td>
                    <td><select class="end" aria-label={format!("{} — {name}", t.link_to)} onchange={update_link(l, |l, e| l.to = event_value(e))}>
                        { end_options(&l.to) }
                    </select></td>
                    <td><select class="sign" aria-label={format!("{} — {name}", t.polarity)} onchange={update_link(l, |l, e| l.polarity = Polarity::parse(&event_value(e)).unwrap_or_default())}>
                        <option value="+" selected={l.polarity == Polarity::Positive}>{"+"}</option>
                        <option value="-" selected={l.polarity == Polarity::Negative}>{"−"}</option>
                    </select></td>
                    <td><select class="sector" aria-label={format!("{} — {name}", t.sector)} onchange={update_link(l, |l, e| { let v = event_value(e); l.sector = (!v.is_empty()).then_some(v); })}>
                        { sector_options(editor, l.sector.as_deref()) }
                    </select></td>
                    <td><select aria-label={format!("{} — {name}", t.rule)} onchange={update_link(l, |l, e| { let v = event_value(e); l.rule = (!v.is_empty()).then_some(v); })}>
                        { rule_options(editor, l.rule.as_deref()) }
                    </select></td>
                    <td><input type="checkbox" aria-label={format!("{} — {name}", t.delay)} checked={l.delay} onchange={update_link(l, |l, e| l.delay = event_checked(e))} /></td>
                    <td><select aria-label={format!("{} — {name}", t.confidence)} onchange={update_link(l, |l, e| l.confidence = Confidence::parse(&event_value(e)).unwrap_or_default())}>
                        { for Confidence::ALL.iter().map(|c| html! { <option value={c.id()} selected={*c == l.confidence}>{confidence_name(lang, *c)}</option> }) }
                    </select></td>
                    <td><input type="checkbox" aria-label={format!("{} — {name}", t.fixed_link)} checked={l.fixed} onchange={update_link(l, |l, e| l.fixed = event_checked(e))} /></td>
                    <td><button class="danger" aria-label={format!("{} {name}", t.delete)} onclick={delete}>{"✕"}</button></td>
                </tr>
            }
        })
        .collect();

    html! {
        <div class="list-view" id={LIST_VIEW_ID} tabindex="-1">
            <section aria-labelledby="factors-heading">
                <h2 id="factors-heading">{t.factors_heading}{format!(" ({})", case.factors.len())}</h2>
                <table class="grid">
                    <thead><tr><th scope="col">{t.factor_name}</th><th scope="col">{t.factor_kind}</th><th scope="col">{t.note}</th><th scope="col">{t.fixed_short}</th><th scope="col"><span class="sr-only">{t.delete}</span></th></tr></thead>
                    <tbody>{factor_rows}</tbody>
                </table>
            </section>
            <section aria-labelledby="links-heading">
                <h2 id="links-heading">{t.links_heading}{format!(" ({})", case.links.len())}</h2>
                <table class="grid">
                    <thead><tr><th scope="col">{t.link_from}</th><th scope="col">{t.link_to}</th><th scope="col"><abbr title={t.polarity}>{"±"}</abbr></th><th scope="col">{t.sector}</th><th scope="col">{t.rule}</th><th scope="col">{t.delay}</th><th scope="col">{t.confidence}</th><th scope="col">{t.fixed_short}</th><th scope="col"><span class="sr-only">{t.delete}</span></th></tr></thead>
                    <tbody>{link_rows}</tbody>
                </table>
            </section>
        </div>
    }
}
