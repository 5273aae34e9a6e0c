//! Signaal aan beleid: the policy signal over every case on this device (see
//! `core::signal`), as tables with bars, and its anonymous export as CSV and JSON with a
//! preview of exactly what leaves the device. The cases are read through the storage
//! session (`hooks::cases::read_signal`); a locked case is only counted as left out. The
//! rules that actions ran into ("vastgelopen") have their own table.

use crate::core::lang::Lang;
use crate::core::signal::{Chosen, PolicySignal};
use crate::ui::context::{use_editor, Editor};
use crate::ui::hooks::cases::read_signal;
use crate::ui::services::files::{download, text_blob};
use crate::ui::state::{Action, Notice};
use crate::ui::texts::{meeting_texts, texts};
use yew::prelude::*;

/// A bar as long as `count` is of `most` (a `<meter>`: the Content-Security-Policy allows
/// no inline styles), with the number beside it.
fn bar(count: usize, most: usize) -> Html {
    html! {
        <span class="signal-bar-cell">
            <meter class="signal-bar" min="0" max={most.max(1).to_string()} value={count.to_string()} aria-hidden="true"></meter>
            <span class="signal-count">{count}</span>
        </span>
    }
}

/// A table of chosen instruments or levels.
fn chosen_table(
    heading: &str,
    id_heading: &str,
    times_heading: &str,
    rows: &[Chosen],
    name: impl Fn(&str) -> String,
) -> Html {
    let most = rows.iter().map(|row| row.times).max().unwrap_or(0);
    html! {
        <>
            <h3>{heading.to_string()}</h3>
            <table class="grid signal-table">
                <thead><tr><th scope="col">{id_heading.to_string()}</th><th scope="col">{times_heading.to_string()}</th></tr></thead>
                <tbody>{ for rows.iter().map(|row| html! {
                    <tr data-id={row.id.clone()}><th scope="row">{format!("{} {}", row.id, name(&row.id))}</th><td>{bar(row.times, most)}</td></tr>
                }) }</tbody>
            </table>
        </>
    }
}

/// The rules that actions ran into (marked "vastgelopen"), per rule.
fn stuck_table(editor: &Editor, signal: &PolicySignal, lang: Lang) -> Html {
    let (t, m) = (texts(lang), meeting_texts(lang));
    let most = signal.stuck.iter().map(|stuck| stuck.actions).max().unwrap_or(0);
    html! {
        <>
            <h3>{m.signal_stuck_heading}</h3>
            <p>{format!("{}: ", m.signal_stuck_actions)}<span data-total="stuck">{signal.stuck_actions}</span></p>
            if signal.stuck.is_empty() {
                <p class="hint">{m.signal_stuck_none}</p>
            } else {
                <table class="grid signal-table" data-table="stuck">
                    <thead><tr>
                        <th scope="col">{t.signal_col_rule}</th><th scope="col">{m.signal_col_actions}</th><th scope="col">{t.signal_col_cases}</th>
                    </tr></thead>
                    <tbody>{ for signal.stuck.iter().map(|stuck| html! {
                        <tr data-id={stuck.rule.clone()}>
                            <th scope="row">{format!("{} {}", stuck.rule, editor.rule_name(&stuck.rule))}</th>
                            <td>{bar(stuck.actions, most)}</td><td>{stuck.cases}</td>
                        </tr>
                    }) }</tbody>
                </table>
            }
        </>
    }
}

