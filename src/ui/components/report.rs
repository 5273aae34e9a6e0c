//! The printable A4 case report: the map, the vicious cycles with their narratives, the
//! chosen interventions with their mandate checklists, and the sources of the rules on
//! the map. Hidden on screen; the browser's print (to paper or PDF) shows only this and
//! the map.

use crate::core::analysis::mandate::{cost_scale, mandate_of};
use crate::core::analysis::narrative;
use crate::ui::components::breakthrough_panel::target_label;
use crate::ui::context::Editor;
use crate::ui::texts::texts;
use yew::prelude::*;

/// The report's title block, printed above the map.
pub fn report_header(editor: &Editor) -> Html {
    let t = texts(editor.state.lang);
    let title = editor.state.case().title.clone();
    html! {
        <header class="report" id="report-header">
            <h1>{format!("{} — {}", t.report_title, if title.is_empty() { t.untitled } else { title.as_str() })}</h1>
            <p>{t.report_privacy}</p>
        </header>
    }
}

/// The report's body, printed below the map.
pub fn report(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let case = state.case().clone();
    let analysis = editor.analysis.clone();
    let library = editor.library.clone();
    let vicious: Vec<_> = analysis.cycles.iter().filter(|c| c.vicious).collect();
    let mut rule_ids: Vec<&str> = case.links.iter().filter_map(|l| l.rule.as_deref()).collect();
    rule_ids.sort();
    rule_ids.dedup();
    let checklist = library.checklist();

    let interventions: Html = case
        .interventions
        .iter()
        .map(|intervention| {
            let instrument = intervention.instrument.as_deref().and_then(|id| library.instrument(id));
            let rule = editor.rule_behind(&intervention.target);
            let mandate = mandate_of(&case, &library, &intervention.target, intervention.instrument.as_deref());
            let done = checklist.iter().filter(|i| intervention.checklist.iter().any(|e| e.item == i.id && e.done)).count();
            html! {
                <section class="report-intervention">
                    <h3>{target_label(&case, &intervention.target)}</h3>
                    <p>
                        if let Some(rule) = rule { {format!("{} {} ({}). ", t.rule, rule.id, rule.legal_citation())} }
                        if let Some(instrument) = instrument {
                            {format!("{} {} — {} {} ({} · {}).", t.instrument_heading, lang.pick(&instrument.name_nl, &instrument.name_en), t.legal_basis.to_lowercase(), instrument.legal_basis, instrument.level, instrument.role(lang))}
                        }
                        {format!("{}: {}.", t.mandate_holder, mandate.line(lang))}
                    </p>
                    <p><strong>{format!("{done} {} {} {}", t.of, checklist.len(), t.items_done)}</strong></p>
                    <table class="report-checklist">
                        <tbody>
                            { for checklist.iter().map(|item| {
                                let entry = intervention.checklist.iter().find(|e| e.item == item.id);
                                html! {
                                    <tr>
                                        <td>{if entry.is_some_and(|e| e.done) { "☑" } else { "☐" }}</td>
                                        <th scope="row">{lang.pick(&item.title_nl, &item.title_en).to_string()}</th>
                                        <td>{entry.map(|e| e.note.clone()).unwrap_or_default()}</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </section>
            }
        })
        .collect();

    html! {
        <article class="report" id="report">
            <section>
                <h2>{format!("{} ({})", t.report_cycles, analysis.vicious_total())}</h2>
                <p class="report-meta">{analysis.plan.status(lang)}</p>
                if let Some(note) = analysis.completeness_note(&editor.options, lang) { <p><strong>{note}</strong></p> }
                <ol>
                    { for vicious.iter().map(|cycle| html! {
                        <li>
                            <p>{narrative(&case, cycle, lang)}</p>
                            if cycle.sector_created {
                                <p class="report-meta">{format!("{} — {}", t.sector_created, cycle.sectors.iter().map(|s| editor.sector_name(s)).collect::<Vec<_>>().join(", "))}</p>
                            }
                        </li>
                    }) }
                </ol>
            </section>
            <section>
                <h2>{t.report_interventions}</h2>
                if case.interventions.is_empty() { <p>{t.no_interventions}</p> } else { <p class="report-meta">{cost_scale(lang)}</p> }
                { interventions }
            </section>
            if !rule_ids.is_empty() {
                <section>
                    <h2>{t.report_sources}</h2>
                    <ul>
                        { for rule_ids.iter().filter_map(|id| library.rule(id)).map(|rule| html! {
                            <li>
                                <strong>{format!("{} {}", rule.id, lang.pick(&rule.name_nl, &rule.name_en))}</strong>
                                {format!(" — {}. {} {}.", rule.legal_citation(), t.last_checked, rule.last_checked)}
                                <ul>{ for rule.sources.iter().map(|url| html! { <li class="report-url">{url.clone()}</li> }) }</ul>
                            </li>
                        }) }
                    </ul>
                </section>
            }
        </article>
    }
}
