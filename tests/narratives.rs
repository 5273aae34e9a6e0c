//! Issue #12: loops read as a professional would tell them. A fixtures table of loops
//! from every template of the rules library and hand-made loops, each with the exact
//! sentence expected, in Dutch (and English where it differs in more than the words).
//!
//! What the sentences must do: a chain "Meer X → minder Y → …" that is right for every
//! label, singular or plural; told from the factor that makes the loop vicious (a debt or
//! care gap, or a factor that is bad to have more of); a balancing loop ends on the
//! opposite change of its first factor; long loops are shortened with their length.

mod common;

use cirkelbreker::core::analysis::{analyse, narrative, narrative_short, AnalysisOptions, CycleReport};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::mandate::NoMandates;
use cirkelbreker::core::model::{loop_key, Case, FactorKind};
use cirkelbreker::core::rules::{builtin, template_case};
use common::case_of;

/// Every loop of every template: (template, loop key, Dutch sentence).
const TEMPLATE_LOOPS: &[(&str, &str, &str)] = &[
    ("CY-01", "l2>l3>l4>l5>l6>l7", "Meer schulden → minder kans op een reguliere huurwoning → meer permanente bewoning recreatiepark → meer angst voor handhaving → minder BRP-inschrijving → minder toegang tot bijstand, zorgverzekering, schuldhulp en toeslagen → meer schulden. Deze cirkel versterkt zichzelf."),
    ("CY-01", "l11>l3>l8>l9", "Meer angst voor handhaving → minder BRP-inschrijving → minder bewijs van hoofdverblijf op het park → minder last onder dwangsom of bestuursdwang → minder angst voor handhaving. Deze cirkel remt zichzelf af."),
    ("CY-01", "l10>l6>l7>l2>l3>l8>l9", "Meer schulden → minder kans op een reguliere huurwoning → meer permanente bewoning recreatiepark → meer angst voor handhaving → minder BRP-inschrijving → minder bewijs van hoofdverblijf op het park → minder last onder dwangsom of bestuursdwang → minder schulden. Deze cirkel remt zichzelf af."),
    ("CY-02", "l1>l2>l3>l6>l7>l8", "Meer schulden → meer chronische stress → minder doenvermogen (post openen, tijdig handelen) → meer onbedoelde schending van de inlichtingenplicht → meer bestuurlijke boete → minder kans op kwijtschelding via een schuldregeling → meer schulden. Deze cirkel versterkt zichzelf."),
    ("CY-02", "l1>l2>l3>l4>l5", "Meer schulden → meer chronische stress → minder doenvermogen (post openen, tijdig handelen) → meer onbedoelde schending van de inlichtingenplicht → meer terugvordering bijstand → meer schulden. Deze cirkel versterkt zichzelf."),
    ("CY-03", "l1>l2>l3>l4>l5", "Meer nieuwe betalingsachterstanden → meer incasso- en deurwaarderskosten → meer schulden → meer chronische stress → minder doenvermogen (post openen, tijdig handelen) → meer nieuwe betalingsachterstanden. Deze cirkel versterkt zichzelf."),
    ("CY-03", "l3>l4>l5>l8>l9", "Meer schulden → meer chronische stress → minder doenvermogen (post openen, tijdig handelen) → meer nieuwe betalingsachterstanden → meer verhogingen CJIB (+50%, +100%) → meer schulden. Deze cirkel versterkt zichzelf."),
    ("CY-03", "l1>l6>l7", "Meer nieuwe betalingsachterstanden → meer incasso- en deurwaarderskosten → minder besteedbaar inkomen → meer nieuwe betalingsachterstanden. Deze cirkel versterkt zichzelf."),
    ("CY-04", "l1>l2>l7>l8", "Meer schulden → meer chronische stress → meer psychische klachten → minder toegang tot schuldhulpverlening → meer schulden. Deze cirkel versterkt zichzelf."),
    ("CY-04", "l5>l6>l7>l8", "Meer schulden → minder toegang tot ggz-behandeling → meer psychische klachten → minder toegang tot schuldhulpverlening → meer schulden. Deze cirkel versterkt zichzelf."),
    ("CY-04", "l1>l2>l3>l4", "Meer schulden → meer chronische stress → meer psychische klachten → minder financieel zelfbeheer en werk → meer schulden. Deze cirkel versterkt zichzelf."),
    ("CY-04", "l3>l4>l5>l6", "Meer schulden → minder toegang tot ggz-behandeling → meer psychische klachten → minder financieel zelfbeheer en werk → meer schulden. Deze cirkel versterkt zichzelf."),
    ("CY-05", "l1>l2>l3>l4>l5", "Meer angst voor uithuisplaatsing → minder gebruik van maatschappelijke opvang → meer permanente bewoning recreatiepark → minder stabiele, erkende woonplek → meer dakloosheid → meer angst voor uithuisplaatsing. Deze cirkel versterkt zichzelf."),
    ("CY-06", "l1>l2>l3>l4", "Meer dakloosheid → minder kans op nieuw werk → meer baanverlies → meer verlies van huisvesting via de werkgever → meer dakloosheid. Deze cirkel versterkt zichzelf."),
    ("CY-07", "l1>l2>l3", "Meer schaarste aan geld en tijd → minder cognitieve bandbreedte → meer kostbare kortetermijnkeuzes (flitskrediet, gemiste termijnen) → meer schaarste aan geld en tijd. Deze cirkel versterkt zichzelf."),
    ("CY-07", "l4>l5>l6", "Meer schaarste aan geld en tijd → meer tunnelvisie (focus op het urgente) → minder planning en vooruitkijken → meer schaarste aan geld en tijd. Deze cirkel versterkt zichzelf."),
];

