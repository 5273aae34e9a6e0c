//! Issue #12, item 5: vicious loops that share most links form one mechanism; factors
//! outside every loop that feed vicious loops are drivers (aanjagers); the analysis says
//! how many factors are caught in loops.

mod common;

use cirkelbreker::core::analysis::structure::{driver_text, mechanism_of, mechanism_text};
use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::edit::{apply, Edit};
use cirkelbreker::core::formats::case_json::{read_case, write_case};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::mandate::NoMandates;
use common::case_of;

#[test]
fn a_factor_outside_every_loop_that_feeds_vicious_loops_is_a_driver() {
    let case = case_of(&[
        ("huurverhoging", "schulden", '+', ""),
        ("schulden", "stress", '+', ""),
        ("stress", "schulden", '+', ""),
        ("stress", "slaap", '-', ""),
        ("slaap", "schulden", '-', ""),
        ("werkloosheid", "huurverhoging", '+', ""),
        ("schulden", "eenzaamheid", '+', ""),
    ]);
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    assert_eq!(analysis.factors_in_loops, 3);
    assert_eq!(analysis.caught_line(case.factors.len(), Lang::Nl), "3 van de 6 factoren zitten in een cirkel.");
    let drivers: Vec<&str> = analysis.drivers.iter().map(|driver| driver.factor.as_str()).collect();
    // eenzaamheid is fed by the loops, it does not feed them
    assert_eq!(drivers, ["huurverhoging", "werkloosheid"]);
    assert_eq!(analysis.drivers[0].feeds.len(), 2);
    assert_eq!(
        driver_text(&case, &analysis.drivers[0], Lang::Nl),
        "huurverhoging staat buiten elke cirkel en voedt 2 vicieuze cirkels."
    );
    assert_eq!(
        driver_text(&case, &analysis.drivers[0], Lang::En),
        "huurverhoging is outside every loop and feeds 2 vicious loops."
    );
}

#[test]
fn loops_sharing_most_links_are_one_mechanism() {
    // schulden → stress → doenvermogen → schulden, and the same with a detour through
    // boete: they share two of three links; a separate loop elsewhere shares none
    let case = case_of(&[
        ("schulden", "stress", '+', ""),
        ("stress", "doenvermogen", '-', ""),
        ("doenvermogen", "schulden", '-', ""),
        ("doenvermogen", "boete", '-', ""),
        ("boete", "schulden", '+', ""),
        ("woning", "werk", '+', ""),
        ("werk", "woning", '+', ""),
    ]);
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    assert_eq!(analysis.vicious_count(), 3);
    assert_eq!(analysis.mechanisms.len(), 1);
    let mechanism = &analysis.mechanisms[0];
    assert_eq!(mechanism.loops.len(), 2);
    assert_eq!(mechanism.shared_links, ["l1", "l2"]);
    assert_eq!(
        mechanism_text(&case, mechanism, Lang::Nl),
        "2 vicieuze cirkels delen schulden → stress, stress → doenvermogen."
    );
}

