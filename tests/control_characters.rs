//! Control characters in labels and notes (Word's Shift+Enter U+000B, NUL, a terminal's
//! escape sequences) are cleaned on import and in every export, so each export reads back
//! in the tool that owns its format, and the CLI never passes an escape sequence to the
//! terminal. Spreadsheet exports neutralise formula cells.

mod formats_support;

use cirkelbreker::core::formats::Format;
use cirkelbreker::core::model::Case;
use formats_support::{graphviz_svg, networkx_read, sample_case, scratch};
use std::process::Command;

/// An OSC 52 sequence (writes the terminal's clipboard), a colour, a bell and a CSI.
const ESCAPES: &str = "\u{1b}]52;c;ZWNobyBnZWhhY2t0\u{7}\u{1b}[31mrood\u{9b}2J";

/// The sample case with Word's line break, NUL, escapes and a formula in its texts, as a
/// case stored before texts were cleaned would hold them.
fn dirty_case() -> Case {
    let mut case = sample_case();
    case.title = "Casus\u{b}Zonneweide".into();
    case.factors[0].label = "Huur\u{b}schuld".into();
    case.factors[0].note = "regel een\u{b}regel twee\u{0}".into();
    case.factors[1].label = format!("Stress{ESCAPES}");
    case.factors[2].label = "=HYPERLINK(\"http://example.org\",\"klik\")".into();
    case.links[0].note = "@SUM(1+1)*cmd|' /C calc'!A0\u{c}".into();
    case
}

fn has_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

#[test]
fn graphml_and_dot_exports_read_back_in_networkx_and_graphviz() {
    let case = dirty_case();
    let dir = scratch("control-characters");
    let graphml = Format::GraphMl.write(&case);
    assert!(!has_control(&graphml), "no control character in the GraphML");
    let path = dir.join("casus.graphml");
    std::fs::write(&path, &graphml).expect("written");
    let read = networkx_read(&path);
    let labels: Vec<&str> =
        read["nodes"].as_object().expect("nodes").values().filter_map(|n| n["label"].as_str()).collect();
    assert!(labels.contains(&"Huur\nschuld"), "{labels:?}");
    assert!(labels.iter().any(|label| label.starts_with("Stress]52;c;")), "{labels:?}");

    let dot = Format::Dot.write(&case);
    assert!(!has_control(&dot), "no control character in the DOT");
    let path = dir.join("casus.dot");
    std::fs::write(&path, &dot).expect("written");
    let svg = graphviz_svg(&path, &[]);
    assert!(svg.contains(">Huur</text>") && svg.contains(">schuld</text>"), "Graphviz draws the label on two lines");
}

#[test]
fn the_kumu_csv_is_clean_and_its_formula_cells_start_with_a_quote() {
    let csv = Format::KumuCsv.write(&dirty_case());
    assert!(!has_control(&csv), "no control character in the CSV");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://example.org\"\",\"\"klik\"\")\""), "{csv}");
    assert!(csv.contains("'@SUM(1+1)*cmd|' /C calc'!A0"), "{csv}");
    // Negative coordinates and the "-" sign of a link stay numbers and signs.
    assert!(csv.lines().any(|line| line.contains(",-,-,")), "a negative link keeps '-' as its type: {csv}");
    let back = Format::KumuCsv.read(&csv).expect("reads back");
    assert_eq!(back.factors[2].label, "=HYPERLINK(\"http://example.org\",\"klik\")", "the quote comes off again");
}

#[test]
fn imports_clean_labels_and_notes() {
    let case =
        Format::KumuCsv.read("Label,Description\r\n\"Huur\u{b}schuld\",\"een\u{b}twee\u{0}\"\r\n").expect("reads");
    assert_eq!(case.factors[0].label, "Huur\nschuld");
    assert_eq!(case.factors[0].note, "een\ntwee");
    let json = "{\"factors\":[{\"id\":\"a\\u0007\",\"label\":\"A\\u001b[2J\"}],\"links\":[{\"id\":\"l1\",\"from\":\"a\\u0007\",\"to\":\"a\\u0007\"}]}";
    let case = Format::CaseJson.read(json).expect("reads");
    assert_eq!((case.factors[0].id.as_str(), case.factors[0].label.as_str()), ("a", "A[2J"));
    assert_eq!(case.links[0].from, "a", "references follow their cleaned id");
}

