//! The printable A4 report a manager signs. Page one is the summary: the case, the date
//! and who took part (from the meeting record), the vicious loops in one line each, the
//! plan with who acts and on which basis, the actions with owners and deadlines, and a
//! place to sign. The map follows, then the loops told, the mandate checklists, the
//! meeting's decisions and open points, the rules on the map and the numbered sources. What it says comes from `core::report`; this file only lays it
//! out. Built only while printing; the browser's print (to paper or PDF) shows only this
//! and the map.

use crate::core::analysis::mandate::cost_scale;
use crate::core::analysis::mandate::Mandate;
use crate::core::analysis::narrative::chain_line;
use crate::core::analysis::structure::mechanism_of;
use crate::core::analysis::{counted, narrative_short};
use crate::core::lang::Lang;
use crate::core::report::{citation, plan_lines, PlanLine, Sources};
use crate::core::sorting;
use crate::core::text::sentence_start;
use crate::ui::components::breakthrough_panel::target_label;
use crate::ui::context::Editor;
use crate::ui::texts::{texts, Texts};
use yew::prelude::*;

/// How many vicious loops page one lists, one line each.
const SUMMARY_LOOPS: usize = 12;

/// How many vicious loops the report tells.
const TOLD_LOOPS: usize = 40;

/// The report in two parts: page one, printed above the map, and the rest, below it.
pub struct ReportPages {
    /// Page one: the summary.
    pub summary: Html,
    /// After the map: loops, checklists, rules and sources.
    pub body: Html,
}

