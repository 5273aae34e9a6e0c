//! The file formats against real readers: our own round trips, a hand-made Kumu sheet,
//! networkx reading our GraphML and Graphviz rendering our DOT.

mod formats_support;

use cirkelbreker::core::formats::case_json::{read_case, write_case};
use cirkelbreker::core::formats::kumu_csv::{self, read_kumu_csv, write_connections, write_elements, write_kumu_csv};
use cirkelbreker::core::formats::{dot, graphml, Format};
use cirkelbreker::core::meeting::{
    ActionItem, ActionStatus, AgendaItem, Ballot, Date, DotVote, Dots, Meeting, Person, Step, VoteOption,
};
use cirkelbreker::core::model::{Confidence, FactorKind, Polarity, Target};
use formats_support::{fixture, graphviz_svg, networkx_read, sample_case, scratch};
use serde_json::json;

#[test]
fn case_json_round_trips_everything() {
    let case = sample_case();
    let written = write_case(&case);
    assert!(written.starts_with("{\n  \"format\": \"cirkelbreker-case\",\n  \"version\": 1,"));
    let again = read_case(&written).expect("reads back");
    assert_eq!(again, case);
    assert_eq!(write_case(&again), written, "writing is deterministic");
    assert_eq!(case.interventions.len(), 1, "the fixture exercises interventions");
}

#[test]
fn kumu_csv_round_trips_what_kumu_can_hold() {
    let case = sample_case();
    let csv = write_kumu_csv(&case);
    let again = read_kumu_csv(&csv).expect("reads back");
    assert_eq!(again.factors, case.factors);
    assert_eq!(again.links, case.links);
    assert_eq!(again.title, "", "Kumu sheets have no title");
    assert!(again.interventions.is_empty());
    assert_eq!(kumu_csv::lost_in_csv(&case), ["de titel", "de gekozen interventies en hun checklists"]);
}

#[test]
fn kumu_sheets_written_apart_read_apart() {
    let case = sample_case();
    let elements = write_elements(&case);
    assert!(elements.starts_with("ID,Label,Type,Description,X,Y,Fixed\r\n"));
    assert_eq!(read_kumu_csv(&elements).expect("elements alone").factors, case.factors);
    let connections = write_connections(&case);
    assert!(connections.starts_with("ID,From,To,Type,Label,Description,Sector,Rule,Delay,Confidence,Fixed,Cost\r\n"));
    assert!(connections.contains("\r\nl5,f4,f2,-,-,"), "polarity is Kumu's connection type: {connections}");
    let alone = read_kumu_csv(&connections).expect("connections alone");
    assert_eq!(alone.links, case.links);
    // Without the elements sheet, Kumu creates the elements from the names in From/To.
    let mut ids: Vec<&str> = alone.factors.iter().map(|factor| factor.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["f1", "f2", "f3", "f4", "f5"]);
}

#[test]
fn reads_a_hand_made_kumu_export() {
    let text = std::fs::read_to_string(fixture("kumu-handmade.csv")).expect("fixture");
    let case = read_kumu_csv(&text).expect("valid Kumu sheets");
    let labels: Vec<&str> = case.factors.iter().map(|factor| factor.label.as_str()).collect();
    assert_eq!(labels, ["Schulden", "Stress", "Werkloosheid"]);
    assert_eq!(case.factors[0].kind, FactorKind::Schuld);
    assert_eq!(case.factors[0].note, "Loonbeslag sinds maart, \"vaste lasten\" te hoog\nKumu-tags: financieel|urgent");
    assert_eq!(case.factors[2].kind, FactorKind::Situatie);
    assert_eq!(case.factors[2].note, "Kumu-type: Person");
    let links: Vec<(&str, &str, Polarity)> =
        case.links.iter().map(|link| (link.from.as_str(), link.to.as_str(), link.polarity)).collect();
    assert_eq!(
        links,
        [
            ("Schulden", "Stress", Polarity::Positive),
            ("Stress", "Werkloosheid", Polarity::Positive),
            ("Werkloosheid", "Schulden", Polarity::Positive),
            ("Stress", "Schulden", Polarity::Negative),
            ("Stress", "Werkloosheid", Polarity::Negative),
        ]
    );
    assert_eq!(case.links[2].note, "Minder inkomen,\nmeer achterstand");
    assert_eq!(case.links[0].confidence, Confidence::Medium);
    assert!(case.problems().is_empty());
}

#[test]
fn reads_a_dutch_excel_csv_with_semicolons_in_windows_1252() {
    let bytes = std::fs::read(fixture("kumu-excel-nl.csv")).expect("fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is really Windows-1252");
    let case = Format::KumuCsv.read_bytes(&bytes).expect("reads");
    assert_eq!(case.factors[0].label, "Cafébezoek");
    assert_eq!(case.factors[0].note, "Gaat elke dag € 5 uitgeven");
    assert_eq!((case.links[0].from.as_str(), case.links[0].to.as_str()), ("Cafébezoek", "Schuld"));
}

