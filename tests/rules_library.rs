//! The built-in rules library: every file parses and is embedded as the build converted it,
//! every reference resolves, the breadth targets are met, every template is a valid case
//! with a reinforcing loop, broken input is reported item by item (and a syntax error
//! with its line), and users' own rules round-trip in TOML and JSON.

use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::mandate::MandateSource;
use cirkelbreker::core::model::{Case, Confidence, Factor, FactorKind, Link, MandateLevel, Polarity};
use cirkelbreker::core::rules::{
    self, embedded_files, load_checked_files, load_files, merge_rule, parse_user_rules, rule_on_link, template_case,
    write_user_rules, write_user_rules_json, FileContent, Library, Rule, VerificationStatus,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;

fn library() -> Library {
    let (library, problems) = rules::builtin();
    assert!(problems.is_empty(), "problems in the built-in library:\n{}", list(&problems));
    library
}

#[test]
fn the_web_app_loads_the_same_library_without_checking_it_again() {
    let (checked, problems) = load_checked_files(embedded_files());
    assert!(problems.is_empty(), "{}", list(&problems));
    // The web app's library reads its sector files when the rules are first asked for;
    // a copy made before that reads them as well.
    let copy = checked.clone();
    assert_eq!(checked, library(), "the checks must not change or drop anything in the built-in library");
    assert_eq!(copy.rules(), library().rules());
    assert!(!copy.rules().is_empty());
    let (with_own, problems) = load_checked_files(embedded_files()).0.with_user_rules(vec![user_rule()]);
    assert!(problems.is_empty(), "{}", list(&problems));
    assert_eq!(with_own, library().with_user_rules(vec![user_rule()]).0);
    assert_eq!(with_own.rules().last().map(|rule| rule.id.as_str()), Some("GEM-01"));
}

fn list(problems: &[rules::RulesProblem]) -> String {
    problems.iter().map(|problem| format!("  {problem}\n")).collect()
}

/// Every `*.toml` below `dir`, as a path relative to the crate root with `/` separators.
fn toml_files_on_disk(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("rules directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            toml_files_on_disk(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "toml") {
            let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).expect("inside the crate");
            out.push(relative.to_str().expect("utf-8 path").replace('\\', "/"));
        }
    }
}

#[test]
fn every_rules_file_is_embedded_as_the_build_converted_it_and_the_library_has_no_problems() {
    let mut on_disk = Vec::new();
    toml_files_on_disk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"), &mut on_disk);
    let mut embedded: Vec<String> = embedded_files().iter().map(|(path, _)| path.to_string()).collect();
    assert_eq!(embedded[..2], ["rules/library.toml", "rules/sectors.toml"], "top-level files first");
    on_disk.sort();
    embedded.sort();
    assert_eq!(embedded, on_disk, "build.rs embeds every rules/**/*.toml");
    for (path, content) in embedded_files() {
        assert!(matches!(content, FileContent::Json(_)), "{path} is not valid TOML: {content:?}");
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("readable");
        assert_eq!(*content, FileContent::from_toml(&text), "{path}: embedded data differs from the file");
    }
    library();
}

#[test]
fn sector_files_load_in_the_order_of_the_sector_list() {
    let library = library();
    let mut order: Vec<&str> = Vec::new();
    for rule in library.rules() {
        if order.last() != Some(&rule.sector.as_str()) {
            order.push(&rule.sector);
        }
    }
    let sectors: Vec<&str> = library.sectors().iter().map(|sector| sector.id.as_str()).collect();
    assert_eq!(order, sectors);
}

#[test]
fn breadth_targets_are_met() {
    let library = library();
    assert!(library.rules().len() >= 50, "only {} rules", library.rules().len());
    let sectors_with_rules: HashSet<&str> = library.rules().iter().map(|rule| rule.sector.as_str()).collect();
    assert!(sectors_with_rules.len() >= 8, "rules in only {} sectors", sectors_with_rules.len());
    assert!(library.instruments().len() >= 20);
    let templates: Vec<&str> = library.templates().iter().map(|template| template.id.as_str()).collect();
    assert_eq!(templates, ["CY-01", "CY-02", "CY-03", "CY-04", "CY-05", "CY-06", "CY-07"]);
    assert_eq!(library.mandate_levels().len(), 10);
    assert!(library.checklist().len() >= 10);
    for id in [
        "wonen",
        "registratie",
        "inkomen",
        "schulden",
        "zorg",
        "jeugd",
        "arbeidsmigratie",
        "handhaving",
        "onderwijs",
        "werk",
    ] {
        assert!(library.sector(id).is_some(), "sector {id} missing");
    }
}

