//! A municipality's own rules as the app makes them: from the form's fields to a rule that
//! joins the library's factors, added or imported only when the whole set passes the
//! library's checks, and exported and imported as JSON.

use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::model::{Case, Confidence, FactorKind, MandateLevel, Polarity};
use cirkelbreker::core::rules::{
    self, add_own_rule, id_prefix, import_own_rules, merge_rule, replace_own_rule, write_user_rules_json, FormLink,
    Library, OwnRuleForm, Status, OWN_RULES_ORIGIN,
};

fn library() -> Library {
    rules::builtin().0
}

/// A filled-in form: a cost-sharing policy rule of Zeewolde linking shelter with family to
/// a lower benefit, which lowers income.
fn form() -> OwnRuleForm {
    OwnRuleForm {
        id: "ZWD-01".into(),
        name_nl: "Beleidsregel kostendelersnorm bij opvang door familie".into(),
        name_en: "Policy rule on the cost-sharing norm for shelter with family".into(),
        sector: "inkomen".into(),
        law: "Beleidsregels Participatiewet Zeewolde".into(),
        article: "art. 3".into(),
        level: MandateLevel::new(4).expect("M4"),
        role_nl: "College van B&W; consulent in mandaat".into(),
        mechanism_nl: "Wie tijdelijk bij familie woont, telt als kostendeler; de bijstand gaat omlaag.".into(),
        links: vec![
            FormLink {
                from: " opvang bij familie ".into(),
                from_kind: FactorKind::Situatie,
                polarity: Polarity::Positive,
                to: "Bijstand verlaagd (kostendeler)".into(),
                to_kind: FactorKind::Besluit,
            },
            FormLink {
                from: "Bijstand verlaagd (kostendeler)".into(),
                from_kind: FactorKind::Besluit,
                polarity: Polarity::Positive,
                to: "SCHULDEN".into(),
                to_kind: FactorKind::Schuld,
            },
        ],
        sources: "https://lokaleregelgeving.overheid.nl/CVDR000001\n  https://example.org/raadsbesluit ".into(),
        keywords: "kostendeler, opvang ,, zeewolde".into(),
        confidence: Confidence::High,
        status: Status::InWerking,
        valid_from: "2026-01-01".into(),
        valid_to: String::new(),
        last_checked: "2026-11-24".into(),
    }
}

#[test]
fn a_form_becomes_a_rule_that_joins_the_library_factors() {
    let library = library();
    let rule = form().to_rule(&library, None);
    assert_eq!(rule.id, "ZWD-01");
    assert_eq!(rule.sources.len(), 2);
    assert_eq!(rule.keywords, ["kostendeler", "opvang", "zeewolde"]);
    assert_eq!((rule.valid_from.as_deref(), rule.valid_until.as_deref()), (Some("2026-01-01"), None));
    assert_eq!(rule.legal_citation(Lang::Nl), "Beleidsregels Participatiewet Zeewolde art. 3");
    // An own rule may be Dutch only: the English interface shows its Dutch citation, marked Dutch.
    assert_eq!(rule.legal_citation(Lang::En), "Beleidsregels Participatiewet Zeewolde art. 3");
    assert_eq!(rule.legal_citation_lang(Lang::En), Lang::Nl);
    assert_eq!(rule.origin, OWN_RULES_ORIGIN);
    // "SCHULDEN" is the library's factor `schulden`; the repeated label is one factor.
    let (debts, kind) = library.factor_with_label("schulden").expect("the library knows debts");
    assert_eq!(kind, FactorKind::Schuld);
    assert_eq!(rule.factors.len(), 3, "{:?}", rule.factors);
    assert!(rule.factors.iter().any(|factor| factor.id == debts));
    assert_eq!(rule.links[0].to, rule.links[1].from);
    assert!(rule.factors.iter().all(|factor| !factor.id.is_empty() && factor.label_nl.trim() == factor.label_nl));
    let new_ids: Vec<&str> = rule
        .factors
        .iter()
        .filter(|f| library.factor_with_label(&f.label_nl).is_none())
        .map(|f| f.id.as_str())
        .collect();
    assert!(new_ids.contains(&"bijstand_verlaagd_kostendeler"), "{new_ids:?}");

    let own = add_own_rule(&[], rule.clone()).expect("a valid own rule");
    assert_eq!(own, std::slice::from_ref(&rule));
    let (with_own, problems) = library.with_user_rules(own);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(with_own.search("kostendeler zeewolde", None).first().map(|r| r.id.as_str()), Some("ZWD-01"));
    let on_map = merge_rule(&Case::default(), with_own.rule("ZWD-01").expect("in the library"), Lang::Nl).case;
    assert!(on_map.links.iter().all(|link| link.rule.as_deref() == Some("ZWD-01")));
}

