//! `cirkelbreker convert IN OUT` as a user runs it: the real binary, real files.

mod formats_support;

use cirkelbreker::core::formats::case_json::read_case;
use cirkelbreker::core::formats::kumu_csv::read_kumu_csv;
use formats_support::{fixture, graphviz_svg, networkx_read, sample_case, scratch};
use std::path::Path;
use std::process::{Command, Output};

fn convert(input: &Path, output: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cirkelbreker"))
        .arg("convert")
        .arg(input)
        .arg(output)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The files in `dir`, sorted, to check that nothing (not even a temporary file) is left.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn json_to_every_format_and_back() {
    let dir = scratch("cli-every");
    let case = sample_case();
    for name in ["kaart.json", "kaart.csv", "kaart.graphml", "kaart.dot"] {
        let result = convert(&fixture("case.json"), &dir.join(name));
        assert!(result.status.success(), "{name}: {}", stderr(&result));
        assert!(stdout(&result).contains("5 factoren, 6 verbanden"), "{name}: {}", stdout(&result));
    }
    let json = std::fs::read_to_string(dir.join("kaart.json")).expect("json written");
    assert_eq!(read_case(&json).expect("valid"), case);
    let csv = std::fs::read_to_string(dir.join("kaart.csv")).expect("csv written");
    assert_eq!(read_kumu_csv(&csv).expect("valid").links, case.links);
    let graph = networkx_read(&dir.join("kaart.graphml"));
    assert_eq!(graph["edges"].as_array().map(Vec::len), Some(6));
    assert!(graphviz_svg(&dir.join("kaart.dot"), &[]).contains(">Kostendelersnorm</text>"));
}

#[test]
fn csv_to_every_format() {
    let dir = scratch("cli-csv");
    for name in ["uit.json", "uit.csv", "uit.graphml", "uit.gv"] {
        let result = convert(&fixture("kumu-handmade.csv"), &dir.join(name));
        assert!(result.status.success(), "{name}: {}", stderr(&result));
    }
    let json = std::fs::read_to_string(dir.join("uit.json")).expect("json written");
    let case = read_case(&json).expect("valid case JSON from CSV");
    assert_eq!(case.factors.len(), 3);
    assert_eq!(case.links.len(), 5);
    let csv = std::fs::read_to_string(dir.join("uit.csv")).expect("csv written");
    assert_eq!(read_kumu_csv(&csv).expect("valid"), case, "CSV to CSV keeps the case");
    assert_eq!(networkx_read(&dir.join("uit.graphml"))["nodes"].as_object().map(|n| n.len()), Some(3));
    assert!(graphviz_svg(&dir.join("uit.gv"), &[]).contains(">Werkloosheid</text>"));
}

#[test]
fn converting_to_csv_says_what_csv_cannot_hold() {
    let dir = scratch("cli-lost");
    let result = convert(&fixture("case.json"), &dir.join("kaart.csv"));
    let said = stdout(&result);
    assert!(said.contains("let op: CSV kan de titel niet bevatten"), "{said}");
    assert!(said.contains("let op: CSV kan de gekozen interventies en hun checklists niet bevatten"), "{said}");
    let to_json = convert(&fixture("case.json"), &dir.join("kaart.json"));
    assert!(!stdout(&to_json).contains("let op"), "nothing is lost in JSON");
}

#[test]
fn personal_data_gets_a_warning() {
    let dir = scratch("cli-privacy");
    let input = dir.join("in.csv");
    std::fs::write(&input, "Label,Description\nMevrouw (BSN 111222333),\nStress,bel 06-12345678\n").expect("write");
    let result = convert(&input, &dir.join("uit.json"));
    assert!(result.status.success(), "{}", stderr(&result));
    let said = stdout(&result);
    assert!(said.contains("let op: het label van factor 'Mevrouw (BSN 111222333)' lijkt een burgerservicenummer"));
    assert!(said.contains("let op: de notitie bij factor 'Stress' lijkt een telefoonnummer te bevatten"), "{said}");
}

#[test]
fn unknown_or_write_only_formats_are_refused_and_nothing_is_written() {
    let dir = scratch("cli-formats");
    let cases = [
        (fixture("case.json"), dir.join("kaart.xlsx"), "onbekend bestandsformaat '.xlsx'"),
        (fixture("case.json"), dir.join("kaart"), "de bestandsnaam heeft geen extensie"),
        (dir.join("kaart.pdf"), dir.join("kaart.json"), "onbekend bestandsformaat '.pdf'"),
        (dir.join("kaart.dot"), dir.join("kaart.json"), "Graphviz DOT kan Cirkelbreker wel maken maar niet inlezen"),
    ];
    for (input, output, expected) in cases {
        let result = convert(&input, &output);
        assert_eq!(result.status.code(), Some(1), "{}", input.display());
        assert!(stderr(&result).starts_with("fout: "), "{}", stderr(&result));
        assert!(stderr(&result).contains(expected), "{}", stderr(&result));
    }
    assert!(files_in(&dir).is_empty(), "nothing written: {:?}", files_in(&dir));
}

#[test]
fn a_missing_input_is_named() {
    let dir = scratch("cli-missing");
    let result = convert(&dir.join("bestaat-niet.json"), &dir.join("uit.csv"));
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("bestaat-niet.json: kan niet lezen: het bestand of de map bestaat niet"));
    assert!(files_in(&dir).is_empty());
}

#[test]
fn bad_input_leaves_an_existing_output_untouched() {
    let dir = scratch("cli-untouched");
    let input = dir.join("kapot.json");
    std::fs::write(&input, "{\n  \"factors\": [\n    {\"id\": \"a\" \"label\": \"A\"}\n  ]\n}").expect("write");
    let output = dir.join("uit.csv");
    std::fs::write(&output, "eerder werk").expect("write");
    let result = convert(&input, &output);
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(
        stderr(&result).trim_end(),
        format!(
            "fout: {}: geen geldige JSON (regel 3, kolom 16): hier wordt een komma of }} verwacht",
            input.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&output).expect("still there"), "eerder werk");
    assert_eq!(files_in(&dir), ["kapot.json", "uit.csv"], "no temporary file is left");
}

#[test]
fn an_unwritable_output_is_named_and_leaves_nothing() {
    let dir = scratch("cli-unwritable");
    let result = convert(&fixture("case.json"), &dir.join("geen-map").join("uit.json"));
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("uit.json: kan niet schrijven: het bestand of de map bestaat niet"));
    assert!(files_in(&dir).is_empty());
}

/// The CLI refuses a file by the size in its metadata, before reading it (how long that
/// takes is timed by `scripts/bench.sh`, not asserted here).
#[test]
fn a_50_mb_input_is_refused_by_its_size() {
    let dir = scratch("cli-huge");
    let input = dir.join("groot.json");
    std::fs::File::create(&input).and_then(|file| file.set_len(50 * 1024 * 1024)).expect("sparse 50 MB file");
    let result = convert(&input, &dir.join("uit.csv"));
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("het bestand is te groot (50,0 MB); een casus mag hoogstens 20 MB zijn"));
    assert_eq!(files_in(&dir), ["groot.json"]);
}

#[test]
fn a_wrong_call_is_a_usage_error() {
    let result =
        Command::new(env!("CARGO_BIN_EXE_cirkelbreker")).args(["convert", "alleen.json"]).output().expect("runs");
    assert_eq!(result.status.code(), Some(2));
    assert!(stderr(&result).contains("'convert' verwacht twee bestandsnamen: IN en OUT"));
}
