//! The dot vote on the one shared screen: the facilitator picks who is voting and puts
//! that person's dots on breakthrough options and loops with + and −, the dots left in
//! view; the tally follows at once, here and beside the engine's ranking in the
//! breakthrough panel, and one button takes the leading options over into the plan
//! (`MeetingEdit::AdoptVote`, one undo step).

use crate::core::analysis::CycleReport;
use crate::core::edit::Edit;
use crate::core::lang::Lang;
use crate::core::meeting::{Adopted, DotVote, MeetingEdit, VoteOption, DEFAULT_DOTS_EACH, MAX_DOTS_EACH, MAX_VOTERS};
use crate::core::model::{Case, Target};
use crate::ui::components::breakthrough_panel::target_label;
use crate::ui::components::dom::field_value;
use crate::ui::context::Editor;
use crate::ui::state::{Action, Notice};
use crate::ui::texts::{counted, dots_left_line, meeting_texts, MeetingTexts, Noun};
use std::rc::Rc;
use yew::prelude::*;

/// How many breakthrough options and loops are put to the vote.
const OPTIONS_SHOWN: usize = 8;
const LOOPS_SHOWN: usize = 6;

/// The breakthrough options put to the vote: the plan first, then the engine's ranking.
fn target_choices(editor: &Editor) -> Vec<Target> {
    let analysis = &editor.analysis;
    let mut targets: Vec<Target> = analysis.plan.targets.clone();
    for option in analysis.ranked_options().into_iter().filter(|option| !option.fixed) {
        if targets.len() >= OPTIONS_SHOWN {
            break;
        }
        if !targets.contains(&option.target) {
            targets.push(option.target.clone());
        }
    }
    targets
}

/// The vicious loops put to the vote, in the engine's order.
fn loop_choices(editor: &Editor) -> Vec<&CycleReport> {
    editor.analysis.cycles.iter().filter(|cycle| cycle.vicious).take(LOOPS_SHOWN).collect()
}

/// "Cirkel 2: schulden → stress → schulden".
fn loop_label(case: &Case, cycle: &CycleReport, number: usize, m: &MeetingTexts) -> String {
    let mut labels: Vec<&str> =
        cycle.factor_ids.iter().map(|id| case.factor(id).map_or(id.as_str(), |f| f.label.as_str())).collect();
    if let Some(first) = labels.first().copied() {
        labels.push(first);
    }
    format!("{} {number}: {}", m.loop_word, labels.join(" → "))
}

/// A readable name for any vote option.
fn option_label(editor: &Editor, option: &VoteOption, m: &MeetingTexts) -> String {
    let case = editor.state.case();
    match option {
        VoteOption::Target(target) => target_label(case, target),
        VoteOption::Loop(key) => {
            let vicious: Vec<&CycleReport> = editor.analysis.cycles.iter().filter(|c| c.vicious).collect();
            match vicious.iter().position(|c| &c.key == key) {
                Some(index) => loop_label(case, vicious[index], index + 1, m),
                None => format!("{} {key}", m.loop_word),
            }
        }
    }
}

/// "Deelnemer 2 (Wijkverpleegkundige)": the participant's role when one is recorded.
fn voter_name(editor: &Editor, voter: usize, m: &MeetingTexts) -> String {
    let person = editor.state.case().meeting.participants.get(voter).map(|p| p.describe()).filter(|d| !d.is_empty());
    match person {
        Some(who) => format!("{} {} ({who})", m.voter, voter + 1),
        None => format!("{} {}", m.voter, voter + 1),
    }
}

/// The options the vote chose, with the instrument the engine proposes for each.
fn adoption(editor: &Editor, vote: &DotVote) -> Vec<Adopted> {
    let analysis = &editor.analysis;
    vote.chosen_targets()
        .into_iter()
        .map(|target| {
            let instrument = analysis
                .link_options
                .iter()
                .chain(&analysis.factor_options)
                .find(|option| option.target == target)
                .and_then(|option| option.instrument.clone());
            Adopted { target, instrument }
        })
        .collect()
}