#[test]
fn ids_are_unique_and_every_reference_resolves() {
    let library = library();
    let mut seen = HashSet::new();
    for rule in library.rules() {
        assert!(seen.insert(rule.id.as_str()), "duplicate rule id {}", rule.id);
        assert!(library.sector(&rule.sector).is_some(), "{}: unknown sector {}", rule.id, rule.sector);
        assert!(!rule.sources.is_empty(), "{} has no source", rule.id);
        assert!(!rule.legal_sources.is_empty(), "{} has no legal source", rule.id);
        assert!(rule.sources.iter().all(|url| url.starts_with("http")), "{}: bad URL", rule.id);
        assert!(!rule.links.is_empty(), "{} creates no link", rule.id);
        for instrument in &rule.instruments {
            assert!(library.instrument(&instrument.id).is_some(), "{}: unknown instrument {}", rule.id, instrument.id);
        }
        for cycle in &rule.cycles {
            assert!(library.template(cycle).is_some(), "{}: unknown cycle {cycle}", rule.id);
        }
        for link in &rule.links {
            assert!(rule.factor(&link.from).is_some() && rule.factor(&link.to).is_some(), "{}: dangling link", rule.id);
        }
    }
    let instrument_ids: HashSet<&str> = library.instruments().iter().map(|instrument| instrument.id.as_str()).collect();
    assert_eq!(instrument_ids.len(), library.instruments().len(), "duplicate instrument ids");
    for template in library.templates() {
        for link in &template.links {
            if let Some(rule) = &link.rule {
                assert!(library.rule(rule).is_some(), "{}: unknown rule {rule}", template.id);
            }
            if let Some(sector) = &link.sector {
                assert!(library.sector(sector).is_some(), "{}: unknown sector {sector}", template.id);
            }
        }
        for instrument in &template.instruments {
            assert!(library.instrument(instrument).is_some(), "{}: unknown instrument {instrument}", template.id);
        }
    }
}

#[test]
fn a_factor_id_means_the_same_factor_everywhere() {
    let library = library();
    let mut labels: HashMap<&str, (&str, FactorKind)> = HashMap::new();
    let rule_factors =
        library.rules().iter().flat_map(|rule| rule.factors.iter().map(|f| (&f.id, &f.label_nl, f.kind)));
    let template_factors =
        library.templates().iter().flat_map(|template| template.factors.iter().map(|f| (&f.id, &f.label_nl, f.kind)));
    for (id, label, kind) in rule_factors.chain(template_factors) {
        let first = labels.entry(id.as_str()).or_insert((label.as_str(), kind));
        assert_eq!(*first, (label.as_str(), kind), "factor {id} has two labels or kinds");
    }
}

/// WCAG relative luminance contrast against white, computed independently of the loader.
fn contrast(hex: &str) -> f64 {
    let value = |at: usize| {
        let channel = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).expect("hex")) / 255.0;
        if channel <= 0.03928 {
            channel / 12.92
        } else {
            ((channel + 0.055) / 1.055).powf(2.4)
        }
    };
    1.05 / (0.2126 * value(1) + 0.7152 * value(3) + 0.0722 * value(5) + 0.05)
}

#[test]
fn sector_colours_reach_three_to_one_on_white() {
    for sector in library().sectors() {
        assert!(contrast(&sector.colour) >= 3.0, "{} colour {} too light", sector.id, sector.colour);
    }
}

/// Every simple cycle of the case as the list of its link signs, found by a DFS that
/// only visits factors after the start factor (each cycle once).
fn cycle_signs(case: &Case) -> Vec<Vec<Polarity>> {
    let index: HashMap<&str, usize> = case.factors.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
    let edges: Vec<(usize, usize, Polarity)> =
        case.links.iter().map(|link| (index[link.from.as_str()], index[link.to.as_str()], link.polarity)).collect();
    let mut cycles = Vec::new();
    fn dfs(
        start: usize,
        at: usize,
        edges: &[(usize, usize, Polarity)],
        on_path: &mut Vec<usize>,
        signs: &mut Vec<Polarity>,
        out: &mut Vec<Vec<Polarity>>,
    ) {
        for &(from, to, polarity) in edges.iter().filter(|(from, _, _)| *from == at) {
            let _ = from;
            signs.push(polarity);
            if to == start {
                out.push(signs.clone());
            } else if to > start && !on_path.contains(&to) {
                on_path.push(to);
                dfs(start, to, edges, on_path, signs, out);
                on_path.pop();
            }
            signs.pop();
        }
    }
    for start in 0..case.factors.len() {
        dfs(start, start, &edges, &mut vec![start], &mut Vec::new(), &mut cycles);
    }
    cycles
}

#[test]
fn every_template_is_a_valid_case_with_a_reinforcing_loop() {
    for template in library().templates() {
        let case = template_case(template, Lang::Nl);
        assert!(case.problems().is_empty(), "{}: {:?}", template.id, case.problems());
        assert_eq!(case.factors.len(), template.factors.len());
        assert_eq!(case.links.len(), template.links.len());
        let cycles = cycle_signs(&case);
        let reinforcing = cycles
            .iter()
            .filter(|signs| signs.iter().filter(|sign| **sign == Polarity::Negative).count() % 2 == 0)
            .count();
        assert!(reinforcing >= 1, "{} has no reinforcing loop among {} cycles", template.id, cycles.len());
        let positions: HashSet<(i64, i64)> = case.factors.iter().map(|f| (f.x as i64, f.y as i64)).collect();
        assert_eq!(positions.len(), case.factors.len(), "{}: factors on top of each other", template.id);
        for link in case.links.iter().filter(|link| link.rule.is_some()) {
            assert!(link.sector.is_some(), "{}: link {} has a rule but no sector", template.id, link.id);
        }
    }
}