#[test]
fn a_new_label_gets_an_id_no_library_factor_uses() {
    let library = library();
    // A label that spells a library factor's id, while that factor has another label: the
    // new factor must not take that id.
    let taken = library
        .rules()
        .iter()
        .flat_map(|rule| &rule.factors)
        .find(|factor| library.factor_with_label(&factor.id.replace('_', " ")).is_none())
        .expect("a factor whose label differs from its id");
    let mut form = form();
    form.links[0].from = taken.id.replace('_', " ");
    form.links[0].to = "???".into();
    let rule = form.to_rule(&library, None);
    let ids: Vec<&str> = rule.factors.iter().map(|factor| factor.id.as_str()).collect();
    assert!(!ids.contains(&taken.id.as_str()), "{ids:?}");
    assert!(ids.contains(&format!("{}_2", taken.id).as_str()), "{ids:?}");
    assert!(ids.contains(&"factor"), "{ids:?}");
    assert!(add_own_rule(&[], rule).is_ok());
}

#[test]
fn an_invalid_form_is_refused_with_every_problem_and_the_set_stays() {
    let library = library();
    let first = add_own_rule(&[], form().to_rule(&library, None)).expect("valid");
    let mut broken = form();
    broken.id = "ZWD-01".into();
    broken.name_nl = " ".into();
    broken.sources = "geen-url".into();
    broken.last_checked = "24-11-2026".into();
    broken.links[0].to = String::new();
    let problems = add_own_rule(&first, broken.to_rule(&library, None)).expect_err("refused");
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for expected in ["bestaat al", "'name_nl' is leeg", "geen-url", "last_checked", "'factors.label_nl' is leeg"] {
        assert!(text.iter().any(|line| line.contains(expected)), "missing {expected}: {text:#?}");
    }
    assert!(problems.iter().all(|problem| problem.file == OWN_RULES_ORIGIN));
}

#[test]
fn own_rules_need_a_prefix_of_their_own() {
    let library = library();
    assert_eq!(id_prefix("ZWD-01"), Some("ZWD"));
    assert_eq!(id_prefix("ZWD01"), None);
    assert_eq!(id_prefix("ZWD-"), None);
    for id in ["WON-99", "won-99", "ZWD01"] {
        let mut form = form();
        form.id = id.into();
        let problems = add_own_rule(&[], form.to_rule(&library, None)).expect_err(id);
        assert!(problems.iter().any(|p| p.issue.message(Lang::Nl).contains("voorvoegsel")), "{id}: {problems:?}");
    }
    // The same check holds for files read on the command line.
    let mut rule = form().to_rule(&library, None);
    rule.id = "SCH-77".into();
    let json = write_user_rules_json(&[rule]).expect("writes");
    let (valid, problems) = rules::parse_user_rules("eigen.json", &json);
    assert!(valid.is_empty() && problems.iter().any(|p| p.issue.message(Lang::Nl).contains("'SCH'")), "{problems:?}");
}

#[test]
fn an_exported_file_imports_back_and_replaces_rules_with_the_same_id() {
    let library = library();
    let mut second = form();
    second.id = "ZWD-02".into();
    second.name_nl = "Tweede eigen regel".into();
    let own = add_own_rule(&[], form().to_rule(&library, None)).expect("valid");
    let own = add_own_rule(&own, second.to_rule(&library, None)).expect("valid");
    let file = write_user_rules_json(&own).expect("writes");
    assert!(file.starts_with("{\n  \"rule\": ["), "{file}");

    assert_eq!(import_own_rules(&[], "eigen-regels.json", &file).expect("imports"), own);
    let mut changed = own[0].clone();
    changed.name_nl = "Gewijzigde naam".into();
    let update = write_user_rules_json(&[changed.clone()]).expect("writes");
    let merged = import_own_rules(&own, "update.json", &update).expect("imports");
    assert_eq!(merged.len(), 2);
    assert_eq!(merged.iter().find(|rule| rule.id == "ZWD-01"), Some(&changed));
    assert!(merged.iter().all(|rule| rule.origin == OWN_RULES_ORIGIN));
}

#[test]
fn a_broken_import_reports_every_problem_and_changes_nothing() {
    let library = library();
    let own = add_own_rule(&[], form().to_rule(&library, None)).expect("valid");
    let mut unsourced = form().to_rule(&library, None);
    unsourced.id = "ZWD-03".into();
    unsourced.sources.clear();
    let mut library_id = form().to_rule(&library, None);
    library_id.id = "WON-03".into();
    let file = write_user_rules_json(&[unsourced, library_id]).expect("writes");
    let problems = import_own_rules(&own, "kapot.json", &file).expect_err("refused");
    assert!(
        problems.iter().any(|p| p.id.as_deref() == Some("ZWD-03") && p.issue.message(Lang::Nl).contains("bron")),
        "{problems:?}"
    );
    assert!(problems
        .iter()
        .any(|p| p.id.as_deref() == Some("WON-03") && p.issue.message(Lang::Nl).contains("bestaat al")));
    assert!(problems.iter().all(|p| p.file == "kapot.json"), "{problems:?}");

    for (name, text, expected) in [
        ("kapot.json", "{\"rule\": [", "geen geldige JSON"),
        ("leeg.json", "{\"rule\": []}", "geen regels"),
        ("ander.json", "{\"regels\": []}", "'regels'"),
    ] {
        let problems = import_own_rules(&own, name, text).expect_err(name);
        assert!(
            problems.iter().any(|p| p.file == name && p.issue.message(Lang::Nl).contains(expected)),
            "{name}: {problems:?}"
        );
    }
    let twice = write_user_rules_json(&[own[0].clone(), own[0].clone()]).expect("writes");
    let problems = import_own_rules(&[], "dubbel.json", &twice).expect_err("duplicate ids");
    assert!(problems.iter().any(|p| p.issue.message(Lang::Nl).contains("twee keer")), "{problems:?}");
}

