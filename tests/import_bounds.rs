//! Every importer refuses a map above `core::limits` with a message that says the limit,
//! in Dutch and English, and a text above its limit with the factor named; edits are held
//! to the same limits. Files are built as users' tools write them.

use cirkelbreker::core::edit::{apply, Edit, EditError};
use cirkelbreker::core::formats::edge_list::read_edge_list;
use cirkelbreker::core::formats::{Format, FormatError};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::limits::{LimitError, TextField, MAX_FACTORS, MAX_LINKS, MAX_NOTE, MAX_SHORT_TEXT};
use cirkelbreker::core::model::{Case, Factor, FactorKind};

/// A case JSON with `factors` factors in a ring of `links` links (links wrap around).
fn case_json(factors: usize, links: usize) -> String {
    let factor_list: Vec<String> = (0..factors).map(|i| format!(r#"{{"id":"f{i}","label":"F{i}"}}"#)).collect();
    let link_list: Vec<String> = (0..links)
        .map(|i| format!(r#"{{"id":"l{i}","from":"f{}","to":"f{}"}}"#, i % factors, (i + 1) % factors))
        .collect();
    format!(
        r#"{{"format":"cirkelbreker-case","version":1,"factors":[{}],"links":[{}]}}"#,
        factor_list.join(","),
        link_list.join(",")
    )
}

fn limit_of(result: Result<Case, FormatError>) -> LimitError {
    match result {
        Err(FormatError::Limit(error)) => error,
        Err(FormatError::CaseJson(cirkelbreker::core::formats::case_json::CaseFileError::Limit(error))) => error,
        Err(FormatError::KumuCsv(cirkelbreker::core::formats::kumu_csv::KumuCsvError::Limit(error))) => error,
        Err(FormatError::KumuJson(cirkelbreker::core::formats::kumu_json::KumuJsonError::Limit(error))) => error,
        other => panic!("expected a limit, got {other:?}"),
    }
}

#[test]
fn case_json_at_the_limit_reads_and_one_factor_or_link_more_is_refused_before_it_is_built() {
    let at_limit = Format::CaseJson.read(&case_json(MAX_FACTORS, MAX_LINKS)).expect("at the limits");
    assert_eq!((at_limit.factors.len(), at_limit.links.len()), (MAX_FACTORS, MAX_LINKS));
    let too_many = Format::CaseJson.read(&case_json(100_000, 0));
    assert_eq!(limit_of(too_many.clone()), LimitError::TooManyFactors(100_000));
    let error = too_many.expect_err("refused");
    assert_eq!(
        error.message(Lang::Nl),
        "de kaart heeft te veel factoren (100.000 of meer); Cirkelbreker opent er hoogstens 2.000. \
         Splits de kaart in delen en lees die apart in"
    );
    assert!(error.message(Lang::En).contains("at most 2,000"), "{}", error.message(Lang::En));
    let links = Format::CaseJson.read(&case_json(2, MAX_LINKS + 1));
    assert_eq!(limit_of(links), LimitError::TooManyLinks(MAX_LINKS + 1));
}

#[test]
fn kumu_csv_stops_at_the_first_element_or_connection_too_many() {
    let mut elements = String::from("Label\n");
    for i in 0..=MAX_FACTORS {
        elements.push_str(&format!("F{i}\n"));
    }
    assert_eq!(limit_of(Format::KumuCsv.read(&elements)), LimitError::TooManyFactors(MAX_FACTORS + 1));
    // Connections naming new elements create them, so those count too.
    let mut connections = String::from("From,To\n");
    for i in 0..3_000 {
        connections.push_str(&format!("a{i},b{i}\n"));
    }
    assert_eq!(limit_of(Format::KumuCsv.read(&connections)), LimitError::TooManyFactors(MAX_FACTORS + 1));
    let mut parallel = String::from("Label\nA\nB\n\nFrom,To\n");
    for _ in 0..=MAX_LINKS {
        parallel.push_str("A,B\n");
    }
    let error = Format::KumuCsv.read(&parallel).expect_err("5,001 parallel links");
    assert_eq!(error.message(Lang::En).split(';').next(), Some("the map has too many links (5,001 or more)"));
}

#[test]
fn kumu_json_is_counted_before_its_layout() {
    let elements: Vec<String> = (0..=MAX_FACTORS).map(|i| format!(r#"{{"label":"F{i}"}}"#)).collect();
    let text = format!(r#"{{"elements":[{}],"connections":[]}}"#, elements.join(","));
    assert_eq!(limit_of(Format::CaseJson.read(&text)), LimitError::TooManyFactors(MAX_FACTORS + 1));
    let long = format!(r#"{{"elements":[{{"label":"{}"}}]}}"#, "x".repeat(MAX_SHORT_TEXT + 1));
    let error = Format::CaseJson.read(&long).expect_err("too long");
    assert!(error.message(Lang::Nl).starts_with("Kumu-JSON: de naam van ‘"), "{}", error.message(Lang::Nl));
}

#[test]
fn graphml_is_counted_in_the_text_before_it_is_parsed() {
    let nodes: String = (0..=MAX_FACTORS).map(|i| format!("<node id=\"n{i}\"/>")).collect();
    let text = format!(
        "<?xml version=\"1.0\"?><graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"directed\">{nodes}</graph></graphml>"
    );
    assert_eq!(limit_of(Format::GraphMl.read(&text)), LimitError::TooManyFactors(MAX_FACTORS + 1));
    let edges: String = (0..=MAX_LINKS).map(|_| "<edge source=\"a\" target=\"b\"></edge>".to_string()).collect();
    let text = format!("<graphml><graph><node id=\"a\"/><node id=\"b\"/>{edges}</graph></graphml>");
    assert_eq!(limit_of(Format::GraphMl.read(&text)), LimitError::TooManyLinks(MAX_LINKS + 1));
}

#[test]
fn a_csv_edge_list_stops_at_the_first_link_too_many() {
    let mut text = String::from("from,to,polarity\n");
    for _ in 0..=MAX_LINKS {
        text.push_str("a,b,+\n");
    }
    let error = read_edge_list(&text).expect_err("too many links");
    assert_eq!(error.line, MAX_LINKS + 2);
    assert!(error.message.contains("hoogstens 5.000"), "{}", error.message);
}

#[test]
fn a_label_or_note_above_its_limit_is_refused_on_import_with_the_factor_named() {
    let label = "Huurachterstand bij de woningcorporatie sinds de zomer van vorig jaar".repeat(5);
    let text = format!(r#"{{"factors":[{{"id":"huur","label":"{label}"}}]}}"#);
    let error = Format::CaseJson.read(&text).expect_err("label too long");
    assert_eq!(
        error,
        FormatError::Limit(LimitError::TooLong { field: TextField::Label, owner: "huur".into(), chars: label.len() })
    );
    assert_eq!(
        error.message(Lang::Nl),
        "de naam van ‘huur’ is 345 tekens lang; maak de tekst korter (hoogstens 300 tekens)"
    );
    let note = "n".repeat(MAX_NOTE + 1);
    let text = format!("Label,Description\nSchulden,{note}\n");
    let error = Format::KumuCsv.read(&text).expect_err("note too long");
    assert_eq!(
        error.message(Lang::En),
        "the note of ‘Schulden’ is 10,001 characters long; shorten it to at most 10,000 characters"
    );
    // The 15 MB label that froze the tab for 26 s is refused at import.
    let huge = format!(r#"{{"factors":[{{"id":"a","label":"{}"}}]}}"#, "x".repeat(15 * 1024 * 1024));
    assert!(matches!(
        Format::CaseJson.read(&huge),
        Err(FormatError::Limit(LimitError::TooLong { field: TextField::Label, .. }))
    ));
}

#[test]
fn edits_are_held_to_the_same_limits() {
    let mut case = Case::default();
    for i in 0..MAX_FACTORS {
        case.factors.push(Factor::new(&format!("f{i}"), "F", FactorKind::default()));
    }
    let one_more = Factor::new("extra", "Nog één", FactorKind::default());
    assert_eq!(
        apply(&case, &Edit::AddFactor(one_more)),
        Err(EditError::Limit(LimitError::TooManyFactors(MAX_FACTORS + 1)))
    );
    let mut long = case.factors[0].clone();
    long.label = "é".repeat(MAX_SHORT_TEXT + 1);
    assert!(matches!(
        apply(&case, &Edit::UpdateFactor(long)),
        Err(EditError::Limit(LimitError::TooLong { field: TextField::Label, chars: 301, .. }))
    ));
    assert!(matches!(
        apply(&case, &Edit::SetTitle("t".repeat(MAX_SHORT_TEXT + 1))),
        Err(EditError::Limit(LimitError::TooLong { field: TextField::Title, .. }))
    ));
}

#[test]
fn the_meeting_record_the_mechanism_names_and_an_exercise_are_held_to_the_limits_too() {
    use cirkelbreker::core::exercise::exercise_case;
    use cirkelbreker::core::limits::MAX_RECORD_ENTRIES;
    use cirkelbreker::core::meeting::{MeetingEdit, NoteList, Person};

    let case = Case::default();
    // Typed: a decision, a role, a mechanism's name and a story over their limits.
    let long_decision = Edit::Meeting(MeetingEdit::AddNote(NoteList::Decisions, "d".repeat(MAX_NOTE + 1)));
    let refused = apply(&case, &long_decision).expect_err("decision too long");
    assert_eq!(
        refused,
        EditError::Limit(LimitError::TooLong { field: TextField::Record, owner: String::new(), chars: MAX_NOTE + 1 })
    );
    let long_role = Edit::Meeting(MeetingEdit::AddParticipant(Person::new(&"r".repeat(MAX_SHORT_TEXT + 1), "GGD")));
    assert!(matches!(
        apply(&case, &long_role),
        Err(EditError::Limit(LimitError::TooLong { field: TextField::Person, .. }))
    ));
    let long_name = Edit::NameMechanism { loops: vec!["f1>f2>f1".into()], name: "n".repeat(MAX_SHORT_TEXT + 1) };
    assert!(matches!(
        apply(&case, &long_name),
        Err(EditError::Limit(LimitError::TooLong { field: TextField::MechanismName, .. }))
    ));
    let exercise = exercise_case(&case, &"s".repeat(MAX_NOTE + 1)).exercise;
    let Err(EditError::Limit(error)) = apply(&case, &Edit::SetExercise(exercise)) else { panic!("story too long") };
    assert_eq!(
        error.message(Lang::Nl),
        "het verhaal van de oefening is 10.001 tekens lang; maak de tekst korter (hoogstens 10.000 tekens)"
    );
    // At the limit every one of them is taken.
    let at_limit = Edit::Meeting(MeetingEdit::AddNote(NoteList::OpenPoints, "o".repeat(MAX_NOTE)));
    assert_eq!(apply(&case, &at_limit).expect("at the limit").meeting.open_points.len(), 1);

    // Imported: a file with one decision too many is refused with the number said.
    let decisions: Vec<String> = (0..=MAX_RECORD_ENTRIES).map(|i| format!("\"besluit {i}\"")).collect();
    let file = format!(
        r#"{{"format":"cirkelbreker-case","version":1,"factors":[],"links":[],"meeting":{{"decisions":[{}]}}}}"#,
        decisions.join(",")
    );
    let error = limit_of(Format::CaseJson.read(&file));
    assert_eq!(error, LimitError::TooManyEntries(MAX_RECORD_ENTRIES + 1));
    assert_eq!(error.message(Lang::En), "a list in the meeting record has 201 entries; keep each list to at most 200");
    // The trainer's map inside an exercise is a case like any other.
    let mut reference = Case::default();
    reference.factors.push(Factor::new("f1", &"l".repeat(MAX_SHORT_TEXT + 1), FactorKind::default()));
    let hidden_map = Edit::SetExercise(exercise_case(&reference, "Een verhaal").exercise);
    assert!(matches!(
        apply(&case, &hidden_map),
        Err(EditError::Limit(LimitError::TooLong { field: TextField::Label, .. }))
    ));
}
