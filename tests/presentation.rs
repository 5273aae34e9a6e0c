//! Issue #14 item 1: the presentation sequence — the default steps from the case and its
//! analysis, the facilitator's order and skips stored with the case (and read back from
//! case JSON), and what each step shows on the map.

mod common;

use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::edit::{apply, Edit};
use cirkelbreker::core::formats::case_json::{read_case, write_case};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::mandate::NoMandates;
use cirkelbreker::core::model::{Case, FactorKind};
use cirkelbreker::core::presentation::{
    default_steps, moved, presented, sequence, step_view, stored, toggled, StepKind, StoredStep,
};
use cirkelbreker::core::rules::{builtin, template_case};
use common::case_of;

/// Two vicious loops through `schulden` and one balancing loop; `boete` is a decision
/// and `regel` a rule, the rest the client's situation.
fn meeting_case() -> Case {
    let mut case = case_of(&[
        ("schulden", "stress", '+', ""),
        ("stress", "schulden", '+', ""),
        ("stress", "boete", '+', "inkomen"),
        ("boete", "schulden", '+', "inkomen"),
        ("schulden", "regel", '+', "wonen"),
        ("regel", "schulden", '-', "wonen"),
    ]);
    for (i, factor) in case.factors.iter_mut().enumerate() {
        factor.x = 200.0 * i as f64;
        factor.y = 100.0 * (i % 2) as f64;
    }
    case.factors[2].kind = FactorKind::Besluit;
    case.factors[3].kind = FactorKind::Regel;
    case
}

#[test]
fn the_default_sequence_is_situation_rules_each_vicious_loop_then_the_plan() {
    let case = meeting_case();
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    let steps = default_steps(&analysis);
    let vicious: Vec<StepKind> =
        analysis.cycles.iter().filter(|c| c.vicious).map(|c| StepKind::Loop(c.key.clone())).collect();
    assert_eq!(vicious.len(), 2, "two vicious loops, the balancing one is no step");
    let mut expected = vec![StepKind::Situation, StepKind::Rules];
    expected.extend(vicious);
    expected.push(StepKind::Plan);
    assert_eq!(steps, expected);
    // Without stored order the sequence is the default, nothing skipped.
    let sequence = sequence(&case, &analysis);
    assert_eq!(sequence.iter().map(|s| s.kind.clone()).collect::<Vec<_>>(), expected);
    assert!(sequence.iter().all(|s| !s.skipped));
}

#[test]
fn step_ids_read_back() {
    for kind in [StepKind::Situation, StepKind::Rules, StepKind::Loop("l1>l2".into()), StepKind::Plan] {
        assert_eq!(StepKind::parse(&kind.id()), Some(kind));
    }
    assert_eq!(StepKind::parse("cirkel:"), None);
    assert_eq!(StepKind::parse("onzin"), None);
}

#[test]
fn a_reordered_and_skipped_sequence_is_one_undoable_edit_and_survives_the_case_file() {
    let case = meeting_case();
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    let steps = sequence(&case, &analysis);
    // The plan moves one place earlier, the situation is skipped.
    let reordered = moved(&steps, steps.len() - 1, true);
    let changed = apply(&case, &Edit::SetPresentation(reordered)).expect("applies");
    let steps = sequence(&changed, &analysis);
    let skipped = apply(&changed, &Edit::SetPresentation(toggled(&steps, 0))).expect("applies");
    let steps = sequence(&skipped, &analysis);
    let kinds: Vec<StepKind> = steps.iter().map(|s| s.kind.clone()).collect();
    assert_eq!(kinds[kinds.len() - 2], StepKind::Plan, "the plan before the last loop");
    assert!(steps[0].skipped && steps[0].kind == StepKind::Situation);
    assert_eq!(presented(&steps).len(), steps.len() - 1);
    assert_eq!(presented(&steps)[0].kind, StepKind::Rules);

    let text = write_case(&skipped);
    assert!(text.contains("\"presentation\""), "{text}");
    let read = read_case(&text).expect("reads back");
    assert_eq!(read.presentation, skipped.presentation);
    assert_eq!(sequence(&read, &analysis), steps);
    // A case without a stored sequence writes no field (older readers see nothing new).
    assert!(!write_case(&case).contains("presentation"));
}

