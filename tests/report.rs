//! Issue #14, item 5: what the report a manager signs says — the plan with who acts and on
//! which basis, legal basis and evidence base as two facts, and numbered sources with
//! readable titles.

use cirkelbreker::core::analysis::mandate::mandate_of;
use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::model::{Intervention, Target};
use cirkelbreker::core::report::{plan_lines, split_legal_basis, LegalBasis, Sources};
use cirkelbreker::core::rules::{self, template_case};

#[test]
fn an_instrument_without_legal_ground_keeps_its_evidence_as_a_second_fact() {
    let (library, _) = rules::builtin();
    let b17 = library.instrument("B17").expect("B17");
    let (legal, evidence) = split_legal_basis(&b17.legal_basis);
    assert_eq!(legal, LegalBasis::NoneOfItsOwn("Geen".into()));
    assert_eq!(legal.text(Lang::Nl), "geen eigen wettelijke grondslag");
    let (own_words, _) = split_legal_basis("Geen eigen grondslag; praktijk GGz Breburg");
    assert_eq!(
        own_words.text(Lang::Nl),
        "geen eigen grondslag",
        "the library's own words where it gives more than 'Geen'"
    );
    assert_eq!(legal.text(Lang::En), "none of its own");
    assert_eq!(evidence.as_deref(), Some("gedragswetenschappelijk onderbouwd"));
    // every instrument the library gives no legal ground says what it rests on instead
    let without: Vec<&str> = library
        .instruments()
        .iter()
        .filter(|instrument| matches!(split_legal_basis(&instrument.legal_basis).0, LegalBasis::NoneOfItsOwn(_)))
        .map(|instrument| {
            assert!(split_legal_basis(&instrument.legal_basis).1.is_some(), "{} has no evidence", instrument.id);
            instrument.id.as_str()
        })
        .collect();
    assert!(without.len() >= 5, "{without:?}");
    // a law stays whole, semicolons and all
    let (legal, evidence) = split_legal_basis("Art. 3:4 lid 2 Awb; wetsvoorstel Wet versterking waarborgfunctie Awb");
    assert_eq!(legal, LegalBasis::Law("Art. 3:4 lid 2 Awb; wetsvoorstel Wet versterking waarborgfunctie Awb".into()));
    assert_eq!(evidence, None);
}

#[test]
fn the_plan_says_who_acts_on_which_basis_with_chosen_interventions_first() {
    let (library, _) = rules::builtin();
    for template in library.templates() {
        let mut case = template_case(template, Lang::Nl);
        let first = analyse(&case, &library, &AnalysisOptions::interactive());
        let Some(last) = first.plan.targets.last().cloned() else { continue };
        case.interventions.push(Intervention { target: last.clone(), instrument: None, checklist: Vec::new() });
        let analysis = analyse(&case, &library, &AnalysisOptions::interactive());
        let mut sources = Sources::default();
        let lines = plan_lines(&case, &analysis, &library, &mut sources, Lang::Nl);
        assert_eq!(lines[0].target, last, "{}: the chosen intervention comes first", template.id);
        assert!(lines[0].chosen && lines[1..].iter().all(|line| !line.chosen), "{}", template.id);
        assert_eq!(lines.len(), analysis.plan.targets.len(), "{}: every plan item once", template.id);
        for line in &lines {
            let instrument =
                case.interventions.iter().find(|i| i.target == line.target).and_then(|i| i.instrument.as_deref());
            assert_eq!(line.mandate, mandate_of(&case, &library, &line.target, instrument), "one answer for who acts");
            assert!(!line.legal_basis.text(Lang::Nl).is_empty() && !line.evidence.text(Lang::En).is_empty());
            assert!(line.evidence.sources.iter().all(|&n| n >= 1 && n <= sources.list.len()));
            if let Target::Link(_) = line.target {
                assert!(line.breaks >= 1, "{}: a plan link breaks a loop", template.id);
            }
        }
        let mut urls: Vec<&str> = sources.list.iter().map(|source| source.url.as_str()).collect();
        urls.sort();
        urls.dedup();
        assert_eq!(urls.len(), sources.list.len(), "{}: each source is numbered once", template.id);
        assert!(sources.list.iter().enumerate().all(|(i, source)| source.number == i + 1));
    }
}

#[test]
fn sources_are_numbered_once_in_the_order_they_are_cited() {
    let mut sources = Sources::default();
    let urls = |list: &[&str]| list.iter().map(|url| url.to_string()).collect::<Vec<_>>();
    assert_eq!(sources.cite(&urls(&["https://a.nl/x", "https://b.nl/y"]), Lang::Nl), [1, 2]);
    assert_eq!(sources.cite(&urls(&["https://b.nl/y", "https://c.nl/z"]), Lang::Nl), [2, 3]);
    assert_eq!(cirkelbreker::core::report::citation(&[2, 3]), "[2], [3]");
    assert_eq!(sources.list[2].title.site, "c.nl");
}
