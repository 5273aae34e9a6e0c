//! The breakthrough panel: the integral plan (the cheapest set of interventions that
//! breaks every vicious cycle found) and the ranked single interventions, each with what
//! it breaks, the rule and instrument behind it and the mandate level needed. The user
//! chooses interventions and marks links as fixed; the plan is recomputed at once. When
//! the meeting holds a dot vote, each option shows its dots and the vote's choice can be
//! taken over into the plan here (`dot_vote`).

use crate::core::analysis::mandate::{cost_scale, mandate_of};
use crate::core::analysis::BreakOption;
use crate::core::edit::Edit;
use crate::core::model::{Case, Target};
use crate::ui::components::dot_vote::{adopt_button, votes_badge};
use crate::ui::context::Editor;
use crate::ui::state::{send, Action};
use crate::ui::texts::{breaks_of, counted, meeting_texts, texts, Noun};
use yew::prelude::*;

/// How many single interventions are listed.
const SHOWN: usize = 8;

/// A readable name for a link or factor.
pub fn target_label(case: &Case, target: &Target) -> String {
    match target {
        Target::Link(id) => match case.link(id) {
            Some(link) => {
                let label = |id: &str| case.factor(id).map(|f| f.label.clone()).unwrap_or_else(|| id.to_string());
                format!("{} → {}", label(&link.from), label(&link.to))
            }
            None => id.clone(),
        },
        Target::Factor(id) => case.factor(id).map(|f| f.label.clone()).unwrap_or_else(|| id.clone()),
    }
}

fn option_row(editor: &Editor, option: &BreakOption, vicious: usize, in_plan: bool) -> Html {
    let state = editor.state.clone();
    let t = texts(state.lang);
    let case = state.case().clone();
    let chosen = case.interventions.iter().any(|i| i.target == option.target);
    let label = target_label(&case, &option.target);
    let choose = {
        let state = state.clone();
        let target = option.target.clone();
        let instrument = option.instrument.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Edit(Edit::ChooseIntervention {
                target: target.clone(),
                instrument: instrument.clone(),
            }));
            state.dispatch(Action::ShowChecklist(target.clone()));
        })
    };
    let drop = send(&state, Action::Edit(Edit::DropIntervention(option.target.clone())));
    let show_checklist = send(&state, Action::ShowChecklist(option.target.clone()));
    let fix = match &option.target {
        Target::Link(id) => case.link(id).map(|link| {
            let state = state.clone();
            let link = link.clone();
            let fixed = link.fixed;
            let onclick = Callback::from(move |_| {
                state.dispatch(Action::Edit(Edit::UpdateLink(crate::core::model::Link {
                    fixed: !fixed,
                    ..link.clone()
                })))
            });
            html! { <button class="link-button" {onclick}>{if fixed { t.unfix } else { t.fix }}</button> }
        }),
        Target::Factor(_) => None,
    };
    // who may act and on which basis: the same core function as the checklist, the report
    // and the command line
    let mandate = mandate_of(&case, &editor.library, &option.target, option.instrument.as_deref());
    html! {
        <li class={classes!("option", in_plan.then_some("in-plan"), chosen.then_some("chosen"), option.fixed.then_some("fixed"))}>
            <div class="option-head">
                <strong>{label}</strong>
                <span class="breaks">{breaks_of(state.lang, option.breaks.len(), vicious)}</span>
                { votes_badge(editor, &option.target) }
            </div>
            <p class="option-meta">
                <span class="level">{format!("{} · {}", mandate.level, mandate.holder(state.lang))}</span>
                if let Some(rule) = &mandate.rule { <span>{format!("{} {rule}", t.rule)}</span> }
                if let Some(instrument) = &mandate.instrument { <span>{format!("{} {}", t.instrument, editor.instrument_name(instrument))}</span> }
                <span class="muted">{format!("{} {}", t.cost, mandate.cost)}</span>
            </p>
            <div class="option-actions">
                if option.fixed {
                    <span class="muted">{t.fixed_link}</span>
                } else if chosen {
                    <span class="badge chosen">{t.chosen}</span>
                    <button onclick={show_checklist}>{t.open_checklist}</button>
                    <button class="link-button" onclick={drop}>{t.drop}</button>
                } else {
                    <button class="primary" onclick={choose}>{t.choose}</button>
                }
                { fix.unwrap_or_default() }
            </div>
        </li>
    }
}

/// The breakthrough panel.
pub fn breakthrough_panel(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let t = texts(state.lang);
    let analysis = editor.analysis.clone();
    let vicious = analysis.vicious_count();
    let plan = &analysis.plan;
    if analysis.vicious_total() == 0 && plan.targets.is_empty() && plan.breaks_all {
        return html! { <div class="breakthrough" id="breakthrough-panel"><p class="summary-line">{t.no_vicious}</p></div> };
    }
    let options: Vec<&BreakOption> = analysis.link_options.iter().chain(&analysis.factor_options).collect();
    let find = |target: &Target| options.iter().find(|o| &o.target == target).copied();
    let plan_rows: Html = plan.targets.iter().filter_map(find).map(|o| option_row(editor, o, vicious, true)).collect();
    let singles = analysis.ranked_options();
    let single_rows: Html =
        singles.iter().take(SHOWN).map(|o| option_row(editor, o, vicious, plan.targets.contains(&o.target))).collect();
    let proof = plan.status(state.lang);
    let uncovered = plan.uncovered_count();
    html! {
        <div class="breakthrough" id="breakthrough-panel">
            <section aria-labelledby="plan-heading">
                <h2 id="plan-heading">{t.plan_heading}</h2>
                <p class="plan-summary" id="plan-summary" data-cost={plan.cost.to_string()} data-optimal={plan.optimal.to_string()}>
                    {format!("{} · {} {} · {proof}", counted(state.lang, plan.targets.len(), Noun::Intervention), t.cost, plan.cost)}
                </p>
                if uncovered > 0 {
                    <p class="bounded">{format!("{uncovered} {}", t.uncovered)}</p>
                }
                <p class="muted cost-scale">{cost_scale(state.lang)}</p>
                <ol class="option-list" id="plan-list">{plan_rows}</ol>
            </section>
            if state.case().meeting.vote.is_some() {
                <section aria-labelledby="vote-result-heading" class="vote-result">
                    <h2 id="vote-result-heading">{meeting_texts(state.lang).vote_result_heading}</h2>
                    { adopt_button(editor, "adopt-vote-plan") }
                </section>
            }
            <section aria-labelledby="singles-heading">
                <h2 id="singles-heading">{t.singles_heading}</h2>
                <ol class="option-list" id="single-list">{single_rows}</ol>
            </section>
        </div>
    }
}
