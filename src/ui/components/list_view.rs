//! The list view: the case as two editable tables plus the keyboard-first forms to add a
//! factor or a link. It is the fastest way to type a case and the way screen-reader
//! users work; every change shows on the map at once because both read the same state.

use crate::core::edit::{new_factor, new_link, Edit};
use crate::core::model::{Confidence, Factor, FactorKind, Link, Polarity};
use crate::ui::components::choices::{rule_options, sector_options};
use crate::ui::components::dom::{event_checked, event_value};
use crate::ui::components::text_field::TextField;
use crate::ui::context::{use_editor, Editor};
use crate::ui::state::{send, Action, Selection};
use crate::ui::texts::{confidence_name, kind_name, texts};
use yew::prelude::*;

/// Where a new factor goes when it is typed rather than drawn: the next cell of a grid
/// of four columns, so typed cases stay readable until "arrange" draws the loops.
fn next_position(count: usize) -> (f64, f64) {
    let (column, row) = ((count % 4) as f64, (count / 4) as f64);
    (60.0 + column * 240.0 + if row as usize % 2 == 1 { 120.0 } else { 0.0 }, 40.0 + row * 130.0)
}

/// Props of [`AddFactorForm`].
#[derive(Properties, PartialEq)]
pub struct AddFactorFormProps {
    /// The id used for the name field, so shortcuts can focus it.
    pub input_id: AttrValue,
}

/// Type a name, pick a kind, press Enter: a new factor.
#[component]
pub fn AddFactorForm(props: &AddFactorFormProps) -> Html {
    let editor = use_editor();
    let t = texts(editor.state.lang);
    let label = use_state(String::new);
    let kind = use_state(|| FactorKind::Situatie);
    let onsubmit = {
        let state = editor.state.clone();
        let label = label.clone();
        let kind = kind.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let case = state.case();
            let (x, y) = next_position(case.factors.len());
            let factor = new_factor(case, &label, *kind, x, y);
            state.dispatch(Action::Edit(Edit::AddFactor(factor)));
            if !label.trim().is_empty() {
                label.set(String::new());
            }
        })
    };
    let lang = editor.state.lang;
    html! {
        <form class="add-form" {onsubmit} aria-label={t.add_factor_heading}>
            <h3>{t.add_factor_heading}</h3>
            <label>{t.factor_name}
                <input id={props.input_id.clone()} value={(*label).clone()} autocomplete="off"
                    oninput={let label = label.clone(); Callback::from(move |e: InputEvent| label.set(event_value(&e)))} />
            </label>
            <label>{t.factor_kind}
                <select onchange={let kind = kind.clone(); Callback::from(move |e: Event| kind.set(FactorKind::parse(&event_value(&e)).unwrap_or_default()))}>
                    { for FactorKind::ALL.iter().map(|k| html! {
                        <option value={k.id()} selected={*k == *kind}>{kind_name(lang, *k)}</option>
                    }) }
                </select>
            </label>
            <button type="submit">{t.add_factor_button}</button>
        </form>
    }
}

