//! Issue 13, both languages: every legal source of a library rule and every instrument's
//! legal basis has an English text; the English interface, the report's plan and the
//! command line use it; and a library without one fails `rules check` with a problem said
//! in Dutch and English.

use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::model::{Case, Link};
use cirkelbreker::core::report::{plan_lines, split_legal_basis, LegalBasis, Sources};
use cirkelbreker::core::rules::{
    self, embedded_files, load_files, merge_rule, template_case, FileContent, RulesProblem,
};

/// The built-in files, with `path` replaced by the file on disk after `change`.
fn files_with(path: &'static str, change: impl Fn(String) -> String) -> Vec<(&'static str, FileContent)> {
    let text = std::fs::read_to_string(path).expect("rules file on disk");
    let changed = change(text.clone());
    assert_ne!(changed, text, "the change must change {path}");
    embedded_files()
        .iter()
        .map(|(file, content)| {
            let content = if *file == path { FileContent::from_toml(&changed) } else { content.clone() };
            (*file, content)
        })
        .collect()
}

fn about<'a>(problems: &'a [RulesProblem], id: &str) -> Vec<&'a RulesProblem> {
    problems.iter().filter(|problem| problem.id.as_deref() == Some(id)).collect()
}

#[test]
fn every_legal_source_and_legal_basis_has_english() {
    let (library, problems) = rules::builtin();
    assert!(problems.is_empty(), "{problems:?}");
    for rule in library.rules() {
        for source in &rule.legal_sources {
            assert!(!source.law_en.trim().is_empty(), "{}: {} has no law_en", rule.id, source.law);
            assert_eq!(source.article.is_empty(), source.article_en.is_empty(), "{}: {}", rule.id, source.law);
            assert_eq!(source.note.is_empty(), source.note_en.is_empty(), "{}: {}", rule.id, source.law);
            assert_eq!(source.citation_lang(Lang::En), Lang::En);
        }
        assert_ne!(rule.legal_citation(Lang::En), rule.legal_citation(Lang::Nl), "{}", rule.id);
    }
    for instrument in library.instruments() {
        let (nl, en) = (instrument.legal_basis(Lang::Nl), instrument.legal_basis(Lang::En));
        assert!(!en.trim().is_empty() && en != nl, "{}: {en}", instrument.id);
        // The same kind of basis in both languages: a law, or none of its own with evidence.
        let (legal_nl, evidence_nl) = split_legal_basis(nl);
        let (legal_en, evidence_en) = split_legal_basis(en);
        assert_eq!(
            matches!(legal_nl, LegalBasis::NoneOfItsOwn(_)),
            matches!(legal_en, LegalBasis::NoneOfItsOwn(_)),
            "{}: '{nl}' and '{en}' differ in kind",
            instrument.id
        );
        assert_eq!(evidence_nl.is_some(), evidence_en.is_some(), "{}", instrument.id);
    }
}

#[test]
fn the_english_citation_cites_articles_the_english_way() {
    let (library, _) = rules::builtin();
    let ink02 = library.rule("INK-02").expect("INK-02");
    let citation = ink02.legal_citation(Lang::En);
    assert!(citation.contains("Participation Act art. 41(4)"), "{citation}");
    assert!(ink02.legal_citation(Lang::Nl).contains("Participatiewet art. 41 lid 4"));
    let b17 = library.instrument("B17").expect("B17");
    let (legal, evidence) = split_legal_basis(b17.legal_basis(Lang::En));
    assert_eq!(legal, LegalBasis::NoneOfItsOwn("None".into()));
    assert_eq!(legal.text(Lang::En), "none of its own");
    assert_eq!(evidence.as_deref(), Some("grounded in behavioural science"));
}

#[test]
fn the_english_plan_and_mandate_say_the_legal_basis_in_english() {
    let (library, _) = rules::builtin();
    let mut seen_law = 0;
    for template in library.templates() {
        let case = template_case(template, Lang::Nl);
        let analysis = analyse(&case, &library, &AnalysisOptions::interactive());
        let (mut dutch, mut english) = (Sources::default(), Sources::default());
        let nl = plan_lines(&case, &analysis, &library, &mut dutch, Lang::Nl);
        let en = plan_lines(&case, &analysis, &library, &mut english, Lang::En);
        for (nl, en) in nl.iter().zip(&en) {
            let Some(instrument) = en.mandate.instrument.as_deref().and_then(|id| library.instrument(id)) else {
                continue;
            };
            let english = instrument.legal_basis(Lang::En);
            if let LegalBasis::Law(text) = &en.legal_basis {
                assert_eq!(text, english, "{}: the English plan line", template.id);
                assert_ne!(en.legal_basis.text(Lang::En), nl.legal_basis.text(Lang::Nl));
                seen_law += 1;
            }
            let line = en.mandate.line(Lang::En);
            assert!(line.contains(&format!("basis {english}")), "{line}");
            assert!(!line.contains(instrument.legal_basis(Lang::Nl)), "{line}");
        }
    }
    assert!(seen_law >= 2, "the templates' plans use {seen_law} instruments with a legal basis");
}