#[test]
fn the_cycle_finder_tells_reinforcing_from_balancing() {
    let factor = |id: &str| Factor {
        id: id.into(),
        label: id.into(),
        kind: FactorKind::Situatie,
        x: 0.0,
        y: 0.0,
        note: String::new(),
        fixed: false,
    };
    let link = |id: &str, from: &str, to: &str, polarity| Link {
        id: id.into(),
        from: from.into(),
        to: to.into(),
        polarity,
        sector: None,
        rule: None,
        delay: false,
        confidence: Confidence::Medium,
        note: String::new(),
        fixed: false,
        cost: None,
    };
    let case = Case {
        factors: vec![factor("a"), factor("b")],
        links: vec![link("l1", "a", "b", Polarity::Negative), link("l2", "b", "a", Polarity::Positive)],
        ..Case::default()
    };
    assert_eq!(cycle_signs(&case), vec![vec![Polarity::Negative, Polarity::Positive]]);
}

const BROKEN_RULES: &str = r#"
[[rule]]
id = "WRK-90"
name_nl = "Regel zonder bron"
name_en = "Rule without a source"
sector = "werk"
status = "in_werking"
last_checked = "2026-11-24"
confidence = "low"
mechanism_nl = "Test."
decision_holder = { level = "M4", role_nl = "College" }
legal_sources = [{ law = "Testwet" }]
factors = [{ id = "a", label_nl = "A", kind = "situatie" }, { id = "b", label_nl = "B", kind = "situatie" }]
links = [{ from = "a", to = "b", polarity = "+" }]
sources = []

[[rule]]
id = "WRK-91"
name_nl = "Regel met onbekend instrument en losse link"
name_en = "Rule with unknown instrument and dangling link"
sector = "werk"
status = "in_werking"
last_checked = "2026-13-01"
confidence = "low"
mechanism_nl = "Test."
decision_holder = { level = "M4", role_nl = "College" }
legal_sources = [{ law = "Testwet" }]
factors = [{ id = "c", label_nl = "C", kind = "situatie" }]
links = [{ from = "c", to = "nergens", polarity = "-" }]
instruments = [{ id = "B99", level = "M1", role_nl = "Niemand" }]
sources = ["https://example.org/bron"]

[[rule]]
id = "WON-01"
name_nl = "Dubbele id"
name_en = "Duplicate id"
sector = "wonen"
status = "in_werking"
last_checked = "2026-11-24"
confidence = "low"
mechanism_nl = "Test."
decision_holder = { level = "M4", role_nl = "College" }
legal_sources = [{ law = "Testwet" }]
factors = [{ id = "d", label_nl = "D", kind = "situatie" }, { id = "e", label_nl = "E", kind = "situatie" }]
links = [{ from = "d", to = "e", polarity = "+" }]
sources = ["https://example.org/bron"]

[[rule]]
id = "WRK-92"
name_nl = "Onleesbaar: polariteit is geen teken"
status = "misschien"

[[rule]]
id = "WRK-93"
name_nl = "Geldige regel in een kapot bestand"
name_en = "Valid rule in a broken file"
sector = "werk"
status = "in_werking"
last_checked = "2026-11-24"
valid_from = "2024-01-01"
confidence = "medium"
mechanism_nl = "Test."
mechanism_en = "Test."
decision_holder = { level = "M4", role_nl = "College", role_en = "Municipal executive" }
legal_sources = [{ law = "Testwet", law_en = "Test Act" }]
factors = [{ id = "f", label_nl = "F", label_en = "F", kind = "situatie" }, { id = "g", label_nl = "G", label_en = "G", kind = "situatie" }]
links = [{ from = "f", to = "g", polarity = "+" }]
sources = ["https://example.org/bron"]
"#;