#[test]
fn template_loops_read_as_expected() {
    let (library, _) = builtin();
    let mut checked = 0;
    for template in library.templates() {
        let case = template_case(template, Lang::Nl);
        let analysis = analyse(&case, &library, &AnalysisOptions::exhaustive());
        for cycle in &analysis.cycles {
            let expected = TEMPLATE_LOOPS
                .iter()
                .find(|(id, key, _)| *id == template.id && *key == cycle.key)
                .unwrap_or_else(|| panic!("{} {} is not in the table", template.id, cycle.key));
            assert_eq!(narrative(&case, cycle, Lang::Nl), expected.2, "{} {}", template.id, cycle.key);
            checked += 1;
        }
    }
    assert_eq!(checked, TEMPLATE_LOOPS.len());
}

/// The only loop of `case` (or the one with `key`).
fn the_loop(case: &Case, key: Option<&str>) -> CycleReport {
    let analysis = analyse(case, &NoMandates, &AnalysisOptions::exhaustive());
    analysis.cycles.into_iter().find(|cycle| key.is_none_or(|key| cycle.key == key)).expect("the loop")
}

fn with_kind(mut case: Case, id: &str, kind: FactorKind) -> Case {
    if let Some(factor) = case.factors.iter_mut().find(|factor| factor.id == id) {
        factor.kind = kind;
    }
    case
}

/// A loop through `factors` in order; `signs[i]` is the sign of the link from factor `i`.
fn ring(factors: &[&str], signs: &str) -> Case {
    let signs: Vec<char> = signs.chars().collect();
    let links: Vec<(&str, &str, char, &str)> =
        (0..factors.len()).map(|i| (factors[i], factors[(i + 1) % factors.len()], signs[i], "")).collect();
    case_of(&links)
}