#[test]
fn moving_past_either_end_changes_nothing() {
    let case = meeting_case();
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    let steps = sequence(&case, &analysis);
    assert_eq!(moved(&steps, 0, true), stored(&steps));
    assert_eq!(moved(&steps, steps.len() - 1, false), stored(&steps));
    assert_eq!(moved(&steps, 99, false), stored(&steps));
}

#[test]
fn a_stored_sequence_follows_the_map_as_loops_come_and_go() {
    let case = meeting_case();
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    let first_loop = analysis.cycles.iter().find(|c| c.vicious).expect("a vicious loop").key.clone();
    let stored_order = vec![
        StoredStep { step: "plan".into(), skipped: false },
        StoredStep { step: "cirkel:l99>l98".into(), skipped: false }, // broken since
        StoredStep { step: "onzin".into(), skipped: true },
        StoredStep { step: "situatie".into(), skipped: true },
        StoredStep { step: format!("cirkel:{first_loop}"), skipped: true },
    ];
    let case = Case { presentation: stored_order, ..case };
    let steps = sequence(&case, &analysis);
    let kinds: Vec<String> = steps.iter().map(|s| s.kind.id()).collect();
    // Rules (not stored) comes right after the situation; the other vicious loop right
    // after the first one; the unknown and vanished steps are gone.
    let second_loop = analysis.cycles.iter().filter(|c| c.vicious).nth(1).expect("two loops").key.clone();
    assert_eq!(
        kinds,
        vec![
            "plan".to_string(),
            "situatie".into(),
            "regels".into(),
            format!("cirkel:{first_loop}"),
            format!("cirkel:{second_loop}")
        ]
    );
    assert_eq!(steps.iter().map(|s| s.skipped).collect::<Vec<_>>(), vec![false, true, false, true, false]);
}

#[test]
fn each_step_shows_what_it_is_about() {
    let case = meeting_case();
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());

    let situation = step_view(&case, &analysis, &StepKind::Situation);
    assert_eq!(situation.hidden_factors, vec!["boete".to_string(), "regel".into()]);
    // Only the links between schulden and stress are drawn.
    assert_eq!(situation.hidden_links, vec!["l3".to_string(), "l4".into(), "l5".into(), "l6".into()]);
    assert!(situation.highlighted_factors.is_empty() && situation.cut_links.is_empty());
    let (x0, _, x1, _) = situation.view_box.expect("a box");
    assert!(x0 < 0.0 && x1 > 200.0 && x1 < 400.0, "the box is around schulden and stress: {x0}..{x1}");

    let rules = step_view(&case, &analysis, &StepKind::Rules);
    assert!(rules.hidden_factors.is_empty() && rules.hidden_links.is_empty());
    assert_eq!(rules.highlighted_links, vec!["l3".to_string(), "l4".into(), "l5".into(), "l6".into()]);
    assert!(rules.highlighted_factors.contains(&"boete".to_string()));
    assert!(rules.highlighted_factors.contains(&"regel".to_string()));

    let cycle = analysis.cycles.iter().find(|c| c.vicious && c.link_ids.len() == 3).expect("the fine loop");
    let view = step_view(&case, &analysis, &StepKind::Loop(cycle.key.clone()));
    assert_eq!(view.highlighted_links, cycle.link_ids);
    assert_eq!(view.highlighted_factors, cycle.factor_ids);
    assert!(view.cut_links.is_empty() && view.cut_factors.is_empty(), "no cut marks before the plan");
    let (_, _, x1, _) = view.view_box.expect("a box");
    assert!(x1 < 600.0, "the box leaves out the rule at x = 600: {x1}");

    let plan = step_view(&case, &analysis, &StepKind::Plan);
    assert!(!analysis.plan.targets.is_empty());
    assert_eq!(plan.cut_links.len() + plan.cut_factors.len(), analysis.plan.targets.len());
    for id in plan.cut_links.iter().chain(&plan.cut_factors) {
        assert!(plan.highlighted_links.contains(id) || plan.highlighted_factors.contains(id));
    }
}