/// The whole report of the present case.
pub fn report(editor: &Editor) -> ReportPages {
    let lang = editor.state.lang;
    let t = texts(lang);
    let case = editor.state.case().clone();
    let analysis = editor.analysis.clone();
    let library = editor.library.clone();
    let mut sources = Sources::default();
    let plan = plan_lines(&case, &analysis, &library, &mut sources, lang);
    let vicious: Vec<usize> = (0..analysis.cycles.len()).filter(|&i| analysis.cycles[i].vicious).collect();
    let mechanism_name = |cycle: usize| mechanism_of(&analysis.mechanisms, cycle).and_then(|m| m.name.clone());
    let title = if case.title.is_empty() { t.untitled.to_string() } else { case.title.clone() };

    let more = |shown: usize| {
        let rest = analysis.vicious_total().saturating_sub(shown);
        (rest > 0).then(|| {
            html! { <p class="report-meta">{format!("{} {}", t.report_more_loops, counted(rest, lang, "vicieuze cirkel", "vicieuze cirkels", "vicious loop", "vicious loops"))}</p> }
        })
    };
    let loop_lines: Html = vicious
        .iter()
        .take(SUMMARY_LOOPS)
        .map(|&i| {
            html! {
                <li>
                    if let Some(name) = mechanism_name(i) { <strong>{format!("{name}: ")}</strong> }
                    {chain_line(&case, &analysis.cycles[i], lang)}
                </li>
            }
        })
        .collect();

    let summary = html! {
        <header class="report report-summary" id="report-header">
            <h1>{format!("{} — {title}", t.report_title)}</h1>
            { meeting_lines(editor, t) }
            <p class="report-meta">{t.report_privacy}</p>
            <section>
                <h2>{format!("{} ({})", t.report_cycles, analysis.vicious_total())}</h2>
                if vicious.is_empty() { <p>{t.cycles_none}</p> }
                <ol class="report-loop-lines" id="report-loop-lines">{loop_lines}</ol>
                { for more(vicious.len().min(SUMMARY_LOOPS)) }
                if let Some(note) = analysis.completeness_note(&editor.options, lang) { <p class="report-meta">{note}</p> }
            </section>
            <section>
                <h2>{t.report_plan}</h2>
                <p class="report-meta">{analysis.plan.status(lang)}{" "}{cost_scale(lang)}</p>
                if !plan.is_empty() {
                    <table class="report-plan" id="report-plan">
                        <thead><tr><th scope="col">{t.report_intervention}</th><th scope="col">{t.report_who}</th><th scope="col">{t.report_basis}</th></tr></thead>
                        <tbody>{ for plan.iter().map(|line| plan_row(editor, line, t, lang)) }</tbody>
                    </table>
                }
            </section>
            { actions(editor, t, lang) }
            <section class="report-sign">
                <h2>{t.report_sign}</h2>
                <dl>
                    { for [t.report_sign_name, t.report_sign_role, t.report_sign_date, t.report_sign_signature].iter().map(|field| html! { <><dt>{*field}</dt><dd></dd></> }) }
                </dl>
            </section>
            <h2 class="report-map-heading">{t.report_map}</h2>
        </header>
    };

    let told: Html = vicious
        .iter()
        .take(TOLD_LOOPS)
        .enumerate()
        .map(|(position, &i)| {
            let cycle = &analysis.cycles[i];
            let heading = match mechanism_name(i) {
                Some(name) => format!("{} {} · {name}", t.report_loop, position + 1),
                None => format!("{} {}", t.report_loop, position + 1),
            };
            html! {
                <li class="report-loop">
                    <h3>{heading}</h3>
                    <p>{narrative_short(&case, cycle, lang)}</p>
                    if cycle.sector_created {
                        <p class="report-meta">{format!("{} — {}", t.sector_created, cycle.sectors.iter().map(|s| editor.sector_name(s)).collect::<Vec<_>>().join(", "))}</p>
                    }
                </li>
            }
        })
        .collect();

    let checklist = library.checklist();
    let checklists: Html = plan
        .iter()
        .filter(|line| line.chosen)
        .filter_map(|line| case.interventions.iter().find(|i| i.target == line.target).map(|i| (line, i)))
        .map(|(line, intervention)| {
            let done = checklist.iter().filter(|i| intervention.checklist.iter().any(|e| e.item == i.id && e.done)).count();
            html! {
                <section class="report-intervention">
                    <h3>{target_label(&case, &line.target)}</h3>
                    <p class="report-meta">{format!("{}: {}", t.mandate_holder, who_acts(&line.mandate, lang))}</p>
                    <p class="report-meta">{ rule_and_instrument(editor, &line.mandate, t, lang) }{ basis_lines(line, t, lang) }</p>
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

    let mut rule_ids: Vec<&str> = case.links.iter().filter_map(|l| l.rule.as_deref()).collect();
    sorting::sort(&mut rule_ids);
    rule_ids.dedup();
    let rules: Vec<_> = rule_ids.iter().filter_map(|id| library.rule(id)).collect();
    let rule_items: Html = rules
        .iter()
        .map(|rule| {
            let cited = citation(&sources.cite(&rule.sources, lang));
            html! {
                <li>
                    <strong>{format!("{} {}", rule.id, lang.pick(&rule.name_nl, &rule.name_en))}</strong>
                    {format!(" — {}. {} {}.", rule.legal_citation(lang), sentence_start(t.last_checked), rule.last_checked)}
                    if !cited.is_empty() { {format!(" {}: {cited}.", t.sources)} }
                </li>
            }
        })
        .collect();

    let body = html! {
        <article class="report" id="report">
            if !vicious.is_empty() {
                <section>
                    <h2>{t.report_loops_told}</h2>
                    <ol class="report-loops">{told}</ol>
                    { for more(vicious.len().min(TOLD_LOOPS)) }
                </section>
            }
            <section>
                <h2>{t.report_checklists}</h2>
                if case.interventions.is_empty() { <p>{t.no_interventions}</p> }
                { checklists }
            </section>
            { notes(t.report_decisions, &case.meeting.decisions) }
            { notes(t.report_open_points, &case.meeting.open_points) }
            if !rules.is_empty() {
                <section>
                    <h2>{t.report_rules}</h2>
                    <ul class="report-rules">{rule_items}</ul>
                </section>
            }
            if !sources.list.is_empty() {
                <section>
                    <h2>{t.report_sources}</h2>
                    <ol class="report-sources" id="report-sources">
                        { for sources.list.iter().map(|source| {
                            let site = (source.title.title != source.title.site).then(|| format!(" ({})", source.title.site));
                            html! {
                                <li>
                                    {format!("[{}] ", source.number)}<strong>{source.title.title.clone()}</strong>{site.unwrap_or_default()}
                                    <span class="report-url">{format!(" — {}", source.url)}</span>
                                </li>
                            }
                        }) }
                    </ol>
                </section>
            }
        </article>
    };
    ReportPages { summary, body }
}

/// The meeting's date, chair and participants, each said to be not recorded when empty.
fn meeting_lines(editor: &Editor, t: &Texts) -> Html {
    let meeting = &editor.state.case().meeting;
    let or_not_recorded = |text: String| or_not_recorded(t, text);
    let date = or_not_recorded(meeting.date.map(|date| date.to_string()).unwrap_or_default());
    let participants: Vec<String> =
        meeting.participants.iter().filter(|person| !person.is_empty()).map(|person| person.describe()).collect();
    html! {
        <dl class="report-meeting" id="report-meeting">
            <dt>{t.report_meeting_date}</dt><dd>{date}</dd>
            <dt>{t.report_chair}</dt><dd>{or_not_recorded(meeting.chair.describe())}</dd>
            <dt>{t.report_participants}</dt><dd>{or_not_recorded(participants.join(", "))}</dd>
        </dl>
    }
}

/// The meeting's actions: what, who, by when, how far, and for which intervention.
fn actions(editor: &Editor, t: &Texts, lang: Lang) -> Html {
    let case = editor.state.case();
    let actions = &case.meeting.actions;
    let or_not_recorded = |text: String| or_not_recorded(t, text);
    html! {
        <section>
            <h2>{t.report_actions}</h2>
            if actions.is_empty() {
                <p>{t.report_no_actions}</p>
            } else {
                <table class="report-actions" id="report-actions">
                    <thead><tr>
                        <th scope="col">{t.report_action}</th><th scope="col">{t.report_owner}</th>
                        <th scope="col">{t.report_deadline}</th><th scope="col">{t.status}</th><th scope="col">{t.report_for}</th>
                    </tr></thead>
                    <tbody>
                        { for actions.iter().map(|action| html! {
                            <tr>
                                <td>{action.what.clone()}</td>
                                <td>{or_not_recorded(action.owner.describe())}</td>
                                <td>{or_not_recorded(action.deadline.map(|d| d.to_string()).unwrap_or_default())}</td>
                                <td>{action.status.name(lang)}</td>
                                <td>{action.intervention.as_ref().map(|target| target_label(case, target)).unwrap_or_else(|| "—".to_string())}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

/// `text`, or "niet vastgelegd" when it is empty: a missing fact is said, never left blank.
fn or_not_recorded(t: &Texts, text: String) -> String {
    if text.trim().is_empty() {
        t.report_not_recorded.to_string()
    } else {
        text
    }
}

/// A list of the meeting's short texts under `heading`; nothing when it is empty.
fn notes(heading: &str, texts: &[String]) -> Html {
    if texts.is_empty() {
        return Html::default();
    }
    html! {
        <section>
            <h2>{heading.to_string()}</h2>
            <ul>{ for texts.iter().map(|text| html! { <li>{text.clone()}</li> }) }</ul>
        </section>
    }
}

/// One row of the plan: the intervention, who acts, and on which basis (legal basis and
/// evidence base on lines of their own).
fn plan_row(editor: &Editor, line: &PlanLine, t: &Texts, lang: Lang) -> Html {
    let case = editor.state.case();
    let mandate = &line.mandate;
    let status = if line.chosen { t.report_chosen } else { t.report_proposed };
    let breaks = counted(line.breaks, lang, "vicieuze cirkel", "vicieuze cirkels", "vicious loop", "vicious loops");
    html! {
        <tr>
            <td><strong>{target_label(case, &line.target)}</strong><br /><span class="report-meta">{format!("{status} · {} {breaks}", t.report_breaks)}</span></td>
            <td>{who_acts(mandate, lang)}</td>
            <td>
                { rule_and_instrument(editor, mandate, t, lang) }
                { basis_lines(line, t, lang) }
            </td>
        </tr>
    }
}

/// The rule behind the target and the instrument used, a line each when known.
fn rule_and_instrument(editor: &Editor, mandate: &Mandate, t: &Texts, lang: Lang) -> Html {
    let instrument = mandate.instrument.as_deref().and_then(|id| editor.library.instrument(id));
    let rule = mandate.rule.as_deref().map(|id| match editor.library.rule(id) {
        Some(rule) => format!("{} {} {}", t.rule, rule.id, lang.pick(&rule.name_nl, &rule.name_en)),
        None => format!("{} {id}", t.rule),
    });
    html! {
        <>
            if let Some(rule) = rule { <span>{rule}</span><br /> }
            if let Some(instrument) = instrument {
                <span>{format!("{} {} {}", t.instrument_heading, instrument.id, lang.pick(&instrument.name_nl, &instrument.name_en))}</span><br />
            }
        </>
    }
}

/// Who acts: "M1 · Uitvoerend professional", with the role named for the rule or
/// instrument when the level's name does not already say it.
fn who_acts(mandate: &Mandate, lang: Lang) -> String {
    let holder = mandate.holder(lang);
    let role = mandate
        .role(lang)
        .map(str::trim)
        .filter(|role| !role.is_empty() && !holder.to_lowercase().contains(&role.to_lowercase()));
    match role {
        Some(role) => format!("{} · {holder} ({role})", mandate.level),
        None => format!("{} · {holder}", mandate.level),
    }
}

/// The legal basis and the evidence base of a plan item: two facts, two lines.
fn basis_lines(line: &PlanLine, t: &Texts, lang: Lang) -> Html {
    html! {
        <>
            <span class="report-legal">{format!("{}: {}", t.legal_basis, line.legal_basis.text(lang))}</span><br />
            <span class="report-evidence">{format!("{}: {}", t.report_evidence, line.evidence.text(lang))}</span>
        </>
    }
}