#[test]
fn hand_made_loops_read_as_expected() {
    // (case, Dutch, English)
    let cases: Vec<(Case, &str, &str)> = vec![
        // the issue's own example: plural label, not "schulden toeneemt"
        (
            ring(&["schulden", "stress"], "++"),
            "Meer schulden → meer stress → meer schulden. Deze cirkel versterkt zichzelf.",
            "More schulden → more stress → more schulden. This loop reinforces itself.",
        ),
        // singular and plural labels read the same way
        (
            ring(&["psychische problemen", "werk"], "-+"),
            "Meer psychische problemen → minder werk → minder psychische problemen. Deze cirkel remt zichzelf af.",
            "More psychische problemen → less werk → less psychische problemen. This loop holds itself back.",
        ),
        // a vicious loop with two negative links, told from its bad side (debt grows)
        (
            ring(&["inkomen", "schulden", "grip op geld"], "--+"),
            "Meer schulden → minder grip op geld → minder inkomen → meer schulden. Deze cirkel versterkt zichzelf.",
            "More schulden → less grip op geld → less inkomen → more schulden. This loop reinforces itself.",
        ),
        // the same loop started elsewhere in the list reads the same
        (
            ring(&["grip op geld", "inkomen", "schulden"], "+--"),
            "Meer schulden → minder grip op geld → minder inkomen → meer schulden. Deze cirkel versterkt zichzelf.",
            "More schulden → less grip op geld → less inkomen → more schulden. This loop reinforces itself.",
        ),
        // a factor of kind schuld is the start, whatever its label
        (
            with_kind(ring(&["rust", "CAK-premie", "geldzorgen"], "-+-"), "CAK-premie", FactorKind::Schuld),
            "Meer CAK-premie → meer geldzorgen → minder rust → meer CAK-premie. Deze cirkel versterkt zichzelf.",
            "More CAK-premie → more geldzorgen → less rust → more CAK-premie. This loop reinforces itself.",
        ),
        // a care gap is the start when there is no debt
        (
            with_kind(ring(&["vertrouwen", "wachttijd ggz", "klachten"], "-+-"), "wachttijd ggz", FactorKind::Zorgkloof),
            "Meer wachttijd ggz → meer klachten → minder vertrouwen → meer wachttijd ggz. Deze cirkel versterkt zichzelf.",
            "More wachttijd ggz → more klachten → less vertrouwen → more wachttijd ggz. This loop reinforces itself.",
        ),
        // a debt of kind schuld comes before a care gap
        (
            with_kind(
                with_kind(ring(&["wachtlijst", "huurachterstand"], "++"), "wachtlijst", FactorKind::Zorgkloof),
                "huurachterstand",
                FactorKind::Schuld,
            ),
            "Meer huurachterstand → meer wachtlijst → meer huurachterstand. Deze cirkel versterkt zichzelf.",
            "More huurachterstand → more wachtlijst → more huurachterstand. This loop reinforces itself.",
        ),
        // no bad factor: the start with the fewest "minder" steps
        (
            ring(&["a", "b", "c"], "+--"),
            "Meer a → meer b → minder c → meer a. Deze cirkel versterkt zichzelf.",
            "More a → more b → less c → more a. This loop reinforces itself.",
        ),
        // labels keep their abbreviations and capitals, lose a capital at a word start
        (
            ring(&["Schulden", "BRP-inschrijving", "UWV-uitkering"], "-++"),
            "Meer schulden → minder BRP-inschrijving → minder UWV-uitkering → minder schulden. Deze cirkel remt zichzelf af.",
            "More schulden → less BRP-inschrijving → less UWV-uitkering → less schulden. This loop holds itself back.",
        ),
        // a self-loop
        (
            ring(&["boetes"], "+"),
            "Meer boetes → meer boetes. Deze cirkel versterkt zichzelf.",
            "More boetes → more boetes. This loop reinforces itself.",
        ),
        // a balancing self-loop never claims the factor falls "again"
        (
            ring(&["stress"], "-"),
            "Meer stress → minder stress. Deze cirkel remt zichzelf af.",
            "More stress → less stress. This loop holds itself back.",
        ),
        // a bad factor by its label: debts come before stress
        (
            ring(&["stress", "betalingsachterstanden", "slaap"], "+--"),
            "Meer betalingsachterstanden → minder slaap → meer stress → meer betalingsachterstanden. Deze cirkel versterkt zichzelf.",
            "More betalingsachterstanden → less slaap → more stress → more betalingsachterstanden. This loop reinforces itself.",
        ),
        // four negative links: still vicious, told from the debt
        (
            ring(&["werk", "schulden", "hulp", "vertrouwen"], "----"),
            "Meer schulden → minder hulp → meer vertrouwen → minder werk → meer schulden. Deze cirkel versterkt zichzelf.",
            "More schulden → less hulp → more vertrouwen → less werk → more schulden. This loop reinforces itself.",
        ),
        // a factor without a label reads as its id
        (
            ring(&["x1", "x2"], "++"),
            "Meer x1 → meer x2 → meer x1. Deze cirkel versterkt zichzelf.",
            "More x1 → more x2 → more x1. This loop reinforces itself.",
        ),
    ];
    for (case, nl, en) in &cases {
        let cycle = the_loop(case, None);
        assert_eq!(narrative(case, &cycle, Lang::Nl), *nl);
        assert_eq!(narrative(case, &cycle, Lang::En), *en);
    }
    assert!(TEMPLATE_LOOPS.len() + cases.len() >= 30);
}

#[test]
fn a_loop_marked_virtuous_says_it_is_wanted() {
    let mut case = ring(&["steun", "zelfvertrouwen"], "++");
    case.virtuous_loops.push(loop_key(&["l1", "l2"]));
    let cycle = the_loop(&case, None);
    assert_eq!(
        narrative(&case, &cycle, Lang::Nl),
        "Meer steun → meer zelfvertrouwen → meer steun. Deze cirkel versterkt zichzelf; hier is dat gewenst."
    );
    assert_eq!(
        narrative(&case, &cycle, Lang::En),
        "More steun → more zelfvertrouwen → more steun. This loop reinforces itself; here that is wanted."
    );
}

#[test]
fn a_long_loop_is_a_few_words_with_the_whole_chain_one_step_away() {
    // eleven links: the sentence with eleven "waardoor"s
    let names =
        ["schulden", "stress", "slaap", "concentratie", "werk", "inkomen", "huur", "woning", "rust", "zorg", "post"];
    let case = ring(&names, "+-+++-+-+-+");
    let cycle = the_loop(&case, None);
    let short = narrative_short(&case, &cycle, Lang::Nl);
    assert_eq!(
        short,
        "Meer schulden → meer stress → minder slaap → … → meer post → meer schulden (11 schakels). Deze cirkel versterkt zichzelf."
    );
    assert_eq!(
        narrative_short(&case, &cycle, Lang::En),
        "More schulden → more stress → less slaap → … → more post → more schulden (11 links). This loop reinforces itself."
    );
    let full = narrative(&case, &cycle, Lang::Nl);
    assert_eq!(full.matches(" → ").count(), 11);
    assert!(!full.contains("waardoor") && !full.contains("toeneemt"));
    // a loop of at most six links is never shortened
    let six = ring(&names[..6], "++++++");
    let cycle = the_loop(&six, None);
    assert_eq!(narrative_short(&six, &cycle, Lang::Nl), narrative(&six, &cycle, Lang::Nl));
}