/// The mechanism map of `loops_sharing_most_links_are_one_mechanism`, plus `extra` links.
fn two_loop_mechanism(extra: &[(&'static str, &'static str, char, &'static str)]) -> cirkelbreker::core::model::Case {
    let mut links = vec![
        ("schulden", "stress", '+', ""),
        ("stress", "doenvermogen", '-', ""),
        ("doenvermogen", "schulden", '-', ""),
        ("doenvermogen", "boete", '-', ""),
        ("boete", "schulden", '+', ""),
    ];
    links.extend_from_slice(extra);
    case_of(&links)
}

fn named(case: &cirkelbreker::core::model::Case, name: &str) -> cirkelbreker::core::model::Case {
    let analysis = analyse(case, &NoMandates, &AnalysisOptions::exhaustive());
    let loops = analysis.mechanisms[0].loop_keys(&analysis.cycles);
    apply(case, &Edit::NameMechanism { loops, name: name.into() }).expect("names the mechanism")
}

#[test]
fn a_named_mechanism_keeps_its_name_through_unrelated_edits_and_a_new_loop_of_its_own() {
    let case = named(&two_loop_mechanism(&[]), "Schuldenspiraal");
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    assert_eq!(analysis.mechanisms[0].name.as_deref(), Some("Schuldenspiraal"));
    assert_eq!(
        mechanism_text(&case, &analysis.mechanisms[0], Lang::Nl),
        "Schuldenspiraal: 2 vicieuze cirkels delen schulden → stress, stress → doenvermogen."
    );

    // an unrelated loop elsewhere (with a mechanism of its own) leaves the name where it was
    let mut elsewhere = case.clone();
    for (id, from, to) in [
        ("w1", "woning", "werk"),
        ("w2", "werk", "inkomen"),
        ("w3", "inkomen", "woning"),
        ("w4", "inkomen", "huur"),
        ("w5", "huur", "woning"),
    ] {
        for factor in [from, to] {
            if elsewhere.factor(factor).is_none() {
                elsewhere.factors.push(common::factor(factor));
            }
        }
        elsewhere.links.push(common::link(id, from, to));
    }
    let analysis = analyse(&elsewhere, &NoMandates, &AnalysisOptions::exhaustive());
    assert_eq!(analysis.mechanisms.len(), 2);
    let names: Vec<Option<&str>> = analysis.mechanisms.iter().map(|m| m.name.as_deref()).collect();
    assert_eq!(names.iter().filter(|name| name.is_some()).count(), 1, "one name, one mechanism: {names:?}");
    let with_name = analysis.mechanisms.iter().find(|m| m.name.is_some()).expect("named");
    assert!(with_name.loops.iter().all(|&i| analysis.cycles[i].factor_ids.contains(&"schulden".to_string())));

    // a third loop joins the mechanism (schulden → stress → doenvermogen → beslag → schulden):
    // the name follows it, since two of its three loops were named
    let mut grown = case.clone();
    grown.factors.push(common::factor("beslag"));
    grown.links.push(common::link("l6", "doenvermogen", "beslag"));
    grown.links.last_mut().expect("pushed").polarity = cirkelbreker::core::model::Polarity::Negative;
    grown.links.push(common::link("l7", "beslag", "schulden"));
    let analysis = analyse(&grown, &NoMandates, &AnalysisOptions::exhaustive());
    assert_eq!(analysis.mechanisms[0].loops.len(), 3);
    assert_eq!(analysis.mechanisms[0].name.as_deref(), Some("Schuldenspiraal"));
    let third = analysis.mechanisms[0].loops.iter().find(|&&i| analysis.cycles[i].link_ids.contains(&"l7".to_string()));
    let third = *third.expect("the new loop is in the mechanism");
    assert_eq!(mechanism_of(&analysis.mechanisms, third).and_then(|m| m.name.as_deref()), Some("Schuldenspiraal"));
}

#[test]
fn a_mechanism_name_is_kept_in_the_case_file_and_an_older_file_reads_without_one() {
    let case = named(&two_loop_mechanism(&[]), "Schuldenspiraal");
    let text = write_case(&case);
    assert!(text.contains("\"mechanism_names\""), "{text}");
    let again = read_case(&text).expect("reads back");
    assert_eq!(again.mechanism_names, case.mechanism_names);
    let analysis = analyse(&again, &NoMandates, &AnalysisOptions::exhaustive());
    assert_eq!(analysis.mechanisms[0].name.as_deref(), Some("Schuldenspiraal"));
    // without names the field is not written at all, so older readers see the same file
    let plain = two_loop_mechanism(&[]);
    assert!(!write_case(&plain).contains("mechanism_names"));
    assert_eq!(read_case(&write_case(&plain)).expect("reads").mechanism_names, []);
}

#[test]
fn renaming_a_mechanism_is_one_undo_step() {
    use cirkelbreker::core::editor::state::{Action, EditorState};
    let state = EditorState::default().next(Action::Edit(Edit::ReplaceCase(Box::new(two_loop_mechanism(&[])))));
    let loops = {
        let analysis = analyse(state.case(), &NoMandates, &AnalysisOptions::exhaustive());
        analysis.mechanisms[0].loop_keys(&analysis.cycles)
    };
    let name = |state: EditorState, name: &str| {
        state.next(Action::Edit(Edit::NameMechanism { loops: loops.clone(), name: name.into() }))
    };
    let state = name(name(state, "Schuldenspiraal"), "Boetespiraal");
    let names = |state: &EditorState| state.case().mechanism_names.iter().map(|n| n.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&state), ["Boetespiraal"]);
    let state = state.next(Action::Undo);
    assert_eq!(names(&state), ["Schuldenspiraal"], "one undo step takes back the rename only");
    let state = state.next(Action::Undo);
    assert!(names(&state).is_empty());
}
