//! Issue #12, item 5: vicious loops that share most links form one mechanism; factors
//! outside every loop that feed vicious loops are drivers (aanjagers); the analysis says
//! how many factors are caught in loops.

mod common;

use cirkelbreker::core::analysis::structure::{driver_text, mechanism_text};
use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
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
