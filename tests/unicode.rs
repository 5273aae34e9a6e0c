//! Text in the scripts users write — Arabic, Chinese, Tigrinya, Turkish, Vietnamese,
//! emoji — in titles, labels, search, export file names and the privacy check.

use cirkelbreker::core::edit::same_label;
use cirkelbreker::core::formats::edge_list::read_edge_list;
use cirkelbreker::core::formats::kumu_csv::{read_kumu_csv, write_kumu_csv};
use cirkelbreker::core::formats::Format;
use cirkelbreker::core::model::{Case, Confidence, Factor, FactorKind, Link, MandateLevel, Polarity};
use cirkelbreker::core::privacy::{check_case, PersonalData, Place};
use cirkelbreker::core::rules::{self, add_own_rule, FormLink, OwnRuleForm};
use cirkelbreker::core::text::{file_stem, fold};

const LABELS: [&str; 8] = [
    "عائلة أحمد",
    "王伟一家",
    "ስድራ ቤት ኣብርሃም",
    "Şahin ailesi",
    "Yılmaz, İsmail",
    "Nguyễn Văn An",
    "financiële zorgen 💸",
    "Huur 🏠 achterstand",
];

fn case() -> Case {
    let mut case = Case { title: "Casus 王伟一家 & عائلة أحمد 🏠".into(), ..Case::default() };
    for (index, label) in LABELS.iter().enumerate() {
        let mut factor = Factor::new(&format!("f{}", index + 1), label, FactorKind::Situatie);
        factor.note = format!("notitie bij {label}");
        case.factors.push(factor);
    }
    for index in 1..LABELS.len() {
        case.links.push(Link::new(
            &format!("l{index}"),
            &format!("f{index}"),
            &format!("f{}", index + 1),
            Polarity::Positive,
        ));
    }
    case
}

#[test]
fn titles_and_labels_survive_every_format_verbatim() {
    let case = case();
    let json = Format::CaseJson.write(&case);
    assert_eq!(Format::CaseJson.read(&json).expect("case JSON reads back"), case);
    let csv = read_kumu_csv(&write_kumu_csv(&case)).expect("Kumu CSV reads back");
    assert_eq!(csv.factors, case.factors);
    assert_eq!(csv.links, case.links);
    for format in [Format::GraphMl, Format::Dot] {
        let text = format.write(&case);
        assert!(LABELS.iter().all(|label| text.contains(label)), "{format:?} keeps every label");
    }
    let edges =
        read_edge_list("from;to;polarity\nعائلة أحمد;王伟一家;+\n王伟一家;ስድራ ቤት ኣብርሃም;-\n").expect("edge list");
    assert_eq!(edges.factors.iter().map(|f| f.label.as_str()).collect::<Vec<_>>(), &LABELS[..3]);
}

#[test]
fn export_file_names_keep_every_script() {
    let name = |title: &str| format!("{}.json", file_stem(title));
    assert_eq!(name("عائلة أحمد"), "عائلة-أحمد.json");
    assert_eq!(name("王伟一家"), "王伟一家.json");
    assert_eq!(name("ስድራ ቤት ኣብርሃም"), "ስድራ-ቤት-ኣብርሃም.json");
    assert_eq!(name("Şahin ailesi — YILMAZ"), "şahin-ailesi-yilmaz.json");
    assert_eq!(name("Nguyễn Văn An"), "nguyễn-văn-an.json");
    assert_eq!(name(&case().title), "casus-王伟一家-عائلة-أحمد.json");
    assert_eq!(name("🏠💸"), "casus.json");
    assert_eq!(name(""), "casus.json");
}

#[test]
fn labels_match_ignoring_case_and_diacritics() {
    let case = case();
    let found = |label: &str| same_label(&case, label, None).map(|factor| factor.id.as_str());
    assert_eq!(found("sahin AILESI"), Some("f4"));
    assert_eq!(found("yilmaz, ismail"), Some("f5"));
    assert_eq!(found("NGUYEN van an"), Some("f6"));
    assert_eq!(found("Financiele zorgen 💸"), Some("f7"));
    assert_eq!(found(" 王伟一家 "), Some("f2"));
    assert_eq!(found("ስድራ ቤት ኣብርሃም"), Some("f3"));
    assert_eq!(found("عايلة احمد"), Some("f1"), "hamza folds away");
    assert_eq!(found("Huur 🏠 Achterstand"), Some("f8"));
    assert_eq!(found("Huur achterstand"), None, "the emoji is part of the label");
    assert_eq!(found("王伟"), None);
    assert_eq!(same_label(&case, "SAHIN ailesi", Some("f4")), None, "a factor is not its own duplicate");
}

#[test]
fn search_finds_names_without_their_accents() {
    let library = rules::builtin().0;
    let ids = |query: &str| library.search(query, None).iter().map(|rule| rule.id.clone()).collect::<Vec<_>>();
    assert!(!ids("financiele verantwoordelijkheid").is_empty(), "financiële folds to financiele");
    assert_eq!(ids("financiele verantwoordelijkheid"), ids("FINANCIËLE verantwoordelijkheid"));

    let form = OwnRuleForm {
        id: "ZWD-07".into(),
        name_nl: "Huurschuld bij familie Şahin-Yılmaz".into(),
        name_en: "Rent arrears of the Şahin-Yılmaz family".into(),
        sector: "wonen".into(),
        law: "Beleidsregels Zeewolde".into(),
        article: "art. 7".into(),
        level: MandateLevel::new(4).expect("M4"),
        role_nl: "Wijkteam".into(),
        mechanism_nl: "Nguyễn Văn An en 王伟 wonen in bij ስድራ ቤት; عائلة أحمد helpt 🏠.".into(),
        links: vec![FormLink {
            from: "Inwoning bij familie".into(),
            from_kind: FactorKind::Situatie,
            polarity: Polarity::Positive,
            to: "Huurschuld".into(),
            to_kind: FactorKind::Schuld,
        }],
        sources: "https://example.org/beleidsregel".into(),
        keywords: "inwoning, 王伟一家, Tigrinya ስድራ".into(),
        confidence: Confidence::Medium,
        status: rules::Status::InWerking,
        valid_from: String::new(),
        valid_to: String::new(),
        last_checked: "2026-12-01".into(),
    };
    let rule = form.to_rule(&library, None);
    let own = add_own_rule(&[], rule).expect("a valid own rule");
    let (library, problems) = library.with_user_rules(own);
    assert!(problems.is_empty(), "{problems:?}");
    for query in ["sahin", "yilmaz", "SAHIN-YILMAZ", "nguyen van", "王伟", "ስድራ", "عايلة احمد", "🏠"]
    {
        let first = library.search(query, None).first().map(|rule| rule.id.clone());
        assert_eq!(first.as_deref(), Some("ZWD-07"), "{query}");
    }
    assert_eq!(fold("ZWD-07"), "zwd-07");
}

#[test]
fn the_privacy_check_sees_addresses_in_every_script() {
    let mut case = case();
    case.title = "Casus فاطمة@gmail.com".into();
    case.factors[1].note = "mail ivan@почта.рф".into();
    case.factors[5].label = "Nguyễn Văn An, nguyễn@ví-dụ.vn".into();
    let found: Vec<(Place, PersonalData)> = check_case(&case).into_iter().map(|w| (w.place, w.kind)).collect();
    assert_eq!(
        found,
        [
            (Place::Title, PersonalData::Email),
            (Place::FactorNote("f2".into()), PersonalData::Email),
            (Place::FactorLabel("f6".into()), PersonalData::Email),
        ]
    );
    assert!(check_case(&self::case()).is_empty(), "names alone are no contact data");
}