#[test]
fn every_template_presents_every_vicious_loop_zoomed_to_it() {
    let (library, _) = builtin();
    for template in library.templates() {
        let case = cirkelbreker::core::layout::arranged(template_case(template, Lang::Nl));
        let analysis = analyse(&case, &library, &AnalysisOptions::interactive());
        let steps = sequence(&case, &analysis);
        assert_eq!(steps.len(), analysis.vicious_count() + 3, "{}", template.id);
        for step in &steps {
            let view = step_view(&case, &analysis, &step.kind);
            if let StepKind::Loop(_) = step.kind {
                assert!(!view.highlighted_links.is_empty(), "{}", template.id);
            }
            if step.kind != StepKind::Situation {
                assert!(view.view_box.is_some(), "{} {:?}", template.id, step.kind);
            }
        }
    }
}

#[test]
fn leaving_the_presentation_shows_the_editor_as_it_was() {
    use cirkelbreker::core::editor::state::{Action, Composer, EditorState, MainView};
    use cirkelbreker::core::editor::{Selection, Viewport};
    let editor = EditorState::default()
        .next(Action::Load(meeting_case()))
        .next(Action::SetView(MainView::List))
        .next(Action::Select(Selection::factor("stress")))
        .next(Action::Highlight(Some("l1>l2".into())))
        .next(Action::SetComposer(Some(Composer::Link)))
        .next(Action::SetViewport(Viewport { x: 12.0, y: -40.0, scale: 0.8 }));
    // The page clock's reading passed in is the timer's start; the timer itself (it starts
    // at 0:0x) is checked in tests/browser/present.test.mjs, not here.
    let presenting = editor.next(Action::StartPresenting(1000.0));
    assert_eq!(presenting.presenting.as_ref().map(|p| p.step), Some(0), "presenting from the first step");
    assert_eq!(presenting.view, MainView::Canvas);
    assert!(presenting.selection.is_empty() && presenting.highlighted.is_none() && presenting.composer.is_none());
    let moved =
        presenting.next(Action::PresentStep(3)).next(Action::SetViewport(Viewport { x: 500.0, y: 500.0, scale: 2.0 }));
    assert_eq!(moved.presenting.as_ref().map(|p| p.step), Some(3));
    // Starting again while presenting keeps the editor it will go back to.
    let back = moved.next(Action::StartPresenting(5000.0)).next(Action::StopPresenting);
    assert!(back.presenting.is_none());
    assert_eq!(back.view, MainView::List);
    assert_eq!(back.selection, Selection::factor("stress"));
    assert_eq!(back.highlighted.as_deref(), Some("l1>l2"));
    assert_eq!(back.composer, Some(Composer::Link));
    assert_eq!(back.viewport, Viewport { x: 12.0, y: -40.0, scale: 0.8 });
    assert_eq!(back.history.current().as_ref(), editor.history.current().as_ref());
    // Leaving when not presenting does nothing.
    assert_eq!(back.next(Action::StopPresenting).viewport, back.viewport);
}

#[test]
fn each_step_finds_the_time_box_of_its_agenda_step() {
    use cirkelbreker::core::meeting::{AgendaItem, Step};
    use cirkelbreker::core::presentation::{clock, time_box};
    let mut case = meeting_case();
    assert_eq!(time_box(&case, &StepKind::Situation), None, "no agenda, no time box");
    case.meeting.agenda = vec![
        AgendaItem { step: Step::Situatie, title: String::new(), minutes: 10 },
        AgendaItem { step: Step::Cirkels, title: "Cirkels bespreken".into(), minutes: 15 },
        AgendaItem { step: Step::Doorbraak, title: String::new(), minutes: 20 },
    ];
    assert_eq!(time_box(&case, &StepKind::Situation).map(|item| item.minutes), Some(10));
    assert_eq!(time_box(&case, &StepKind::Rules), None, "the agenda has no rules step");
    assert_eq!(time_box(&case, &StepKind::Loop("l1>l2".into())).map(|item| item.minutes), Some(15));
    assert_eq!(
        time_box(&case, &StepKind::Loop("l2>l3>l4".into())).map(|item| item.title.as_str()),
        Some("Cirkels bespreken")
    );
    assert_eq!(time_box(&case, &StepKind::Plan).map(|item| item.minutes), Some(20));
    assert_eq!(clock(0), "0:00");
    assert_eq!(clock(75), "1:15");
    assert_eq!(clock(3600 + 5), "60:05");
}
