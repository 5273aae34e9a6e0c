//! Training mode: the trainer's menu (make an exercise of the case on screen or of an
//! example, export it as a file), and the exercise bar over the map — the story, the
//! reveal, and after it the comparison with the reference and the what-if. The
//! comparison and the what-if are `core::exercise`; an exercise always opens as a new
//! case, and travels as a case JSON file that the import opens as a new case.

use crate::core::analysis::{analyse, narrative_short, Analysis, AnalysisOptions, LoopKind};
use crate::core::edit::Edit;
use crate::core::exercise::{compare, exercise_case, for_trainees, what_if, Exercise, OtherPolarity};
use crate::core::formats::Format;
use crate::core::lang::Lang;
use crate::core::layout::arranged;
use crate::core::model::{Case, Polarity};
use crate::core::rules::{template_case, Library};
use crate::ui::components::dom::{event_value, field_value};
use crate::ui::context::Editor;
use crate::ui::hooks::cases::open_as_new_case;
use crate::ui::services::files::{download, file_stem, text_blob};
use crate::ui::state::{Action, Notice};
use crate::ui::texts::{present_texts, texts, PresentTexts};
use std::rc::Rc;
use yew::prelude::*;

const STORY_ID: &str = "exercise-story";
const TEMPLATE_ID: &str = "exercise-template";

/// The trainer's menu in the top bar.
pub fn training_menu(editor: &Editor) -> Html {
    let state = &editor.state;
    let lang = state.lang;
    let t = present_texts(lang);
    let from_case = {
        let state = state.clone();
        Callback::from(move |_| {
            let case = state.case();
            if case.factors.is_empty() {
                let text = present_texts(state.lang).exercise_needs_map;
                state.dispatch(Action::Notify(Notice::said(text, true)));
                return;
            }
            let reference = case.exercise.as_ref().map_or_else(|| case.as_ref().clone(), |e| (*e.reference).clone());
            let story = field_value(STORY_ID);
            open_as_new_case(exercise_case(&reference, &story), present_texts(state.lang).exercise_opened.to_string());
        })
    };
    let from_template = {
        let library = editor.library.clone();
        Callback::from(move |_| {
            let id = field_value(TEMPLATE_ID);
            if let Some(template) = library.templates().iter().find(|template| template.id == id) {
                let reference = Case {
                    title: format!("{} {}", template.id, lang.pick(&template.name_nl, &template.name_en)),
                    ..arranged(template_case(template, lang))
                };
                open_as_new_case(
                    exercise_case(&reference, &field_value(STORY_ID)),
                    present_texts(lang).exercise_opened.to_string(),
                );
            }
        })
    };
    let export = {
        let state = state.clone();
        Callback::from(move |_| {
            let Some(case) = for_trainees(state.case()) else { return };
            let done = text_blob(&Format::CaseJson.write(&case), "application/json")
                .and_then(|blob| download(&blob, &format!("oefening-{}.json", file_stem(&case.title))));
            if done.is_err() {
                state.dispatch(Action::Notify(Notice::said(texts(state.lang).own_export_failed, true)));
            }
        })
    };
    let templates = editor.library.templates().iter().map(|template| {
        html! { <option value={template.id.clone()}>{format!("{} {}", template.id, lang.pick(&template.name_nl, &template.name_en))}</option> }
    });
    html! {
        <details class="training-menu">
            <summary>{t.training}</summary>
            <div class="training-body">
                <label for={STORY_ID}>{t.story_label}</label>
                <textarea id={STORY_ID} placeholder={t.story_hint} />
                <button id="exercise-from-case" onclick={from_case}>{t.make_exercise}</button>
                <label for={TEMPLATE_ID}>{t.template_label}</label>
                <select id={TEMPLATE_ID}>{ for templates }</select>
                <button id="exercise-from-template" onclick={from_template}>{t.template_exercise}</button>
                if state.case().exercise.is_some() {
                    <button id="exercise-export" onclick={export}>{t.export_exercise}</button>
                }
                <p class="muted">{t.import_hint}</p>
            </div>
        </details>
    }
}

/// The exercise bar over the map, when the case is an exercise.
pub fn exercise_bar(editor: &Editor) -> Html {
    let state = &editor.state;
    let case = state.case();
    let Some(exercise) = &case.exercise else { return html! {} };
    let lang = state.lang;
    let t = present_texts(lang);
    let set_revealed = |revealed: bool| {
        let state = state.clone();
        let exercise = exercise.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Edit(Edit::SetExercise(Some(Exercise { revealed, ..exercise.clone() }))))
        })
    };
    html! {
        <section class="exercise" id="exercise" aria-labelledby="exercise-heading" data-revealed={exercise.revealed.to_string()}>
            <h2 id="exercise-heading">{t.exercise_heading}{": "}{case.title.clone()}</h2>
            if !exercise.story.is_empty() {
                <p class="exercise-story">{exercise.story.clone()}</p>
            }
            if exercise.revealed {
                <ExerciseResult case={case.clone()} analysis={editor.analysis.clone()} library={editor.library.clone()} options={editor.options} {lang} />
                <button id="exercise-hide" onclick={set_revealed(false)}>{t.hide_again}</button>
            } else {
                <p class="exercise-hidden">{t.hidden_note}</p>
                <button id="exercise-reveal" class="primary" onclick={set_revealed(true)}>{t.reveal}</button>
            }
        </section>
    }
}

/// Props of [`ExerciseResult`].
#[derive(Properties, PartialEq)]
struct ExerciseResultProps {
    case: Rc<Case>,
    analysis: Rc<Analysis>,
    library: Rc<Library>,
    options: AnalysisOptions,
    lang: Lang,
}