#[test]
fn a_library_without_an_english_legal_basis_fails_the_check() {
    let files = files_with("rules/instruments.toml", |text| {
        let line = text.lines().find(|line| line.starts_with("legal_basis_en = \"None; grounded")).expect("B17's line");
        text.replace(&format!("{line}\n"), "")
    });
    let (library, problems) = load_files(&files);
    let b17 = about(&problems, "B17");
    assert_eq!(b17.len(), 1, "{problems:?}");
    assert_eq!(
        b17[0].message(Lang::Nl),
        "rules/instruments.toml [B17]: Engelse tekst ontbreekt: 'legal_basis' heeft geen 'legal_basis_en'"
    );
    assert_eq!(
        b17[0].message(Lang::En),
        "rules/instruments.toml [B17]: English text missing: 'legal_basis' has no 'legal_basis_en'"
    );
    // The instrument is kept; the English interface shows its Dutch basis meanwhile.
    let kept = library.instrument("B17").expect("B17 kept");
    assert_eq!(kept.legal_basis(Lang::En), "Geen; gedragswetenschappelijk onderbouwd");
}

#[test]
fn a_library_rule_without_an_english_law_name_fails_the_check() {
    let files =
        files_with("rules/sectoren/inkomen.toml", |text| text.replacen(", law_en = \"Participation Act\"", "", 1));
    let (library, problems) = load_files(&files);
    let missing: Vec<String> = problems
        .iter()
        .filter(|problem| problem.file == "rules/sectoren/inkomen.toml")
        .map(|problem| problem.message(Lang::En))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    let field = missing[0].split("English text missing: '").nth(1).expect("the field").split('\'').next().unwrap_or("");
    assert!(field.starts_with("legal_sources.") && field.ends_with(".law"), "{missing:?}");
    assert!(missing[0].ends_with(&format!("has no '{field}_en'")), "{missing:?}");
    let id = problems[0].id.clone().expect("the rule's id");
    let rule = library.rule(&id).expect("the rule is kept");
    assert_eq!(rule.legal_sources[0].citation_lang(Lang::En), Lang::Nl, "shown as Dutch, marked as Dutch");
}

#[test]
fn a_template_and_a_rule_open_on_the_map_in_the_interface_language() {
    let (library, _) = rules::builtin();
    for template in library.templates() {
        let (nl, en) = (template_case(template, Lang::Nl), template_case(template, Lang::En));
        assert_eq!((nl.title.as_str(), en.title.as_str()), (template.name_nl.as_str(), template.name_en.as_str()));
        for ((factor, dutch), english) in template.factors.iter().zip(&nl.factors).zip(&en.factors) {
            assert_eq!(
                (dutch.label.as_str(), english.label.as_str()),
                (factor.label_nl.as_str(), factor.label_en.as_str())
            );
        }
        for ((link, dutch), english) in template.links.iter().zip(&nl.links).zip(&en.links) {
            assert!(dutch.note.starts_with(&link.note) && english.note.starts_with(&link.note_en), "{}", template.id);
            if link.polarity_inferred {
                assert!(dutch.note.contains("Richting afgeleid") && english.note.contains("Direction inferred"));
            }
            // Everything else about the link is the same in both languages.
            assert_eq!(Link { note: String::new(), ..dutch.clone() }, Link { note: String::new(), ..english.clone() });
        }
    }
    // A rule put on a Dutch map joins its factors by their Dutch labels and adds the rest in English.
    let rule = library.rule("SCH-02").expect("SCH-02");
    let dutch_map = template_case(library.template("CY-03").expect("CY-03"), Lang::Nl);
    let merged = merge_rule(&dutch_map, rule, Lang::En);
    assert_eq!(merged.added_factors + merged.reused.len(), rule.factors.len());
    for factor in &rule.factors {
        let on_map = merged.case.factors.iter().find(|f| f.label == factor.label_nl || f.label == factor.label_en);
        assert!(on_map.is_some(), "{} is on the map", factor.id);
    }
    let fresh = merge_rule(&Case::default(), rule, Lang::En).case;
    let labels: Vec<&str> = fresh.factors.iter().map(|factor| factor.label.as_str()).collect();
    let english: Vec<&str> = rule.factors.iter().map(|factor| factor.label_en.as_str()).collect();
    assert_eq!(labels, english);
}