/// Found by the fuzzer: a Kumu sheet whose label is only control characters (its id taken
/// from it) once read into an id of spaces and an empty label, which our own Kumu CSV did not
/// read back. Cleaning now trims what it changed and a blank id makes the file refused, so
/// every case the importer accepts survives a round trip.
#[test]
fn a_label_of_control_characters_leaves_no_blank_id_or_label() {
    let bytes = std::fs::read("tests/fixtures/fuzz/kumu_csv_control_label.csv").expect("the fuzzer's input");
    match Format::KumuCsv.read_bytes(&bytes) {
        Ok(case) => {
            assert!(case.factors.iter().all(|f| !f.id.trim().is_empty() && !f.label.trim().is_empty()));
            let again = Format::KumuCsv.read(&Format::KumuCsv.write(&case)).expect("our own Kumu CSV reads back");
            assert_eq!((again.factors, again.links), (case.factors, case.links));
        }
        Err(error) => assert!(!error.message(cirkelbreker::core::lang::Lang::Nl).is_empty()),
    }
    let padded = Format::KumuCsv.read("Label\r\n\"\u{1}\u{1}\"\r\n\"\u{1} Cafe\"\r\n");
    let message = padded
        .expect_err("a label of control characters only leaves a blank id")
        .message(cirkelbreker::core::lang::Lang::Nl);
    assert!(message.contains("lege id"), "{message}");
}

#[test]
fn the_cli_shows_escape_sequences_instead_of_sending_them_to_the_terminal() {
    let dir = scratch("control-characters-cli");
    // A case whose labels hold the escapes: analysed, the text output holds none of them.
    let path = dir.join("casus.json");
    std::fs::write(&path, cirkelbreker::core::formats::case_json::write_case(&dirty_case())).expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_cirkelbreker")).arg("analyse").arg(&path).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for bytes in [&output.stdout, &output.stderr] {
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{b}']), "no escape reaches the terminal: {text:?}");
    }
    assert!(String::from_utf8_lossy(&output.stdout).contains("Stress]52;c;"), "the label is shown, cleaned");

    // An error quoting the file's text: the escapes are written visibly.
    let csv = dir.join("verbanden.csv");
    std::fs::write(&csv, format!("From,To,Type\nA,B,{ESCAPES}\n")).expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_cirkelbreker"))
        .arg("convert")
        .arg(&csv)
        .arg(dir.join("uit.json"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(!stderr.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{stderr:?}");
    assert!(stderr.contains("verbindingstype '\\u{1b}]52;c;ZWNobyBnZWhhY2t0\\u{7}"), "{stderr}");
}

/// Found by the fuzzer: a GraphML edge whose sector starts with U+007F read into the sector
/// " onen", which our own GraphML did not read back as it was. A sector or rule is a
/// reference: cleaning trims it like an id, and drops one left blank.
#[test]
fn a_sector_with_a_control_character_survives_a_graphml_round_trip() {
    let bytes = std::fs::read("tests/fixtures/fuzz/graphml_control_sector.graphml").expect("the fuzzer's input");
    let case = Format::GraphMl.read_bytes(&bytes).expect("the file reads");
    let link = case.links.iter().find(|l| l.from == "woning" && l.to == "park").expect("the edge");
    assert_eq!(link.sector.as_deref(), Some("onen"));
    let again = Format::GraphMl.read(&Format::GraphMl.write(&case)).expect("our own GraphML reads back");
    assert_eq!((again.factors, again.links), (case.factors, case.links));
    let blank = Format::GraphMl
        .read_bytes(&String::from_utf8(bytes).expect("text").replace("\u{7f}onen", "\u{7f}").into_bytes())
        .expect("reads");
    let link = blank.links.iter().find(|l| l.from == "woning" && l.to == "park").expect("the edge");
    assert_eq!(link.sector, None, "a sector of control characters only is no sector");
}