#[test]
fn networkx_reads_our_graphml_with_every_attribute() {
    let case = sample_case();
    let path = scratch("graphml").join("kaart.graphml");
    std::fs::write(&path, graphml::write_graphml(&case)).expect("write");
    let graph = networkx_read(&path);
    assert_eq!(graph["directed"], json!(true));
    assert_eq!(graph["graph"]["title"], json!("Casus Zonneweide 3"));
    let nodes = graph["nodes"].as_object().expect("nodes");
    assert_eq!(nodes.len(), 5);
    assert_eq!(
        nodes["f1"],
        json!({"label": "Schulden", "kind": "schuld", "x": 120.5, "y": -40.0, "fixed": false,
        "note": "Drie schuldeisers, \"beslag\" op loon"})
    );
    assert_eq!(nodes["f3"]["fixed"], json!(true));
    assert_eq!(nodes["f4"]["label"], json!("Geen plek bij GGZ,\nwachtlijst"));
    let edges = graph["edges"].as_array().expect("edges");
    assert_eq!(edges.len(), 6);
    let edge = |from: &str, to: &str| {
        edges.iter().find(|edge| edge[0] == json!(from) && edge[1] == json!(to)).map(|edge| edge[2].clone())
    };
    assert_eq!(
        edge("f5", "f1").expect("l4"),
        json!({"polarity": "+", "sector": "schulden", "delay": false,
        "confidence": "low", "fixed": false, "cost": 7, "id": "l4"})
    );
    assert_eq!(edge("f2", "f1").expect("l2")["delay"], json!(true));
    assert_eq!(edge("f2", "f1").expect("l2")["note"], json!("Post blijft liggen"));
    assert_eq!(edge("f3", "f5").expect("l3")["rule"], json!("INK-02"));
    assert_eq!(edge("f4", "f2").expect("l5")["polarity"], json!("-"));
    assert_eq!(edge("f2", "f2").expect("self-loop l6")["polarity"], json!("-"));
}

#[test]
fn graphviz_renders_our_dot_with_labels_and_polarities() {
    let case = sample_case();
    let text = dot::write_dot(&case);
    assert!(text.contains("\"f3\" [label=\"Kostendelersnorm\", shape=box, style=bold];"));
    assert!(text.contains("\"f2\" -> \"f1\" [id=\"l2\", label=\"+ ||\"];"));
    let path = scratch("dot").join("kaart.dot");
    std::fs::write(&path, &text).expect("write");
    let svg = graphviz_svg(&path, &[]);
    for label in ["Casus Zonneweide 3", "Schulden", "Stress", "Kostendelersnorm", "Uitkering gekort", "wachtlijst"] {
        assert!(svg.contains(&format!(">{label}</text>")), "SVG lacks {label}");
    }
    assert_eq!(svg.matches("<g id=\"l").count(), 6, "one SVG group per link, with the link id");
    assert_eq!(svg.matches(">+</text>").count(), 3);
    assert_eq!(svg.matches(">+ ||</text>").count(), 1);
    assert_eq!(svg.matches(">&#45;</text>").count(), 2, "Graphviz writes '-' as &#45;");
    assert!(svg.contains("stroke-dasharray"), "negative links are dashed");
}

