//! Bad input never hurts: every reader answers broken, hostile or huge input with a
//! Dutch message that names the place, or with a bounded result — never a panic.

mod formats_support;

use cirkelbreker::core::formats::case_json::{read_case, write_case, CaseFileError, MAX_CASE_BYTES};
use cirkelbreker::core::formats::kumu_csv::{read_kumu_csv, write_kumu_csv, KumuCsvError};
use cirkelbreker::core::formats::{csv, dot, graphml, Format, FormatError};
use cirkelbreker::core::model::Case;
use k30::k30;
#[path = "support/k30.rs"]
mod k30;

use formats_support::{graphviz_svg, networkx_read, odd_case, scratch, ODD_LABELS};
use proptest::prelude::*;
use std::process::Command;

fn message(result: Result<Case, CaseFileError>) -> String {
    result.expect_err("must be refused").to_string()
}

#[test]
fn broken_json_names_line_and_column_in_dutch() {
    let text = "{\n  \"factors\": [\n    {\"id\": \"a\", \"label\": \"A\",, }\n  ]\n}";
    let error = read_case(text).expect_err("broken");
    assert!(matches!(error, CaseFileError::Syntax { line: 3, column: 30, .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "geen geldige JSON (regel 3, kolom 30): een veldnaam moet tussen dubbele aanhalingstekens staan"
    );
    assert_eq!(
        message(read_case("{\"title\": ,}")),
        "geen geldige JSON (regel 1, kolom 11): hier wordt een waarde verwacht"
    );
    assert_eq!(
        message(read_case("{\"factors\": [")),
        "geen geldige JSON (regel 1, kolom 13): het bestand houdt op midden in de JSON (ontbreekt er een } of ]?)"
    );
    assert_eq!(
        message(read_case("")),
        "geen geldige JSON (regel 1, kolom 0): het bestand houdt op midden in de JSON (ontbreekt er een } of ]?)"
    );
}

#[test]
fn wrong_fields_name_the_field_and_position() {
    let missing = "{\"factors\": [\n  {\"id\": \"a\"}\n]}";
    assert_eq!(
        message(read_case(missing)),
        "de casus bevat een ongeldige waarde: het veld \"label\" ontbreekt (regel 2, kolom 13)"
    );
    let polarity =
        r#"{"factors": [{"id": "a", "label": "A"}], "links": [{"id": "l1", "from": "a", "to": "a", "polarity": "x"}]}"#;
    assert!(message(read_case(polarity)).contains("onbekende waarde \"x\"; toegestaan: +, -"));
    let kind = r#"{"factors": [{"id": "a", "label": 7}]}"#;
    assert!(message(read_case(kind)).contains("verkeerd soort waarde (een geheel getal); verwacht: een tekst"));
    let far = r#"{"factors": [{"id": "a", "label": "A", "x": 1e999}]}"#;
    assert!(message(read_case(far)).contains("een getal is te groot of te klein"), "{}", message(read_case(far)));
    let text_x = r#"{"factors": [{"id": "a", "label": "A", "x": "links"}]}"#;
    assert!(message(read_case(text_x)).contains("verkeerd soort waarde (een tekst); verwacht: een getal"));
    for serde_words in ["integer", "f64", "out of range", "a string", "expected"] {
        for text in [kind, far, text_x] {
            assert!(!message(read_case(text)).contains(serde_words), "{serde_words} in {}", message(read_case(text)));
        }
    }
    let twice = r#"{"factors": [{"id": "a", "id": "b", "label": "A"}]}"#;
    assert!(message(read_case(twice)).contains("het veld \"id\" staat er twee keer"));
}

#[test]
fn wrong_or_future_versions_are_refused_clearly() {
    assert_eq!(read_case(r#"{"format":"cirkelbreker-case","version":2}"#), Err(CaseFileError::FutureVersion(2)));
    assert!(message(read_case(r#"{"format":"cirkelbreker-case","version":99}"#)).contains("nieuwere versie"));
    assert!(message(read_case(r#"{"format":"cirkelbreker-case","version":"1"}"#)).contains("\"version\""));
    assert!(message(read_case(r#"{"format":"cirkelbreker-case","version":1.5}"#)).contains("geheel getal"));
    assert!(message(read_case(r#"{"format":"kumu","version":1}"#)).starts_with("dit is geen Cirkelbreker-casus"));
    assert!(message(read_case("[1, 2, 3]")).contains("geen JSON-object"));
    assert!(message(read_case("{\"title\": \"x\"}")).contains("\"format\" ontbreekt"));
}

#[test]
fn unknown_and_duplicate_ids_are_named() {
    let dangling = r#"{"factors":[{"id":"a","label":"A"}],"links":[{"id":"l1","from":"a","to":"zz"}]}"#;
    assert_eq!(message(read_case(dangling)), "de casus klopt niet: verband 'l1' verwijst naar onbekende factor 'zz'");
    let duplicate = r#"{"factors":[{"id":"a","label":"A"},{"id":"a","label":"B"}]}"#;
    assert_eq!(message(read_case(duplicate)), "de casus klopt niet: factor-id 'a' komt twee keer voor");
    let error = read_kumu_csv("ID,From,To\nx,a,b\nx,b,a\n").expect_err("duplicate link id");
    assert_eq!(error.to_string(), "regel 3: verbinding 'x' komt al voor op regel 2");
    let error = read_kumu_csv("Label\nA\nA\n\nFrom,To\nA,A\n").expect_err("duplicate label");
    assert_eq!(error.to_string(), "regel 3: element 'A' komt al voor op regel 2");
    let error = read_kumu_csv("ID,Label\n1,Zelfde\n2,Zelfde\n\nFrom,To\nZelfde,1\n").expect_err("ambiguous");
    assert_eq!(error.to_string(), "regel 6: 'Zelfde' is het label van meer dan één element; verwijs met de ID");
}

#[test]
fn broken_csv_names_the_line() {
    let error = read_kumu_csv("Label,Type\nA,schuld\n\"B,regel\nC,regel\n").expect_err("open quote");
    assert_eq!(
        error.to_string(),
        "geen geldige CSV: regel 3: een veld tussen aanhalingstekens wordt nergens afgesloten"
    );
    let error = read_kumu_csv("Label,Fixed\nA,misschien\n").expect_err("bad flag");
    assert_eq!(error.to_string(), "regel 2: 'misschien' in kolom Fixed is geen ja of nee");
    let error = read_kumu_csv("From,To,Confidence\na,b,zeker\n").expect_err("bad confidence");
    assert!(error.to_string().starts_with("regel 2: zekerheid 'zeker' is onbekend"));
    let error = read_kumu_csv("Omschrijving,Bedrag\nHuur,800\n").expect_err("no Kumu header");
    assert!(matches!(error, KumuCsvError::Header { line: 1, .. }));
    assert!(error.to_string().contains("'Label'"));
}

/// Refused by its size before it is parsed: a file that is broken from its first byte gets
/// the size message, not a syntax error. (How long refusing takes is timed by
/// `scripts/bench.sh`, not asserted here.)
#[test]
fn a_50_mb_file_is_refused_by_its_size_before_it_is_parsed() {
    let huge = format!("{{\"factors\": [], \"title\": \"{}\"}}", "x".repeat(50 * 1024 * 1024));
    let json = read_case(&huge);
    let csv = read_kumu_csv(&huge);
    let bytes = Format::CaseJson.read_bytes(huge.as_bytes());
    assert!(matches!(json, Err(CaseFileError::TooLarge { bytes }) if bytes > MAX_CASE_BYTES));
    assert!(matches!(csv, Err(KumuCsvError::TooLarge { .. })));
    assert!(matches!(bytes, Err(FormatError::CaseJson(CaseFileError::TooLarge { .. }))));
    assert_eq!(message(json), "het bestand is te groot (50,0 MB); een casus mag hoogstens 20 MB zijn");

    let broken = "}".repeat(50 * 1024 * 1024);
    assert_eq!(message(read_case(&broken)), "het bestand is te groot (50,0 MB); een casus mag hoogstens 20 MB zijn");
    assert!(matches!(read_kumu_csv(&broken), Err(KumuCsvError::TooLarge { .. })));
    let mut not_text = broken.into_bytes();
    not_text[0] = 0xff;
    assert!(matches!(
        Format::CaseJson.read_bytes(&not_text),
        Err(FormatError::CaseJson(CaseFileError::TooLarge { .. }))
    ));
    assert!(matches!(Format::KumuCsv.read_bytes(&not_text), Err(FormatError::KumuCsv(KumuCsvError::TooLarge { .. }))));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let in_factors = read_case(&format!("{{\"factors\": {nested}}}"));
    assert!(message(in_factors).contains("(regel 1, kolom 14)"));
    let unknown_field = read_case(&format!("{{\"factors\": [], \"extra\": {nested}}}"));
    assert_eq!(unknown_field.map(|case| case.factors.len()), Ok(0), "unknown fields are skipped");
    // A deep value where the format name belongs is skipped without recursion and named.
    let in_format = message(read_case(&format!("{{\"format\": {nested}}}")));
    assert!(in_format.starts_with("dit is geen Cirkelbreker-casus: \"format\" is [[[["), "{in_format}");
    let long_format = format!("{{\"format\": \"{}\"}}", "x".repeat(1_000_000));
    assert_eq!(
        message(read_case(&long_format)),
        format!("dit is geen Cirkelbreker-casus: \"format\" is \"{}…, verwacht \"cirkelbreker-case\"", "x".repeat(39))
    );
}

#[test]
fn odd_unicode_and_script_tags_stay_verbatim_in_json_and_csv() {
    let case = odd_case();
    let again = read_case(&write_case(&case)).expect("JSON reads back");
    assert_eq!(again, case, "JSON keeps every character, NUL included");
    let from_csv = read_kumu_csv(&write_kumu_csv(&case)).expect("CSV reads back");
    assert_eq!(from_csv.factors, case.factors, "CSV keeps every character, NUL included");
    assert_eq!(from_csv.links, case.links);
}

#[test]
fn odd_unicode_and_script_tags_are_escaped_in_graphml() {
    let case = odd_case();
    let xml = graphml::write_graphml(&case);
    assert!(!xml.contains("<script"), "markup is escaped");
    let path = scratch("odd-graphml").join("odd.graphml");
    std::fs::write(&path, &xml).expect("write");
    let graph = networkx_read(&path);
    for factor in &case.factors {
        // XML 1.0 cannot hold NUL or BEL; they become U+FFFD, everything else survives.
        let expected = factor.label.replace(['\u{0}', '\u{7}'], "\u{fffd}");
        assert_eq!(graph["nodes"][&factor.id]["label"], serde_json::json!(expected), "{}", factor.id);
    }
    assert_eq!(graph["graph"]["title"], serde_json::json!(ODD_LABELS[0]));
}

#[test]
fn odd_unicode_and_script_tags_are_escaped_in_dot() {
    let case = odd_case();
    let path = scratch("odd-dot").join("odd.dot");
    std::fs::write(&path, dot::write_dot(&case)).expect("write");
    let svg = graphviz_svg(&path, &[]);
    assert!(!svg.contains("<script"), "markup is escaped in the SVG");
    assert!(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"), "{svg}");
    assert!(svg.contains("emoji 👩‍👧 🏚️ ✔"));
    assert!(svg.contains("\u{202e}gnirts\u{202c} RTL \u{200f}mark\u{200b}zero\u{2060}width"));
    assert!(svg.contains("\\N backslash"), "a backslash stays a backslash");
    let svg_path = path.with_extension("svg");
    std::fs::write(&svg_path, &svg).expect("write svg");
    let parsed = Command::new("python3")
        .args(["-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])"])
        .arg(&svg_path)
        .output()
        .expect("python3 must be installed");
    assert!(parsed.status.success(), "the SVG is not well-formed XML: {}", String::from_utf8_lossy(&parsed.stderr));
}

/// (How long the conversions take is timed by `scripts/bench.sh`, not asserted here.)
#[test]
fn a_dense_k30_map_converts_through_every_format() {
    let case = k30();
    let json = write_case(&case);
    assert_eq!(read_case(&json).expect("JSON"), case);
    let csv = write_kumu_csv(&case);
    let from_csv = read_kumu_csv(&csv).expect("CSV");
    assert_eq!((from_csv.factors, from_csv.links), (case.factors.clone(), case.links.clone()));
    let graphml_text = graphml::write_graphml(&case);
    let dot_text = dot::write_dot(&case);
    let dir = scratch("k30");
    std::fs::write(dir.join("k30.graphml"), graphml_text).expect("write");
    let graph = networkx_read(&dir.join("k30.graphml"));
    assert_eq!(graph["nodes"].as_object().map(|nodes| nodes.len()), Some(30));
    assert_eq!(graph["edges"].as_array().map(Vec::len), Some(870));
    std::fs::write(dir.join("k30.dot"), dot_text).expect("write");
    // Graphviz's default `dot` layout needs minutes for 870 edges; `neato` lays out the
    // same file in well under a second.
    assert_eq!(graphviz_svg(&dir.join("k30.dot"), &["-Kneato"]).matches("<g id=\"l").count(), 870);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn readers_never_panic_on_arbitrary_text(text in "\\PC{0,300}") {
        let _ = read_case(&text);
        let _ = read_kumu_csv(&text);
        let _ = csv::parse(&text);
    }

    #[test]
    fn readers_never_panic_on_csv_like_text(text in "[a-zA-Z0-9,;\"\r\n |+-]{0,300}") {
        let _ = read_kumu_csv(&format!("Label,Type\n{text}"));
        let _ = read_kumu_csv(&format!("From,To,Type\n{text}"));
    }

    #[test]
    fn csv_writer_and_reader_round_trip(rows in prop::collection::vec(prop::collection::vec("\\PC{0,12}", 1..5), 1..6)) {
        let mut text = String::new();
        for row in &rows {
            csv::write_record(&mut text, row);
        }
        let back: Vec<Vec<String>> = csv::parse(&text).expect("our CSV parses").into_iter().map(|r| r.fields).collect();
        prop_assert_eq!(back, rows);
    }
}

// Issue 13: the GraphML and Kumu JSON importers, with what the fuzz targets check
// (`fuzz/fuzz_targets/graphml.rs`, `kumu_json.rs`) on a smaller budget.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn importers_never_panic_on_arbitrary_text(text in "\\PC{0,300}") {
        let _ = graphml::read_graphml(&text);
        let _ = cirkelbreker::core::formats::kumu_json::read_kumu_json(&text);
    }

    #[test]
    fn accepted_graphml_survives_our_writer(
        body in "(<node id=\"[ab&;#x41]{0,3}\">(<data key=\"[klxyzn]\">[ -~]{0,6}</data>){0,3}</node>|<edge source=\"[ab]{0,2}\" target=\"[ab]{0,2}\"( id=\"[e1]{0,2}\")?>(<data key=\"[pkwn]\">[ +\\-a-z0-9.]{0,4}</data>){0,2}</edge>|<!--x-->|<![CDATA[<]]>| |&amp;){0,8}"
    ) {
        let text = format!(
            "<graphml><key id=\"k\" for=\"node\" attr.name=\"label\"/><key id=\"l\" attr.name=\"kind\"/>\
             <key id=\"x\" attr.name=\"x\"/><key id=\"y\" attr.name=\"y\"/><key id=\"z\" attr.name=\"extra\"/>\
             <key id=\"n\" attr.name=\"note\"/><key id=\"p\" attr.name=\"polarity\"/><key id=\"w\" attr.name=\"weight\"/>\
             <graph>{body}</graph></graphml>"
        );
        if let Ok(case) = graphml::read_graphml(&text) {
            let again = graphml::read_graphml(&graphml::write_graphml(&case)).expect("our GraphML reads back");
            prop_assert_eq!(again.factors, case.factors);
            prop_assert_eq!(again.links, case.links);
        }
    }
}