/// A labelled list of names, or "none".
fn named_list(t: &PresentTexts, id: &str, heading: &str, names: Vec<String>) -> Html {
    html! {
        <div class="compare-group" id={id.to_string()}>
            <h3>{format!("{heading} ({})", names.len())}</h3>
            if names.is_empty() {
                <p class="muted">{t.none}</p>
            } else {
                <ul>{ for names.into_iter().map(|name| html! { <li>{name}</li> }) }</ul>
            }
        </div>
    }
}

/// The comparison with the reference and the what-if, shown after the reveal.
#[component]
fn ExerciseResult(props: &ExerciseResultProps) -> Html {
    let t = present_texts(props.lang);
    let lang = props.lang;
    let reference: Rc<Case> = props.case.exercise.as_ref().map(|e| Rc::new((*e.reference).clone())).unwrap_or_default();
    let reference_analysis = {
        let (library, options) = (props.library.clone(), props.options);
        use_memo(reference.clone(), move |reference| analyse(reference, library.as_ref(), &options))
    };
    let flipped = use_state(String::new);
    let trainee = &props.case;
    let comparison = compare(&reference, &reference_analysis, trainee, &props.analysis);
    let label = |case: &Case, id: &str| case.factor(id).map_or(id.to_string(), |f| f.label.clone());
    let sign = |polarity: Polarity| if polarity == Polarity::Positive { "+" } else { "−" };
    let link_name = |case: &Case, id: &str| {
        case.link(id).map_or(id.to_string(), |l| {
            format!("{} → {} ({})", label(case, &l.from), label(case, &l.to), sign(l.polarity))
        })
    };
    let other_sign = |other: &OtherPolarity| {
        let (Some(theirs), Some(yours)) = (reference.link(&other.reference), trainee.link(&other.trainee)) else {
            return other.reference.clone();
        };
        format!(
            "{} → {}: {} {}, {} {}",
            label(&reference, &theirs.from),
            label(&reference, &theirs.to),
            t.sign_trainer,
            sign(theirs.polarity),
            t.sign_yours,
            sign(yours.polarity)
        )
    };
    let loop_text = |case: &Case, analysis: &Analysis, index: usize| {
        analysis.cycles.get(index).map(|c| narrative_short(case, c, lang)).unwrap_or_default()
    };
    let found = comparison
        .found_loops
        .iter()
        .map(|found| {
            let text = loop_text(&reference, &reference_analysis, found.reference);
            if found.same_kind {
                text
            } else {
                format!("{text} {}", t.other_kind)
            }
        })
        .collect();
    let what_if_changes = (!flipped.is_empty())
        .then(|| what_if(&reference, &reference_analysis, &flipped, props.library.as_ref(), &props.options))
        .flatten();
    let onchange = {
        let flipped = flipped.clone();
        Callback::from(move |event: Event| flipped.set(event_value(&event)))
    };
    let what_if_result = what_if_changes.map(|changes| {
        if changes.is_empty() {
            return html! { <p id="what-if-result">{t.what_if_nothing}</p> };
        }
        html! {
            <ul id="what-if-result">{ for changes.iter().map(|change| {
                let loop_label = change.factor_ids.iter().map(|id| label(&reference, id)).collect::<Vec<_>>().join(" → ");
                let becomes = if change.after == LoopKind::Reinforcing { t.becomes_reinforcing } else { t.becomes_balancing };
                html! { <li>{format!("{loop_label}: {becomes}")}</li> }
            }) }</ul>
        }
    });
    html! {
        <div class="exercise-result">
            <h3>{t.comparison_heading}</h3>
            if !comparison.complete {
                <p class="muted">{t.incomplete}</p>
            }
            <div class="compare-groups">
                { named_list(t, "loops-found", t.loops_found, found) }
                { named_list(t, "loops-missed", t.loops_missed, comparison.missed_loops.iter().map(|&i| loop_text(&reference, &reference_analysis, i)).collect()) }
                { named_list(t, "loops-extra", t.loops_extra, comparison.extra_loops.iter().map(|&i| loop_text(trainee, &props.analysis, i)).collect()) }
                { named_list(t, "links-other-sign", t.links_other_sign, comparison.other_polarity.iter().map(other_sign).collect()) }
                { named_list(t, "links-missing", t.links_missing, comparison.missing_links.iter().map(|id| link_name(&reference, id)).collect()) }
                { named_list(t, "links-extra", t.links_extra, comparison.extra_links.iter().map(|id| link_name(trainee, id)).collect()) }
                { named_list(t, "factors-matched", t.factors_matched, comparison.matched_factors.iter().map(|(id, _)| label(&reference, id)).collect()) }
                { named_list(t, "factors-missing", t.factors_missing, comparison.missing_factors.iter().map(|id| label(&reference, id)).collect()) }
                { named_list(t, "factors-extra", t.factors_extra, comparison.extra_factors.iter().map(|id| label(trainee, id)).collect()) }
            </div>
            <h3>{t.what_if_heading}</h3>
            <label class="what-if">{t.what_if_label}{" "}
                <select id="what-if-link" {onchange}>
                    <option value="" selected={flipped.is_empty()}>{t.what_if_choose}</option>
                    { for reference.links.iter().map(|link| html! {
                        <option value={link.id.clone()} selected={*flipped == link.id}>{link_name(&reference, &link.id)}</option>
                    }) }
                </select>
            </label>
            { what_if_result.unwrap_or_default() }
        </div>
    }
}