/// The signal as tables and the export.
fn signal_view(editor: &Editor, signal: &PolicySignal, lang: Lang) -> Html {
    let t = texts(lang);
    let most_rule = signal.rules.iter().map(|rule| rule.vicious_loops).max().unwrap_or(0);
    let most_sector = signal.sectors.iter().map(|sector| sector.vicious_loops).max().unwrap_or(0);
    let csv = signal.to_csv();
    let json = signal.to_json();
    let save = |text: String, name: &'static str, mime: &'static str| {
        let state = editor.state.clone();
        Callback::from(move |_| {
            let done = text_blob(&text, mime).and_then(|blob| download(&blob, name));
            let t = texts(state.lang);
            let notice = match done {
                Ok(()) => Notice::said(t.signal_exported, false),
                Err(_) => Notice::said(t.export_failed, true),
            };
            state.dispatch(Action::Notify(notice));
        })
    };
    let instrument_name = |id: &str| editor.instrument_name(id);
    let level_name = |id: &str| {
        crate::core::model::MandateLevel::parse(id).map(|level| editor.level_name(level)).unwrap_or_default()
    };
    html! {
        <>
            <dl class="facts signal-totals">
                <dt>{t.signal_cases}</dt><dd data-total="cases">{signal.cases}</dd>
                <dt>{t.signal_locked}</dt><dd data-total="locked">{signal.locked}</dd>
                <dt>{t.signal_vicious}</dt><dd data-total="vicious">{signal.vicious_loops}</dd>
                <dt>{t.signal_sector_created}</dt><dd data-total="sector-created">{signal.sector_created_loops}</dd>
                <dt>{t.signal_interventions}</dt><dd data-total="interventions">{signal.interventions}</dd>
                <dt>{t.signal_above_m3}</dt><dd data-total="above-m3">{signal.above_m3}</dd>
            </dl>
            <h3>{t.signal_rules_heading}</h3>
            <table class="grid signal-table" data-table="rules">
                <thead><tr>
                    <th scope="col">{t.signal_col_rule}</th><th scope="col">{t.signal_col_vicious}</th>
                    <th scope="col">{t.signal_col_sector_created}</th><th scope="col">{t.signal_col_cases}</th>
                </tr></thead>
                <tbody>{ for signal.rules.iter().map(|rule| html! {
                    <tr data-id={rule.rule.clone()}>
                        <th scope="row">{format!("{} {}", rule.rule, editor.rule_name(&rule.rule))}</th>
                        <td>{bar(rule.vicious_loops, most_rule)}</td><td>{rule.sector_created_loops}</td><td>{rule.cases}</td>
                    </tr>
                }) }</tbody>
            </table>
            <h3>{t.signal_sectors_heading}</h3>
            <table class="grid signal-table" data-table="sectors">
                <thead><tr>
                    <th scope="col">{t.signal_col_sector}</th><th scope="col">{t.signal_col_vicious}</th>
                    <th scope="col">{t.signal_col_sector_created}</th><th scope="col">{t.signal_col_cases}</th>
                </tr></thead>
                <tbody>{ for signal.sectors.iter().map(|sector| html! {
                    <tr data-id={sector.sector.clone()}>
                        <th scope="row">{editor.sector_name(&sector.sector)}</th>
                        <td>{bar(sector.vicious_loops, most_sector)}</td><td>{sector.sector_created_loops}</td><td>{sector.cases}</td>
                    </tr>
                }) }</tbody>
            </table>
            { chosen_table(t.signal_instruments_heading, t.instruments_heading, t.signal_col_times, &signal.instruments, instrument_name) }
            { chosen_table(t.signal_levels_heading, t.own_level, t.signal_col_times, &signal.levels, level_name) }
            { stuck_table(editor, signal, lang) }
            <h3>{t.signal_export_heading}</h3>
            <p class="hint">{t.signal_export_intro}</p>
            <div class="option-actions">
                <button class="primary" onclick={save(csv.clone(), "signaal-aan-beleid.csv", "text/csv;charset=utf-8")}>{t.signal_download_csv}</button>
                <button onclick={save(json.clone(), "signaal-aan-beleid.json", "application/json")}>{t.signal_download_json}</button>
            </div>
            <pre class="signal-preview" data-preview="csv" tabindex="0">{csv}</pre>
            <pre class="signal-preview" data-preview="json" tabindex="0">{json}</pre>
        </>
    }
}

/// The policy signal panel: counts when opened and on request.
#[component]
pub fn SignalPanel() -> Html {
    let editor = use_editor();
    let lang = editor.state.lang;
    let t = texts(lang);
    let signal = use_state(|| None::<PolicySignal>);
    let count = {
        let (signal, library) = (signal.clone(), editor.library.clone());
        Callback::from(move |_: ()| {
            let signal = signal.clone();
            read_signal(library.clone(), Callback::from(move |result| signal.set(Some(result))));
        })
    };
    {
        let count = count.clone();
        use_effect_with((), move |_| count.emit(()));
    }
    html! {
        <div class="signal-panel">
            <p class="hint">{t.signal_intro}</p>
            <button onclick={count.reform(|_| ())}>{t.signal_refresh}</button>
            { match &*signal {
                Some(signal) => signal_view(&editor, signal, lang),
                None => html! { <p role="status">{t.signal_counting}</p> },
            } }
        </div>
    }
}
