//! The live cycles panel: how many vicious cycles the map has (all of them, also when the
//! list is cut) and how many factors are caught in loops, each listed loop with its kind,
//! the sectors it crosses, the *sectoroverstijgend* (cross-sector) badge and its narrative (shortened
//! for a long loop, with the whole chain one click away). Selecting one highlights it on
//! the map and dims the rest. Mechanisms (loops that share most links) can be named here;
//! the name heads each of its loops.

use crate::core::analysis::narrative::{whole_chain_label, SHORT_STEPS};
use crate::core::analysis::structure::{
    driver_text, drivers_heading, mechanism_of, mechanism_text, mechanisms_heading, Mechanism,
};
use crate::core::analysis::{narrative, narrative_short, LoopKind};
use crate::core::edit::Edit;
use crate::core::model::Target;
use crate::ui::components::text_field::TextField;
use crate::ui::context::Editor;
use crate::ui::state::{send, Action};
use crate::ui::texts::{texts, Texts};
use yew::prelude::*;

/// How many loops the panel lists before "show more".
const SHOWN: usize = 40;

/// How many mechanisms and drivers the panel lists.
const SHOWN_DRIVERS: usize = 8;

/// "`n` other loops", in the singular for one.
fn other_loops(t: &Texts, n: usize) -> String {
    format!("{n} {}", if n == 1 { t.cycles_other_one } else { t.cycles_other })
}

