//! Issue #14 item 4: training. An exercise case carries the trainer's reference map and
//! hides the analysis until it is revealed; the comparison matches factors by label (case
//! and accents do not matter) and names missed loops and links with the other sign; the
//! what-if flips one link and says which loops change kind.

mod common;

use cirkelbreker::core::analysis::{analyse, AnalysisOptions, LoopKind};
use cirkelbreker::core::edit::{apply, Edit};
use cirkelbreker::core::exercise::{compare, exercise_case, for_trainees, hides_analysis, what_if, OtherPolarity};
use cirkelbreker::core::formats::case_json::{read_case, write_case};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::mandate::NoMandates;
use cirkelbreker::core::model::Case;
use cirkelbreker::core::rules::{builtin, template_case};
use common::case_of;

/// The trainer's map: two vicious loops through "Schulden".
fn reference() -> Case {
    let mut case = case_of(&[
        ("Schulden", "Stress", '+', ""),
        ("Stress", "Schulden", '+', ""),
        ("Stress", "Bestuurlijke boete", '+', "inkomen"),
        ("Bestuurlijke boete", "Schulden", '+', "inkomen"),
    ]);
    case.title = "Oefencasus Zonneweide".into();
    case
}

/// The trainees' map: other ids, other case and accents, the fine loop missing and the
/// stress link drawn with the other sign.
fn trainee() -> Case {
    let mut case = case_of(&[
        ("SCHULDEN", "strèss", '+', ""),
        ("strèss", "SCHULDEN", '-', ""),
        ("strèss", "Slaapgebrek", '+', ""),
    ]);
    for (i, factor) in case.factors.iter_mut().enumerate() {
        factor.id = format!("t{i}");
    }
    for link in &mut case.links {
        link.from = case.factors.iter().find(|f| f.label == link.from).map(|f| f.id.clone()).unwrap_or_default();
        link.to = case.factors.iter().find(|f| f.label == link.to).map(|f| f.id.clone()).unwrap_or_default();
    }
    case
}

#[test]
fn an_exercise_is_a_new_empty_case_with_the_reference_inside_and_hidden_until_revealed() {
    let reference = reference();
    let exercise = exercise_case(&reference, "  Mevrouw Z. woont sinds drie jaar op het park.  ");
    assert_eq!(exercise.title, reference.title);
    assert!(exercise.factors.is_empty() && exercise.links.is_empty(), "the trainees start from an empty map");
    let inside = exercise.exercise.as_ref().expect("an exercise");
    assert_eq!(inside.story, "Mevrouw Z. woont sinds drie jaar op het park.");
    assert_eq!(*inside.reference, reference);
    assert!(hides_analysis(&exercise));
    assert!(!hides_analysis(&reference));

    // It travels as a case file and reads back whole, still hidden.
    let text = write_case(&exercise);
    let read = read_case(&text).expect("reads back");
    assert_eq!(read, exercise);
    assert!(hides_analysis(&read));

    // Revealing is one edit (one undo step); the map of the trainees stays.
    let mut revealed = inside.clone();
    revealed.revealed = true;
    let after = apply(&read, &Edit::SetExercise(Some(revealed))).expect("applies");
    assert!(!hides_analysis(&after));
    assert!(write_case(&after).contains("\"revealed\":true") || write_case(&after).contains("\"revealed\": true"));
    // What goes to the trainees is always the empty, hidden exercise (the title as the
    // trainer left it), even from a copy that was drawn on and revealed.
    let mut drawn = after.clone();
    drawn.factors = trainee().factors;
    drawn.title = "Oefening 3".into();
    let sent = for_trainees(&drawn).expect("an exercise");
    assert!(sent.factors.is_empty() && hides_analysis(&sent));
    assert_eq!(sent.title, "Oefening 3");
    assert_eq!(sent.exercise.as_ref().map(|e| e.reference.as_ref()), Some(&reference));
    assert_eq!(for_trainees(&reference), None);
    // A plain case writes no exercise field.
    assert!(!write_case(&reference).contains("exercise"));
}