#[test]
fn the_loader_reports_every_problem_with_file_and_id_and_keeps_the_rest() {
    let builtin = library();
    let files: Vec<(&str, FileContent)> = embedded_files()
        .iter()
        .map(|(path, content)| match *path {
            "rules/sectoren/werk.toml" => (*path, FileContent::from_toml(BROKEN_RULES)),
            "rules/sectoren/onderwijs.toml" => (*path, FileContent::from_toml("# kapot\n[[rule]\nid = \"kapot")),
            _ => (*path, content.clone()),
        })
        .collect();
    let (library, problems) = load_files(&files);
    let about = |id: &str| problems.iter().filter(|p| p.id.as_deref() == Some(id)).collect::<Vec<_>>();
    let werk = "rules/sectoren/werk.toml";
    assert!(
        about("WRK-90").iter().any(|p| p.file == werk && p.issue.message(Lang::Nl).contains("bron")),
        "{}",
        list(&problems)
    );
    let wrk91 = about("WRK-91");
    assert!(wrk91.iter().any(|p| p.issue.message(Lang::Nl).contains("B99")), "{}", list(&problems));
    assert!(wrk91.iter().any(|p| p.issue.message(Lang::Nl).contains("nergens")), "{}", list(&problems));
    assert!(wrk91.iter().any(|p| p.issue.message(Lang::Nl).contains("last_checked")), "{}", list(&problems));
    assert!(
        about("WON-01").iter().any(|p| p.file == werk && p.issue.message(Lang::Nl).contains("bestaat al")),
        "{}",
        list(&problems)
    );
    assert!(about("WRK-92").iter().any(|p| p.issue.message(Lang::Nl).contains("onleesbaar")), "{}", list(&problems));
    let syntax: Vec<_> = problems.iter().filter(|p| p.file == "rules/sectoren/onderwijs.toml").collect();
    assert_eq!(syntax.len(), 1, "a syntax error is reported once: {}", list(&problems));
    assert_eq!((syntax[0].id.as_deref(), syntax[0].line), (None, Some(2)), "{}", syntax[0]);
    assert!(syntax[0].issue.message(Lang::Nl).contains("geen geldige TOML"), "{}", syntax[0]);
    assert!(syntax[0].to_string().starts_with("rules/sectoren/onderwijs.toml:2: "), "{}", syntax[0]);
    assert!(about("WRK-93").is_empty());

    // Everything else still loads: only the broken items and the two replaced files are gone.
    assert!(library.rule("WRK-93").is_some());
    assert!(library.rule("WRK-90").is_none() && library.rule("WRK-91").is_none());
    assert_eq!(library.rule("WON-01"), builtin.rule("WON-01"));
    let lost = builtin.rules().iter().filter(|r| r.sector == "werk" || r.sector == "onderwijs").count();
    assert_eq!(library.rules().len(), builtin.rules().len() - lost + 1);
    assert_eq!(library.templates().len(), 7);
    assert_eq!(library.instruments().len(), builtin.instruments().len());
    for problem in &problems {
        assert!(!problem.to_string().is_empty() && problem.to_string().contains(&problem.file));
    }
}

#[test]
fn a_missing_instruments_file_does_not_flood_or_empty_the_rules() {
    let files: Vec<(&str, FileContent)> =
        embedded_files().iter().filter(|(path, _)| *path != "rules/instruments.toml").cloned().collect();
    let (library, problems) = load_files(&files);
    assert_eq!(problems.len(), 1, "{}", list(&problems));
    assert_eq!(problems[0].file, "rules/instruments.toml");
    assert_eq!(library.rules().len(), self::library().rules().len());
}

fn user_rule() -> Rule {
    let mut rule = library().rule("WON-08").cloned().expect("WON-08");
    rule.id = "GEM-01".into();
    rule.name_nl = "Eigen beleidsregel: kostendelersnorm niet bij opvang van dakloze familie".into();
    rule.keywords = vec!["eigen beleid".into(), "Zeewolde".into()];
    rule
}

#[test]
fn user_rules_round_trip_through_write_and_parse() {
    let rules = vec![user_rule()];
    let text = write_user_rules(&rules).expect("writes TOML");
    let (parsed, problems) = parse_user_rules("eigen-regels.toml", &text);
    assert!(problems.is_empty(), "{}\n{text}", list(&problems));
    let expected: Vec<Rule> =
        rules.into_iter().map(|rule| Rule { origin: "eigen-regels.toml".into(), ..rule }).collect();
    assert_eq!(parsed, expected);
    assert_eq!(write_user_rules(&parsed).expect("writes TOML"), text);

    let json = write_user_rules_json(&expected).expect("writes JSON");
    let (from_json, problems) = parse_user_rules("eigen-regels.json", &json);
    assert!(problems.is_empty(), "{}\n{json}", list(&problems));
    assert_eq!(from_json[0], Rule { origin: "eigen-regels.json".into(), ..expected[0].clone() });
    assert_eq!(write_user_rules_json(&from_json).expect("writes JSON"), json);
    let by_hand = serde_json::json!({ "rule": &expected }).to_string();
    assert_eq!(parse_user_rules("eigen-regels.json", &by_hand).0, from_json, "compact JSON reads the same");
}