/// The cycles panel.
pub fn analysis_panel(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let case = state.case().clone();
    let analysis = editor.analysis.clone();

    let vicious = analysis.vicious_total();
    let summary = match vicious {
        0 if analysis.cycles.is_empty() => t.cycles_none.to_string(),
        0 => format!("0 {} · {}", t.cycles_count_many, other_loops(t, analysis.cycles.len())),
        1 => t.cycles_count_one.to_string(),
        n => format!("{n} {}", t.cycles_count_many),
    };
    let others = analysis.counts.loops.max(analysis.cycles.len()).saturating_sub(vicious);
    let caught = analysis.caught_line(case.factors.len(), lang);
    let note = analysis.completeness_note(&editor.options, lang);
    let limit = if state.all_cycles_shown { analysis.cycles.len() } else { SHOWN };

    let items: Html = analysis
        .cycles
        .iter()
        .take(limit)
        .enumerate()
        .map(|(position, cycle)| {
            let mechanism = mechanism_of(&analysis.mechanisms, position).and_then(|m| m.name.clone());
            let highlighted = state.highlighted.as_deref() == Some(cycle.key.as_str());
            let virtuous = !cycle.vicious && cycle.kind == LoopKind::Reinforcing;
            let class = classes!(
                "cycle",
                (cycle.kind == LoopKind::Balancing).then_some("balancing"),
                virtuous.then_some("virtuous"),
                highlighted.then_some("highlighted"),
            );
            let toggle_highlight = send(&state, Action::Highlight((!highlighted).then(|| cycle.key.clone())));
            let toggle_virtuous = send(&state, Action::Edit(Edit::ToggleVirtuous(cycle.key.clone())));
            let sector_names: Vec<String> = cycle.sectors.iter().map(|s| editor.sector_name(s)).collect();
            html! {
                <li class={class} key={cycle.key.clone()}>
                    <div class="cycle-head">
                        if cycle.vicious {
                            <span class="badge vicious">{t.vicious}</span>
                        } else if virtuous {
                            <span class="badge virtuous">{t.virtuous}</span>
                        } else {
                            <span class="badge balancing">{t.balancing}</span>
                        }
                        if cycle.sector_created {
                            <span class="badge sectoral">{t.sector_created}</span>
                        }
                        <span class="muted">{format!("{} {}", cycle.link_ids.len(), t.links_in_loop)}</span>
                        <button aria-pressed={highlighted.to_string()} onclick={toggle_highlight}>{t.show_on_map}</button>
                    </div>
                    if let Some(name) = mechanism { <p class="cycle-mechanism">{name}</p> }
                    <p class="narrative">{narrative_short(&case, cycle, lang)}</p>
                    if cycle.link_ids.len() > SHORT_STEPS {
                        <details class="whole-chain">
                            <summary>{whole_chain_label(lang)}</summary>
                            <p>{narrative(&case, cycle, lang)}</p>
                        </details>
                    }
                    if !sector_names.is_empty() {
                        <p class="sectors">{format!("{}: {}", t.sector, sector_names.join(", "))}</p>
                    }
                    if cycle.kind == LoopKind::Reinforcing {
                        <button class="link-button" onclick={toggle_virtuous}>{if virtuous { t.mark_vicious } else { t.mark_virtuous }}</button>
                    }
                </li>
            }
        })
        .collect();

    // factors outside every loop that feed vicious loops, choosable as interventions
    let drivers: Html = analysis
        .drivers
        .iter()
        .take(SHOWN_DRIVERS)
        .map(|driver| {
            let target = Target::Factor(driver.factor.clone());
            let chosen = case.interventions.iter().any(|i| i.target == target);
            let choose = send(&state, Action::Edit(Edit::ChooseIntervention { target, instrument: None }));
            html! {
                <li class="driver" key={driver.factor.clone()}>
                    {driver_text(&case, driver, lang)}{" "}
                    if chosen {
                        <span class="badge chosen">{t.chosen}</span>
                    } else {
                        <button class="link-button" onclick={choose}>{t.choose}</button>
                    }
                </li>
            }
        })
        .collect();
    let mechanisms: Html = analysis
        .mechanisms
        .iter()
        .take(SHOWN_DRIVERS)
        .enumerate()
        .map(|(position, mechanism)| mechanism_item(editor, mechanism, position))
        .collect();

    html! {
        <div class="analysis" id="analysis-panel">
            <p class="summary-line" id="cycle-summary" data-vicious={vicious.to_string()} data-complete={analysis.complete.to_string()}>{summary}</p>
            if others > 0 && vicious > 0 {
                <p class="muted">{format!("+ {}", other_loops(t, others))}</p>
            }
            if !analysis.cycles.is_empty() {
                <p class="muted" id="caught-in-loops">{caught}</p>
            }
            if let Some(note) = note {
                <p class="bounded" role="alert"><strong>{t.bounded_notice}{". "}</strong>{note}</p>
            }
            <ol class="cycle-list">{items}</ol>
            if !analysis.mechanisms.is_empty() {
                <h3>{mechanisms_heading(lang)}</h3>
                <ul class="mechanism-list" id="mechanism-list">{mechanisms}</ul>
            }
            if !analysis.drivers.is_empty() {
                <h3>{drivers_heading(lang)}</h3>
                <ul class="driver-list" id="driver-list">{drivers}</ul>
            }
            if analysis.cycles.len() > SHOWN && !state.all_cycles_shown {
                <button onclick={send(&state, Action::ShowAllCycles)}>
                    {format!("{} ({})", t.show_all, analysis.cycles.len())}
                </button>
            }
        </div>
    }
}

/// One mechanism: what its loops share, and a field to name it (committed on Enter or on
/// leaving the field; an empty name takes the name away).
fn mechanism_item(editor: &Editor, mechanism: &Mechanism, position: usize) -> Html {
    let state = editor.state.clone();
    let lang = state.lang;
    let t = texts(lang);
    let loops = mechanism.loop_keys(&editor.analysis.cycles);
    let on_name = Callback::from(move |name: String| {
        state.dispatch(Action::Edit(Edit::NameMechanism { loops: loops.clone(), name }))
    });
    let id = format!("mechanism-name-{position}");
    html! {
        <li class="mechanism" key={mechanism.key.clone()}>
            <p>{mechanism_text(editor.state.case(), mechanism, lang)}</p>
            <label class="mechanism-name" for={id.clone()}>{t.mechanism_name_label}</label>
            <TextField id={AttrValue::from(id)} value={AttrValue::from(mechanism.name.clone().unwrap_or_default())}
                placeholder={t.mechanism_name_placeholder} on_commit={on_name} />
        </li>
    }
}