/// The button that takes the vote's leading options over into the plan, with what it
/// will take; `id` tells the two places it is shown apart.
pub fn adopt_button(editor: &Editor, id: &'static str) -> Html {
    let m = meeting_texts(editor.state.lang);
    let Some(vote) = editor.state.case().meeting.vote.clone() else { return html! {} };
    let adopted = adoption(editor, &vote);
    let case = editor.state.case();
    let open = adopted.iter().filter(|a| !case.interventions.iter().any(|i| i.target == a.target)).count();
    let names: Vec<String> = adopted.iter().map(|a| target_label(case, &a.target)).collect();
    let status = if adopted.is_empty() {
        m.nothing_chosen_yet.to_string()
    } else if open == 0 {
        format!("{} {}", m.already_in_plan, names.join(", "))
    } else {
        format!("{} {}", m.vote_chose, names.join(", "))
    };
    let onclick = {
        let editor = editor.clone();
        Callback::from(move |_| {
            editor.dispatch(Action::Edit(Edit::Meeting(MeetingEdit::AdoptVote(adopted.clone()))));
            let m = meeting_texts(editor.state.lang);
            let taken = counted(editor.state.lang, open, Noun::Intervention);
            editor.dispatch(Action::Notify(Notice::said(format!("{taken} {}", m.adopted_notice), false)));
        })
    };
    html! {
        <div class="vote-adopt">
            <p class="vote-chose">{status}</p>
            if open > 0 {
                <button type="button" class="primary" {id} {onclick}>{m.adopt}</button>
            }
        </div>
    }
}

/// The dots an option got, beside the engine's ranking (nothing without a vote or dots).
pub fn votes_badge(editor: &Editor, target: &Target) -> Html {
    let Some(vote) = &editor.state.case().meeting.vote else { return html! {} };
    let m = meeting_texts(editor.state.lang);
    let option = VoteOption::Target(target.clone());
    let dots = vote.total(&option);
    if dots == 0 {
        return html! {};
    }
    let leads = vote.leaders(false).contains(&option);
    html! {
        <span class={classes!("badge", "votes", leads.then_some("leads"))} data-dots={dots.to_string()}>
            {format!("● {dots} {}", if dots == 1 { m.dot } else { m.dots })}
            if leads { {format!(" · {}", m.leads)} }
        </span>
    }
}

/// One option with the current voter's − count + and the total.
fn option_row(editor: &Editor, vote: &DotVote, voter: usize, option: VoteOption, label: String) -> Html {
    let m = meeting_texts(editor.state.lang);
    let mine = vote.ballot(voter).on(&option);
    let total = vote.total(&option);
    let left = vote.dots_left(voter);
    let change = |add: bool| {
        let (editor, option) = (editor.clone(), option.clone());
        Callback::from(move |_| {
            let edit = if add {
                MeetingEdit::AddDot { voter, option: option.clone() }
            } else {
                MeetingEdit::RemoveDot { voter, option: option.clone() }
            };
            editor.dispatch(Action::Edit(Edit::Meeting(edit)));
        })
    };
    let key = match &option {
        VoteOption::Target(Target::Link(id)) => format!("link:{id}"),
        VoteOption::Target(Target::Factor(id)) => format!("factor:{id}"),
        VoteOption::Loop(key) => format!("loop:{key}"),
    };
    html! {
        <li class="vote-option" key={key.clone()} data-option={key}>
            <span class="vote-label">{label.clone()}</span>
            <span class="vote-controls">
                <button type="button" class="vote-minus" aria-label={format!("{}: {label}", m.dot_off)}
                    aria-disabled={(mine == 0).to_string()} onclick={change(false)}>{"−"}</button>
                <span class="my-dots" aria-label={format!("{mine} {}", m.dots_of_voter)}>{mine}</span>
                <button type="button" class="vote-plus" aria-label={format!("{}: {label}", m.dot_on)}
                    aria-disabled={(left == 0).to_string()} onclick={change(true)}>{"+"}</button>
            </span>
            <span class="vote-total" data-total={total.to_string()}>{format!("{} {total}", m.total_short)}</span>
        </li>
    }
}

/// Starting a vote: how many voters, how many dots each.
fn start_form(editor: &Editor, m: &MeetingTexts) -> Html {
    let participants = editor.state.case().meeting.participants.len();
    let voters = if participants == 0 { 3 } else { participants.min(usize::from(MAX_VOTERS)) };
    let onsubmit = {
        let editor = editor.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let number = |id: &str| field_value(id).trim().parse::<u8>().unwrap_or(0);
            let edit = MeetingEdit::SetVote { voters: number("vote-voters"), dots_each: number("vote-dots") };
            editor.dispatch(Action::Edit(Edit::Meeting(edit)));
        })
    };
    html! {
        <form class="meeting-add vote-start" autocomplete="off" {onsubmit}>
            <p class="hint wide">{m.vote_intro}</p>
            <label>{m.voters}
                <input id="vote-voters" type="number" min="1" max={MAX_VOTERS.to_string()} autocomplete="off" value={voters.to_string()} />
            </label>
            <label>{m.dots_each}
                <input id="vote-dots" type="number" min="1" max={MAX_DOTS_EACH.to_string()} autocomplete="off" value={DEFAULT_DOTS_EACH.to_string()} />
            </label>
            <button type="submit" class="wide">{m.start_vote}</button>
        </form>
    }
}