#[test]
fn the_comparison_names_matched_factors_the_missed_loop_and_the_wrong_sign() {
    let (reference, trainee) = (reference(), trainee());
    let options = AnalysisOptions::exhaustive();
    let reference_analysis = analyse(&reference, &NoMandates, &options);
    let trainee_analysis = analyse(&trainee, &NoMandates, &options);
    let comparison = compare(&reference, &reference_analysis, &trainee, &trainee_analysis);
    assert!(comparison.complete);
    assert_eq!(
        comparison.matched_factors,
        vec![("Schulden".to_string(), "t0".to_string()), ("Stress".to_string(), "t1".to_string())]
    );
    assert_eq!(comparison.missing_factors, vec!["Bestuurlijke boete".to_string()]);
    assert_eq!(comparison.extra_factors, vec!["t2".to_string()]);
    assert_eq!(comparison.other_polarity, vec![OtherPolarity { reference: "l2".into(), trainee: "l2".into() }]);
    assert_eq!(comparison.missing_links, vec!["l3".to_string(), "l4".into()]);
    assert_eq!(comparison.extra_links, vec!["l3".to_string()]);

    // The short loop is found, but balancing where the reference has it reinforcing; the
    // loop through the fine is missed.
    assert_eq!(comparison.found_loops.len(), 1);
    let found = &comparison.found_loops[0];
    assert_eq!(reference_analysis.cycles[found.reference].link_ids.len(), 2);
    assert!(!found.same_kind);
    assert_eq!(trainee_analysis.cycles[found.trainee].kind, LoopKind::Balancing);
    assert_eq!(comparison.missed_loops.len(), 1);
    let missed = &reference_analysis.cycles[comparison.missed_loops[0]];
    assert!(missed.factor_ids.contains(&"Bestuurlijke boete".to_string()));
    assert!(comparison.extra_loops.is_empty());
}

#[test]
fn a_map_drawn_exactly_matches_everything() {
    let (library, _) = builtin();
    let template = library.templates().iter().find(|t| t.id == "CY-02").expect("CY-02");
    let reference = template_case(template, Lang::Nl);
    let mut copy = reference.clone();
    for factor in &mut copy.factors {
        factor.label = factor.label.to_uppercase();
    }
    let options = AnalysisOptions::interactive();
    let analysis = analyse(&reference, &library, &options);
    let comparison = compare(&reference, &analysis, &copy, &analyse(&copy, &library, &options));
    assert_eq!(comparison.matched_factors.len(), reference.factors.len());
    assert!(comparison.missing_factors.is_empty() && comparison.extra_factors.is_empty());
    assert!(
        comparison.missing_links.is_empty()
            && comparison.other_polarity.is_empty()
            && comparison.extra_links.is_empty()
    );
    assert_eq!(comparison.found_loops.len(), analysis.cycles.len());
    assert!(comparison.found_loops.iter().all(|found| found.same_kind));
    assert!(comparison.missed_loops.is_empty());
}

#[test]
fn what_if_flips_the_kind_of_exactly_the_loops_through_the_link() {
    let reference = reference();
    let options = AnalysisOptions::exhaustive();
    let analysis = analyse(&reference, &NoMandates, &options);
    // l1 (schulden → stress) is on both loops; l3 only on the fine loop.
    let both = what_if(&reference, &analysis, "l1", &NoMandates, &options).expect("a link");
    assert_eq!(both.len(), 2);
    assert!(both.iter().all(|change| change.before == LoopKind::Reinforcing && change.after == LoopKind::Balancing));
    assert!(both.iter().all(|change| !change.vicious_after));
    let one = what_if(&reference, &analysis, "l3", &NoMandates, &options).expect("a link");
    assert_eq!(one.len(), 1);
    assert!(one[0].factor_ids.contains(&"Bestuurlijke boete".to_string()));
    assert_eq!(what_if(&reference, &analysis, "nope", &NoMandates, &options), None);
    // The case itself is unchanged.
    assert_eq!(reference, self::reference());
}