/// Pick cause, effect, sign and sector, press Enter: a new link.
#[component]
pub fn AddLinkForm() -> Html {
    let editor = use_editor();
    let t = texts(editor.state.lang);
    let case = editor.state.case().clone();
    let from = use_state(String::new);
    let to = use_state(String::new);
    let polarity = use_state(|| Polarity::Positive);
    let sector = use_state(String::new);
    // Default the ends to the selected factor (from) and the next one (to).
    let from_value = if case.factor(&from).is_some() {
        (*from).clone()
    } else {
        editor
            .state
            .selection
            .factors
            .first()
            .cloned()
            .or_else(|| case.factors.first().map(|f| f.id.clone()))
            .unwrap_or_default()
    };
    let to_value = if case.factor(&to).is_some() {
        (*to).clone()
    } else {
        let after = case.factor_index(&from_value).map(|i| i + 1).unwrap_or(0);
        case.factors.get(after).or(case.factors.first()).map(|f| f.id.clone()).unwrap_or_default()
    };
    let onsubmit = {
        let state = editor.state.clone();
        let (from_value, to_value) = (from_value.clone(), to_value.clone());
        let polarity = *polarity;
        let sector = (*sector).clone();
        let from = from.clone();
        let to = to.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let case = state.case();
            let sector = (!sector.is_empty()).then(|| sector.clone());
            let link = new_link(case, &from_value, &to_value, polarity, sector);
            let selection = Selection { factors: vec![], links: vec![link.id.clone()] };
            state.dispatch(Action::EditAndSelect(Edit::AddLink(link), selection));
            // The next link usually starts where this one ended.
            from.set(to_value.clone());
            to.set(String::new());
        })
    };
    let factor_options = |selected: &str| -> Html {
        case.factors
            .iter()
            .map(|f| html! { <option value={f.id.clone()} selected={f.id == selected}>{f.label.clone()}</option> })
            .collect()
    };
    let disabled = case.factors.is_empty();
    html! {
        <form class="add-form" {onsubmit} aria-label={t.add_link_heading}>
            <h3>{t.add_link_heading}</h3>
            <label>{t.link_from}
                <select id="add-link-from" {disabled} onchange={let from = from.clone(); Callback::from(move |e: Event| from.set(event_value(&e)))}>
                    { factor_options(&from_value) }
                </select>
            </label>
            <label>{t.link_to}
                <select id="add-link-to" {disabled} onchange={let to = to.clone(); Callback::from(move |e: Event| to.set(event_value(&e)))}>
                    { factor_options(&to_value) }
                </select>
            </label>
            <label>{t.polarity}
                <select id="add-link-polarity" onchange={let polarity = polarity.clone(); Callback::from(move |e: Event| polarity.set(Polarity::parse(&event_value(&e)).unwrap_or_default()))}>
                    <option value="+" selected={*polarity == Polarity::Positive}>{t.polarity_plus}</option>
                    <option value="-" selected={*polarity == Polarity::Negative}>{t.polarity_minus}</option>
                </select>
            </label>
            <label>{t.sector}
                <select id="add-link-sector" onchange={let sector = sector.clone(); Callback::from(move |e: Event| sector.set(event_value(&e)))}>
                    { sector_options(&editor, (!sector.is_empty()).then_some(sector.as_str())) }
                </select>
            </label>
            <button type="submit" {disabled}>{t.add_link_button}</button>
        </form>
    }
}

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
            let delete = send(&state, Action::Edit(Edit::DeleteFactors(vec![f.id.clone()])));
            let name = format!("{} {}", t.factor_name, f.label);
            html! {
                <tr key={f.id.clone()}>
                    <td><TextField label={name.clone()} value={f.label.clone()} on_commit={update_factor_text(f, |f, text| f.label = text.clone())} /></td>
                    <td><select aria-label={format!("{} — {}", t.factor_kind, f.label)} onchange={update_factor(f, |f, e| f.kind = FactorKind::parse(&event_value(e)).unwrap_or_default())}>
                        { for FactorKind::ALL.iter().map(|k| html! { <option value={k.id()} selected={*k == f.kind}>{kind_name(lang, *k)}</option> }) }
                    </select></td>
                    <td><TextField label={format!("{} — {}", t.note, f.label)} value={f.note.clone()} on_commit={update_factor_text(f, |f, text| f.note = text.clone())} /></td>
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
            let delete = send(&state, Action::Edit(Edit::DeleteLinks(vec![l.id.clone()])));
            html! {
                <tr key={l.id.clone()}>
                    <th scope="row">{name.clone()}</th>
                    <td><select aria-label={format!("{} — {name}", t.polarity)} onchange={update_link(l, |l, e| l.polarity = Polarity::parse(&event_value(e)).unwrap_or_default())}>
                        <option value="+" selected={l.polarity == Polarity::Positive}>{"+"}</option>
                        <option value="-" selected={l.polarity == Polarity::Negative}>{"−"}</option>
                    </select></td>
                    <td><select aria-label={format!("{} — {name}", t.sector)} onchange={update_link(l, |l, e| { let v = event_value(e); l.sector = (!v.is_empty()).then_some(v); })}>
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
        <div class="list-view" id="list-view">
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
                    <thead><tr><th scope="col">{t.links_heading}</th><th scope="col">{"±"}</th><th scope="col">{t.sector}</th><th scope="col">{t.rule}</th><th scope="col">{t.delay}</th><th scope="col">{t.confidence}</th><th scope="col">{t.fixed_short}</th><th scope="col"><span class="sr-only">{t.delete}</span></th></tr></thead>
                    <tbody>{link_rows}</tbody>
                </table>
            </section>
        </div>
    }
}