#[test]
fn the_json_schema_matches_the_model() {
    use cirkelbreker::core::formats::case_json::{CURRENT_VERSION, FORMAT_NAME};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/case.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("schema is JSON");
    assert_eq!(schema["properties"]["format"]["const"], json!(FORMAT_NAME));
    assert_eq!(schema["properties"]["version"]["const"], json!(CURRENT_VERSION));
    let kinds: Vec<&str> = FactorKind::ALL.into_iter().map(FactorKind::id).collect();
    assert_eq!(schema["$defs"]["factor"]["properties"]["kind"]["enum"], json!(kinds));
    let levels: Vec<&str> = Confidence::ALL.into_iter().map(Confidence::id).collect();
    assert_eq!(schema["$defs"]["link"]["properties"]["confidence"]["enum"], json!(levels));
    assert_eq!(schema["$defs"]["link"]["properties"]["polarity"]["enum"], json!(["+", "-"]));

    // With every optional field set, the serialised names are exactly the schema's.
    let mut case = sample_case();
    case.factors[0].fixed = true;
    case.links[0] = cirkelbreker::core::model::Link {
        sector: Some("s".into()),
        rule: Some("r".into()),
        delay: true,
        note: "n".into(),
        fixed: true,
        cost: Some(1),
        ..case.links[0].clone()
    };
    case.virtuous_loops.push("l1>l2".into());
    case.mechanism_names
        .push(cirkelbreker::core::model::MechanismName { loops: vec!["l1>l2".into()], name: "m".into() });
    case.presentation.push(cirkelbreker::core::presentation::StoredStep { step: "plan".into(), skipped: true });
    let exercise = cirkelbreker::core::exercise::exercise_case(&case, "Verhaal").exercise.expect("an exercise");
    case.exercise = Some(cirkelbreker::core::exercise::Exercise { revealed: true, ..exercise });
    *case.meeting = full_meeting();
    let written: serde_json::Value = serde_json::from_str(&write_case(&case)).expect("JSON");
    let keys = |value: &serde_json::Value| {
        let mut keys: Vec<String> = value.as_object().expect("object").keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&written), keys(&schema["properties"]));
    assert_eq!(keys(&written["factors"][0]), keys(&schema["$defs"]["factor"]["properties"]));
    assert_eq!(keys(&written["links"][0]), keys(&schema["$defs"]["link"]["properties"]));
    assert_eq!(keys(&written["interventions"][0]), keys(&schema["$defs"]["intervention"]["properties"]));
    assert_eq!(keys(&written["presentation"][0]), keys(&schema["properties"]["presentation"]["items"]["properties"]));
    assert_eq!(keys(&written["exercise"]), keys(&schema["properties"]["exercise"]["properties"]));
    let (meeting, meeting_schema) = (&written["meeting"], &schema["$defs"]["meeting"]["properties"]);
    assert_eq!(keys(meeting), keys(meeting_schema));
    assert_eq!(keys(&meeting["chair"]), keys(&schema["$defs"]["person"]["properties"]));
    assert_eq!(keys(&meeting["agenda"][0]), keys(&meeting_schema["agenda"]["items"]["properties"]));
    assert_eq!(keys(&meeting["actions"][0]), keys(&meeting_schema["actions"]["items"]["properties"]));
    assert_eq!(keys(&meeting["vote"]), keys(&meeting_schema["vote"]["properties"]));
    let statuses: Vec<&str> = ActionStatus::ALL.into_iter().map(ActionStatus::id).collect();
    assert_eq!(meeting_schema["actions"]["items"]["properties"]["status"]["enum"], json!(statuses));
    let steps: Vec<&str> = Step::ALL.into_iter().map(Step::id).collect();
    assert_eq!(meeting_schema["agenda"]["items"]["properties"]["step"]["enum"], json!(steps));
}

/// A meeting record with every optional field set.
fn full_meeting() -> Meeting {
    let person = Person::new("Consulent", "Gemeente");
    let date = Date::parse("2026-12-01").ok();
    let target = Target::Link("l1".into());
    Meeting {
        date,
        chair: person.clone(),
        participants: vec![person.clone()],
        agenda: vec![AgendaItem { step: Step::Overig, title: "Rondvraag".into(), minutes: 5 }],
        actions: vec![ActionItem {
            id: "a1".into(),
            what: "Bellen".into(),
            owner: person,
            deadline: date,
            status: ActionStatus::Vastgelopen,
            intervention: Some(target.clone()),
            rule: Some("INK-01".into()),
        }],
        decisions: vec!["Besluit".into()],
        open_points: vec!["Vraag".into()],
        vote: Some(DotVote {
            voters: 3,
            dots_each: 3,
            ballots: vec![Ballot { dots: vec![Dots { option: VoteOption::Target(target), dots: 1 }] }],
        }),
    }
}

proptest::proptest! {
    /// Coordinates are written shortest and read back to the bit, in the case JSON
    /// (serde_json with float_roundtrip) and in Kumu CSV (std's correctly rounded parse).
    #[test]
    fn random_coordinates_read_back_bit_exactly(
        x in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
        y in -1.0e5_f64..1.0e5,
    ) {
        let mut case = sample_case();
        case.factors[0].x = x;
        case.factors[0].y = y;
        for again in [read_case(&write_case(&case)).expect("case JSON"), read_kumu_csv(&write_kumu_csv(&case)).expect("Kumu CSV")] {
            proptest::prop_assert_eq!(again.factors[0].x.to_bits(), x.to_bits());
            proptest::prop_assert_eq!(again.factors[0].y.to_bits(), y.to_bits());
        }
    }
}

#[test]
fn kumu_csv_problems_are_said_in_english_too() {
    use cirkelbreker::core::formats::kumu_csv::{read_kumu_csv, KumuCsvError, RowProblem};
    use cirkelbreker::core::lang::Lang;
    let error = read_kumu_csv("Label,Type\nA,situatie\nA,schuld\n").expect_err("a duplicate element");
    assert_eq!(
        error,
        KumuCsvError::Row { line: 3, problem: RowProblem::DuplicateElement { id: "A".into(), first: 2 } }
    );
    assert_eq!(error.message(Lang::En), "line 3: element 'A' appears already on line 2");
    assert_eq!(error.message(Lang::Nl), "regel 3: element 'A' komt al voor op regel 2");
    let header = read_kumu_csv("Naam?\nx\n").expect_err("no header");
    assert!(header.message(Lang::En).starts_with("line 1: the column headers are missing"));
}