#[test]
fn broken_user_files_are_reported_with_file_and_place() {
    let (rules, problems) = parse_user_rules("eigen.json", "{\"rule\": [ {\"id\": \"GEM-01\",, } ]}");
    assert!(rules.is_empty());
    assert_eq!(problems.len(), 1, "{}", list(&problems));
    assert!(
        problems[0].issue.message(Lang::Nl).contains("geen geldige JSON")
            && problems[0].issue.message(Lang::Nl).contains("(regel 1, kolom 28)"),
        "{}",
        list(&problems)
    );
    let (_, problems) = parse_user_rules("eigen.json", "[1, 2]");
    assert!(
        problems.iter().any(|p| p.file == "eigen.json" && p.issue.message(Lang::Nl).contains("geen object")),
        "{}",
        list(&problems)
    );
    let (_, problems) = parse_user_rules("eigen.json", r#"{"regels": []}"#);
    assert!(problems.iter().any(|p| p.issue.message(Lang::Nl).contains("'regels'")), "{}", list(&problems));
    assert!(problems.iter().any(|p| p.issue.message(Lang::Nl).contains("rule")), "{}", list(&problems));
    let (_, problems) = parse_user_rules("eigen.toml", "\n\n[[rule]]\nid = ");
    assert_eq!((problems[0].file.as_str(), problems[0].line), ("eigen.toml", Some(4)), "{}", list(&problems));
}

#[test]
fn user_rules_pass_the_same_checks() {
    let mut duplicate = user_rule();
    duplicate.id = "WON-03".into();
    let mut unsourced = user_rule();
    unsourced.id = "GEM-02".into();
    unsourced.sources.clear();
    let mut unknown = user_rule();
    unknown.id = "GEM-03".into();
    unknown.sector = "sport".into();
    let text = write_user_rules(&[duplicate, unsourced, unknown, user_rule()]).expect("writes TOML");
    let (valid, problems) = parse_user_rules("gemeente.toml", &text);
    let ids: Vec<&str> = valid.iter().map(|rule| rule.id.as_str()).collect();
    assert_eq!(ids, ["GEM-01"]);
    assert!(problems
        .iter()
        .any(|p| p.id.as_deref() == Some("WON-03") && p.issue.message(Lang::Nl).contains("bestaat al")));
    assert!(problems.iter().any(|p| p.id.as_deref() == Some("GEM-02") && p.issue.message(Lang::Nl).contains("bron")));
    assert!(problems.iter().any(|p| p.id.as_deref() == Some("GEM-03") && p.issue.message(Lang::Nl).contains("sport")));
    assert!(problems.iter().all(|p| p.file == "gemeente.toml"));

    let (library, more) = library().with_user_rules(valid);
    assert!(more.is_empty(), "{}", list(&more));
    assert_eq!(library.search("zeewolde", None).first().map(|rule| rule.id.as_str()), Some("GEM-01"));
    let (_, again) = library.with_user_rules(vec![user_rule()]);
    assert!(again.iter().any(|p| p.issue.message(Lang::Nl).contains("bestaat al")));
}

#[test]
fn search_is_ranked_and_ignores_case_and_accents() {
    let library = library();
    let first = |query: &str, sector: Option<&str>| library.search(query, sector).first().map(|rule| rule.id.clone());
    assert_eq!(first("kostendelersnorm", None).as_deref(), Some("WON-08"));
    assert_eq!(first("BRIEFADRES", None).as_deref(), Some("WON-03"));
    assert_eq!(first("won-03", None).as_deref(), Some("WON-03"));
    assert_eq!(first("participatiewet 22a", None).as_deref(), Some("WON-08"));
    assert_eq!(first("eviction", None).as_deref(), Some("WON-06"));
    assert!(library.search("een registratiegat", None).iter().any(|rule| rule.id == "WON-04"), "é folds to e");
    assert!(library.search("Opiumwet", None).iter().any(|rule| rule.id == "HHV-03"));
    let debts = library.search("", Some("schulden"));
    assert!(debts.len() >= 8 && debts.iter().all(|rule| rule.sector == "schulden"));
    assert!(library.search("briefadres", Some("zorg")).iter().all(|rule| rule.sector == "zorg"));
    assert!(library.search("xyzzy-geen-regel", None).is_empty());
}

#[test]
fn the_library_answers_mandate_questions() {
    let library = library();
    let cheapest = library.cheapest_breakthrough("WON-08").expect("an instrument");
    assert_eq!((cheapest.instrument.as_str(), cheapest.level), ("B15", MandateLevel::new(2).expect("M2")));
    assert_eq!(library.decision_holder("SCH-08"), MandateLevel::new(8));
    assert_eq!(library.cheapest_breakthrough("GEEN-REGEL"), None);
    for rule in library.rules() {
        if let Some(breakthrough) = library.cheapest_breakthrough(&rule.id) {
            assert!(rule.instruments.iter().all(|reference| reference.level >= breakthrough.level));
        }
    }
}

#[test]
fn verify_flags_and_lowered_confidence_are_visible() {
    let library = library();
    let flagged: Vec<&str> =
        library.rules().iter().filter(|rule| rule.needs_verification()).map(|rule| rule.id.as_str()).collect();
    assert!(flagged.contains(&"REG-03"), "art. 29-30 Besluit BRP is unverified");
    assert!(flagged.contains(&"SCH-04"), "art. 54(3) of the Participatiewet is unverified");
    for checked in [
        "WON-07", "SCH-05", "SCH-06", "SCH-08", "SCH-09", "JEU-01", "HHV-01", "ZRG-04", "INK-01", "INK-06", "WON-01",
        "SCH-12", "SCH-13", "WON-09",
    ] {
        let rule = library.rule(checked).expect(checked);
        assert_eq!(rule.verification_status(), VerificationStatus::Checked, "{checked} was confirmed in December 2026");
        assert!(!rule.verification.is_empty() && !rule.verification_en.is_empty(), "{checked} records its source");
    }
    assert!(library.rule("WON-02").is_some_and(|rule| !rule.needs_verification()));
    assert!(library.rules().iter().any(|rule| rule.has_inferred_links()));
}

#[test]
fn merging_a_rule_reuses_factors_and_never_duplicates_links() {
    let library = library();
    let template = library.template("CY-01").expect("CY-01");
    let case = template_case(template, Lang::Nl);
    let rule = library.rule("WON-02").expect("WON-02");
    let result = merge_rule(&case, rule, Lang::Nl);
    assert_eq!((result.added_factors, result.added_links), (1, 1));
    assert_eq!(result.reused.len(), 4, "WON-02 shares four factors with CY-01: {:?}", result.reused);
    let merged = result.case;
    assert!(merged.problems().is_empty(), "{:?}", merged.problems());
    assert_eq!(merged.factors.len(), case.factors.len() + 1, "only the park-contract ban is new");
    let added = merged.factor("parkverbod_inschrijving").expect("new factor");
    let anchor = merged.factor("brp_inschrijving").expect("anchor");
    assert!((added.x - anchor.x).hypot(added.y - anchor.y) < 600.0, "placed near what it is linked to");
    assert!(case.factors.iter().all(|f| (f.x - added.x).hypot(f.y - added.y) > 1.0));
    let pairs: HashSet<(&str, &str, Polarity)> =
        merged.links.iter().map(|l| (l.from.as_str(), l.to.as_str(), l.polarity)).collect();
    assert_eq!(pairs.len(), merged.links.len(), "no duplicate links");
    assert_eq!(merged.links.len(), case.links.len() + 1);
    let new_link = merged.links.last().expect("a link");
    assert_eq!((new_link.sector.as_deref(), new_link.rule.as_deref()), (Some("registratie"), Some("WON-02")));
    let again = merge_rule(&merged, rule, Lang::Nl);
    assert_eq!(again.case, merged, "merging twice changes nothing");
    assert_eq!((again.added_factors, again.added_links, again.completed_links), (0, 0, 0));
}

#[test]
fn a_rule_put_on_a_link_brings_its_id_sector_and_sign() {
    let library = library();
    let rule = library.rule("SCH-02").expect("SCH-02");
    let factor = |id: &str, label: &str| Factor { x: 0.0, ..Factor::new(id, label, FactorKind::Situatie) };
    let case = Case {
        factors: vec![factor("a", "schulden"), factor("b", "Chronische stress"), factor("c", "Werk")],
        links: vec![Link::new("l1", "a", "b", Polarity::Negative), Link::new("l2", "c", "a", Polarity::Negative)],
        ..Case::default()
    };
    let on = rule_on_link(&case, &case.links[0], rule);
    assert!(on.sign_from_rule, "the rule links Schulden → Chronische stress");
    assert_eq!(on.link.polarity, Polarity::Positive);
    assert_eq!((on.link.rule.as_deref(), on.link.sector.as_deref()), (Some("SCH-02"), Some("schulden")));
    assert_eq!((on.link.from.as_str(), on.link.to.as_str(), on.link.id.as_str()), ("a", "b", "l1"));
    // No link of the rule between these labels, and the rule has links of both signs.
    assert!(rule.links.iter().any(|l| l.polarity == Polarity::Negative));
    assert!(rule.links.iter().any(|l| l.polarity == Polarity::Positive));
    let other = rule_on_link(&case, &case.links[1], rule);
    assert!(!other.sign_from_rule);
    assert_eq!(other.link.polarity, Polarity::Negative, "the link keeps its sign");
    assert_eq!(other.link.rule.as_deref(), Some("SCH-02"));
}

#[test]
fn merging_matches_labels_and_fills_an_empty_map() {
    let library = library();
    let rule = library.rule("SCH-04").expect("SCH-04");
    let mine = Factor {
        id: "f1".into(),
        label: "  SCHULDEN ".into(),
        kind: FactorKind::Schuld,
        x: 100.0,
        y: 100.0,
        note: String::new(),
        fixed: false,
    };
    let result = merge_rule(&Case { factors: vec![mine], ..Case::default() }, rule, Lang::Nl);
    assert_eq!(result.reused, ["  SCHULDEN "]);
    let merged = result.case;
    assert!(merged.factor("schulden").is_none(), "matched by label instead");
    assert!(merged.links.iter().any(|link| link.to == "f1"));
    assert!(merged.problems().is_empty());

    let fresh = merge_rule(&Case::default(), rule, Lang::Nl).case;
    assert_eq!(fresh.factors.len(), rule.factors.len());
    assert_eq!(fresh.links.len(), rule.links.len());
    assert!(fresh.links.iter().all(|link| link.rule.as_deref() == Some("SCH-04") && link.sector.is_some()));
    let spots: HashSet<(i64, i64)> = fresh.factors.iter().map(|f| (f.x as i64, f.y as i64)).collect();
    assert_eq!(spots.len(), fresh.factors.len());
}

/// Issue 13: the corrections of the review of December 2026 are in the data.
#[test]
fn issue_13_corrections_of_december_2026_are_applied() {
    let library = library();
    let rule = |id: &str| library.rule(id).unwrap_or_else(|| panic!("{id}"));
    // Recreation homes are excluded from huurtoeslag by law since 2016: no rule or
    // template may say that legalising opens it.
    for rule in library.rules() {
        assert!(
            !rule.links.iter().any(|link| link.from == "legalisering_bewoning" && link.to == "huurtoeslag"),
            "{}",
            rule.id
        );
    }
    for template in library.templates() {
        assert!(!template.links.iter().any(|link| link.from == "legalisering_bewoning" && link.to == "huurtoeslag"));
    }
    assert_eq!(rule("WON-07").valid_from.as_deref(), Some("2016-07-01"));
    assert!(rule("WON-07").legal_sources.iter().any(|source| source.article.contains("art. 8")));
    // SOV ends (March 2027), it is not limited.
    assert!(rule("ZRG-06").name_nl.contains("Einde") && rule("ZRG-06").valid_from.as_deref() == Some("2027-03-01"));
    // The punitive Zvw premium is 110 %.
    assert!(rule("SCH-01").mechanism_nl.contains("110%") && !rule("SCH-01").mechanism_nl.contains("125"));
    assert!(rule("SCH-01").factors.iter().all(|factor| !factor.label_nl.contains("125")));
    // Participatiewet in balans phase 1 is in force since 1 January 2026.
    assert_eq!(rule("INK-01").valid_from.as_deref(), Some("2026-01-01"));
    assert!(!rule("INK-01").name_nl.starts_with("Geen bijstand"));
    assert!(rule("WRK-01").legal_sources.iter().any(|source| source.article == "art. 18 lid 4 en 5"));
    assert!(rule("ARB-01").mechanism_nl.contains("25%"));
    assert_eq!(library.header().edition_date(), "2026-12-01");
    // The rules the review named as missing, each with a source.
    assert!(library.rules().len() >= 60, "{} rules", library.rules().len());
    for id in ["SCH-13", "SCH-14", "SCH-15", "INK-07", "INK-08", "REG-04", "REG-05", "ARB-04"] {
        assert!(!rule(id).sources.is_empty() && !rule(id).verification_en.is_empty(), "{id}");
    }
}

/// Issue 13: every rule says from when its text holds (`valid_from`), and a library rule
/// without that date fails the check (said in Dutch and English) but is kept.
#[test]
fn every_rule_has_a_start_date_and_one_without_fails_the_check() {
    for rule in library().rules() {
        let date = rule.valid_from.as_deref().unwrap_or_else(|| panic!("{} has no valid_from", rule.id));
        assert!(date.len() == 10 && date <= "2027-12-31", "{}: {date}", rule.id);
    }
    let (_, shipped_problems) = rules::builtin();
    assert!(shipped_problems.is_empty(), "{shipped_problems:?}");

    let undated: Vec<(&str, FileContent)> = embedded_files()
        .iter()
        .map(|(path, content)| match content {
            FileContent::Json(json) if *path == "rules/sectoren/registratie.toml" => {
                let mut file: serde_json::Value = serde_json::from_str(json).expect("the embedded JSON");
                let rules = file["rule"].as_array_mut().expect("the file's rules");
                let rule = rules.iter_mut().find(|rule| rule["id"] == "REG-05").expect("REG-05");
                rule.as_object_mut().and_then(|rule| rule.remove("valid_from")).expect("REG-05 is dated");
                (*path, FileContent::Json(file.to_string().into()))
            }
            other => (*path, other.clone()),
        })
        .collect();
    let (library, problems) = load_files(&undated);
    let said: Vec<(String, String)> = problems.iter().map(|p| (p.message(Lang::Nl), p.message(Lang::En))).collect();
    assert_eq!(
        said,
        [(
            "rules/sectoren/registratie.toml [REG-05]: heeft geen ingangsdatum (valid_from): zoek een gedateerde bron voor de datum waarop de tekst ingaat".to_string(),
            "rules/sectoren/registratie.toml [REG-05]: has no start date (valid_from): find a dated source for the day its text takes effect".to_string()
        )]
    );
    assert!(library.rule("REG-05").is_some(), "the rule is kept, and the check fails");
}

/// Issue 13: the rules dated in December 2026 take the date of the dated document that
/// gives it (for a practice, the document describing it), and that document is among their
/// sources.
#[test]
fn rules_dated_in_december_cite_the_dated_document() {
    let library = library();
    for (id, date, source) in [
        ("WON-06", "2021-03-25", "woningmarktbeleid.nl/documenten/publicaties/2021/03/25/"),
        ("INK-04", "2020-09-10", "midden-groningen.sp.nl/nieuws/2020/09/armoedeval-en-armoedpact"),
        ("HHV-02", "2021-01-27", "actieagendavakantieparken.nl/actueel/actie-agenda-2021-2022-ondertekend/"),
        (
            "SCH-03",
            "2021-01-01",
            "wetten.overheid.nl/BWBR0018472/2022-01-01/0/Hoofdstuk1/Paragraaf2/Artikel3/informatie",
        ),
        ("REG-01", "2014-01-06", "zoek.officielebekendmakingen.nl/gmb-2015-58363.html"),
        ("REG-02", "2014-01-06", "zoek.officielebekendmakingen.nl/gmb-2015-58363.html"),
        ("SCH-09", "2022-09-17", "internetconsultatie.nl/kwijtscheldingbelastingmedeoverheden/berichten"),
        ("WON-05", "2016-06-15", "uitspraken.rechtspraak.nl/inziendocument?id=ECLI:NL:RBNHO:2016:4959"),
    ] {
        let rule = library.rule(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(rule.valid_from.as_deref(), Some(date), "{id}");
        assert!(rule.sources.iter().any(|url| url.contains(source)), "{id} does not cite {source}");
        let day = {
            let (y, rest) = date.split_at(4);
            let (m, d) = (&rest[1..3], &rest[4..6]);
            format!("{}-{}-{y}", d.trim_start_matches('0'), m.trim_start_matches('0'))
        };
        assert!(rule.verification.contains(&format!("Geldig vanaf {day}: ")), "{id}: {}", rule.verification);
        assert!(rule.verification_en.contains(&format!("Valid from {day}: ")), "{id}: {}", rule.verification_en);
    }
}

/// Issue 13: the Wet vaste huurcontracten for people leaving a homeless shelter.
#[test]
fn the_temporary_tenancy_after_a_shelter_is_a_sourced_rule() {
    let library = library();
    let rule = library.rule("WON-12").expect("WON-12");
    assert_eq!((rule.sector.as_str(), rule.valid_from.as_deref()), ("wonen", Some("2024-07-01")));
    assert_eq!(rule.verification_status(), VerificationStatus::Checked);
    assert!(rule.legal_sources.iter().any(|source| source.article == "art. 7:271 lid 2"));
    assert!(rule.legal_sources.iter().any(|source| source.law.contains("Besluit specifieke groepen")));
    assert!(rule.sources.iter().any(|url| url.ends_with("stb-2024-152.html")));
    assert!(rule.has_inferred_links(), "the links into and out of homelessness are inferred");
    let levels: Vec<String> = rule.mandate_levels().iter().map(ToString::to_string).collect();
    assert_eq!(levels, ["M4", "M7", "M8"]);
    assert!(rule.verification.contains("beschermd wonen") && rule.verification_en.contains("supported housing"));
    let template = library.template("CY-05").expect("CY-05");
    for shared in ["gebruik_opvang", "dakloosheid"] {
        assert!(template.factors.iter().any(|factor| factor.id == shared), "WON-12 joins CY-05 at {shared}");
    }
}

/// Issue 13: every Dutch text of the library has an English one.
#[test]
fn every_library_text_has_english() {
    let library = library();
    for rule in library.rules() {
        assert!(!rule.mechanism_en.is_empty() && !rule.decision_holder.role_en.is_empty(), "{}", rule.id);
        assert_eq!(rule.verification.is_empty(), rule.verification_en.is_empty(), "{}", rule.id);
        assert!(rule.factors.iter().all(|factor| !factor.label_en.is_empty()), "{}", rule.id);
        for instrument in &rule.instruments {
            assert!(!instrument.role_en.is_empty(), "{} {}", rule.id, instrument.id);
            assert_eq!(instrument.how_nl.is_empty(), instrument.how_en.is_empty(), "{} {}", rule.id, instrument.id);
        }
        assert_ne!(rule.mechanism(Lang::En), rule.mechanism(Lang::Nl), "{}", rule.id);
    }
    for instrument in library.instruments() {
        assert!(!instrument.role_en.is_empty() && !instrument.document_en.is_empty(), "{}", instrument.id);
    }
    for level in library.mandate_levels() {
        assert!(!level.description_en.is_empty(), "{}", level.id);
    }
    for template in library.templates() {
        assert!(!template.description_en.is_empty(), "{}", template.id);
    }
    assert!(!library.header().note_en.is_empty());
}

/// A missing English text is a problem `rules check` reports; the rule is kept.
#[test]
fn a_missing_english_text_is_reported_and_the_rule_kept() {
    let text = BROKEN_RULES.replace("mechanism_en = \"Test.\"\n", "");
    let files: Vec<(&str, FileContent)> = embedded_files()
        .iter()
        .map(|(path, content)| match *path {
            "rules/sectoren/werk.toml" => (*path, FileContent::from_toml(&text)),
            _ => (*path, content.clone()),
        })
        .collect();
    let (library, problems) = load_files(&files);
    assert!(
        problems
            .iter()
            .any(|p| p.id.as_deref() == Some("WRK-93") && p.issue.message(Lang::Nl).contains("mechanism_en")),
        "{}",
        list(&problems)
    );
    assert!(library.rule("WRK-93").is_some());
}

/// `valid_until` replaces `valid_to`; files that still say `valid_to` stay readable, and
/// a rule whose `valid_until` has passed is expired.
#[test]
fn valid_to_is_still_read_as_valid_until() {
    let json = r#"{"rule":[{"id":"ZWD-01","name_nl":"Oud","name_en":"Old","sector":"inkomen","status":"in_werking",
        "valid_from":"2020-01-01","valid_to":"2025-12-31","last_checked":"2026-01-01","confidence":"high",
        "mechanism_nl":"Test.","decision_holder":{"level":"M4","role_nl":"College"},
        "legal_sources":[{"law":"Testwet"}],"factors":[{"id":"zwd_a","label_nl":"A","kind":"situatie"},
        {"id":"zwd_b","label_nl":"B","kind":"situatie"}],"links":[{"from":"zwd_a","to":"zwd_b","polarity":"+"}],
        "sources":["https://example.org/bron"]}]}"#;
    let (rules, problems) = parse_user_rules("eigen.json", json);
    assert!(problems.is_empty(), "{}", list(&problems));
    assert_eq!(rules[0].valid_until.as_deref(), Some("2025-12-31"));
    assert!(rules[0].expired_on("2026-12-01") && !rules[0].expired_on("2025-12-31"));
    let written = write_user_rules_json(&rules).expect("json");
    assert!(written.contains("valid_until") && !written.contains("valid_to"));
}