#[test]
fn a_rule_changed_through_the_form_keeps_its_place_and_what_the_form_does_not_show() {
    let library = library();
    let second = OwnRuleForm { id: "ZWD-02".into(), name_nl: "Tweede eigen regel".into(), ..form() };
    let own = add_own_rule(&[], form().to_rule(&library, None)).expect("valid");
    let own = add_own_rule(&own, second.to_rule(&library, None)).expect("valid");

    // Made by the form, a rule reads back into the same form.
    let mut again = OwnRuleForm::from_rule(&own[0]);
    let mut expected = form();
    expected.links[0].from = "opvang bij familie".into();
    expected.links[1].to = own[0].factor(&own[0].links[1].to).expect("effect").label_nl.clone();
    expected.sources = own[0].sources.join("\n");
    expected.keywords = "kostendeler, opvang, zeewolde".into();
    assert_eq!(again, expected);

    // A rule with more than the form shows (as an imported file can have it).
    let mut rich = own[0].clone();
    rich.mechanism_en = "Who lives with family counts as a cost-sharer.".into();
    rich.verification = "Artikel gecontroleerd op 2026-11-24.".into();
    rich.legal_sources.push(rich.legal_sources[0].clone());
    rich.legal_sources[1].law = "Participatiewet".into();
    rich.factors[0].label_en = "Shelter with family".into();
    // Factor ids of its own, as a hand-written file may have them.
    let own_id = "opvang_familie_eigen".to_string();
    let generated = std::mem::replace(&mut rich.factors[0].id, own_id.clone());
    for link in &mut rich.links {
        for end in [&mut link.from, &mut link.to] {
            if *end == generated {
                end.clone_from(&own_id);
            }
        }
    }
    rich.links[0].delay = true;
    rich.links[0].note = "Binnen een maand".into();
    let own = replace_own_rule(&own, "ZWD-01", rich.clone()).expect("valid");

    // The app's library holds the own rules too: that is where a changed rule finds its
    // own factor ids again.
    let (with_own, problems) = library.with_user_rules(own.clone());
    assert!(problems.is_empty(), "{problems:?}");
    again = OwnRuleForm::from_rule(&own[0]);
    again.name_nl = "Kostendelersnorm bij opvang door familie (gewijzigd)".into();
    again.links[1].polarity = Polarity::Negative;
    let changed = replace_own_rule(&own, "ZWD-01", again.to_rule(&with_own, Some(&own[0]))).expect("valid");
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[0].name_nl, "Kostendelersnorm bij opvang door familie (gewijzigd)");
    assert_eq!(changed[1].id, "ZWD-02", "the other rule stays where it was");
    assert_eq!(changed[0].mechanism_en, rich.mechanism_en);
    assert_eq!(changed[0].verification, rich.verification);
    assert_eq!(changed[0].legal_sources, rich.legal_sources);
    assert_eq!(changed[0].factors[0].label_en, "Shelter with family");
    assert_eq!(changed[0].factors[0].id, own_id, "the factor keeps its id, so saved cases still meet it");
    assert_eq!(changed[0].links[0].from, own_id);
    assert!(changed[0].links[0].delay && changed[0].links[0].note == "Binnen een maand");
    assert_eq!(changed[0].links[1].polarity, Polarity::Negative);

    // A new id renames the rule; an id another own rule has is refused and nothing changes.
    let mut renamed = OwnRuleForm::from_rule(&changed[0]);
    renamed.id = "ZWD-09".into();
    let renamed_set =
        replace_own_rule(&changed, "ZWD-01", renamed.to_rule(&library, Some(&changed[0]))).expect("valid");
    assert_eq!(renamed_set.iter().map(|rule| rule.id.as_str()).collect::<Vec<_>>(), ["ZWD-09", "ZWD-02"]);
    let mut clash = OwnRuleForm::from_rule(&changed[0]);
    clash.id = "ZWD-02".into();
    let problems =
        replace_own_rule(&changed, "ZWD-01", clash.to_rule(&library, Some(&changed[0]))).expect_err("duplicate id");
    assert!(problems.iter().any(|p| p.id.as_deref() == Some("ZWD-02")), "{problems:?}");

    // A rule that is gone cannot be changed: refused, not added.
    let gone = replace_own_rule(&changed, "ZWD-07", form().to_rule(&library, None)).expect_err("no such rule");
    assert!(gone.iter().any(|p| p.issue.message(Lang::Nl).contains("bestaat niet meer")), "{gone:?}");
}