/// Props of [`DotVotePanel`]: the editor, and what decides whether it renders again.
#[derive(Properties, Clone)]
pub struct DotVoteProps {
    /// The editor, to read and dispatch while rendering.
    pub editor: Editor,
    /// The case when the props were made (the editor's state handle always reads the newest).
    pub case: Rc<Case>,
    /// The interface language then.
    pub lang: Lang,
}

impl PartialEq for DotVoteProps {
    /// The case and the analysis by address (each change makes a new one) and the
    /// language: panning or zooming the map leaves the vote alone.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.case, &other.case)
            && Rc::ptr_eq(&self.editor.analysis, &other.editor.analysis)
            && self.lang == other.lang
    }
}

/// The vote: start it, enter each voter's dots, see the tally, take it over.
#[component]
pub fn DotVotePanel(props: &DotVoteProps) -> Html {
    let editor = props.editor.clone();
    let m = meeting_texts(editor.state.lang);
    let voter = use_state(|| 0usize);
    let Some(vote) = editor.state.case().meeting.vote.clone() else { return start_form(&editor, m) };
    let current = (*voter).min(usize::from(vote.voters).saturating_sub(1));
    let case = editor.state.case();
    let voters = (0..usize::from(vote.voters)).map(|index| {
        let onclick = {
            let voter = voter.clone();
            Callback::from(move |_| voter.set(index))
        };
        let left = vote.dots_left(index);
        html! {
            <button type="button" class="voter" aria-pressed={(index == current).to_string()} {onclick}>
                {format!("{} · {left} {}", voter_name(&editor, index, m), m.left_short)}
            </button>
        }
    });
    let targets = target_choices(&editor);
    let target_rows = targets
        .into_iter()
        .map(|target| {
            let label = target_label(case, &target);
            option_row(&editor, &vote, current, VoteOption::Target(target), label)
        })
        .collect::<Html>();
    let loop_rows = loop_choices(&editor)
        .into_iter()
        .enumerate()
        .map(|(index, cycle)| {
            let label = loop_label(case, cycle, index + 1, m);
            option_row(&editor, &vote, current, VoteOption::Loop(cycle.key.clone()), label)
        })
        .collect::<Html>();
    let tally = vote.tally();
    let leaders: Vec<VoteOption> = [vote.leaders(false), vote.leaders(true)].concat();
    let clear = {
        let editor = editor.clone();
        Callback::from(move |_| editor.dispatch(Action::Edit(Edit::Meeting(MeetingEdit::ClearVote))))
    };
    let left = vote.dots_left(current);
    html! {
        <div class="dot-vote" id="dot-vote">
            <p class="hint">{format!("{} {} · {} {}", vote.voters, m.voters_word, vote.dots_each, m.dots_each_word)}</p>
            <div class="voters" role="group" aria-label={m.who_votes}>{ for voters }</div>
            <p class="dots-left" role="status" id="dots-left">
                {dots_left_line(editor.state.lang, &voter_name(&editor, current, m), left)}
            </p>
            <h3>{m.options_heading}</h3>
            <ol class="vote-options" id="vote-targets">{target_rows}</ol>
            <h3>{m.loops_heading}</h3>
            <ol class="vote-options" id="vote-loops">{loop_rows}</ol>
            <h3>{m.tally_heading}</h3>
            if tally.is_empty() {
                <p class="hint">{m.no_dots_yet}</p>
            } else {
                <ol class="vote-tally" id="vote-tally">
                    { for tally.iter().map(|row| html! {
                        <li data-dots={row.dots.to_string()}>
                            <strong>{format!("{} {}", row.dots, if row.dots == 1 { m.dot } else { m.dots })}</strong>
                            {format!(" · {}", option_label(&editor, &row.option, m))}
                            if leaders.contains(&row.option) { <span class="badge votes leads">{m.leads}</span> }
                        </li>
                    }) }
                </ol>
            }
            { adopt_button(&editor, "adopt-vote") }
            <button type="button" class="link-button" onclick={clear}>{m.clear_vote}</button>
        </div>
    }
}
