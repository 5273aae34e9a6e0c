//! Issue 13: maps from other tools. GraphML written by networkx (from a case) converts
//! back into the same factors, links and polarities, through the real `cirkelbreker
//! convert`; networkx reads the GraphML Cirkelbreker writes; Kumu JSON converts too.
//!
//! The live tests need `python3` with networkx (`pip install networkx`) and fail, not
//! skip, without it; `tests/fixtures/graphml/camping_networkx.graphml` is a file networkx
//! 3.6 wrote with `case_to_networkx.py`, checked without Python.

use cirkelbreker::core::formats::case_json::read_case;
use cirkelbreker::core::formats::Format;
use cirkelbreker::core::model::{Case, Confidence, Polarity};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("graphml-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn camping() -> Case {
    read_case(&std::fs::read_to_string(fixture("camping.json")).expect("fixture")).expect("valid case")
}

/// `cirkelbreker convert IN OUT` and the case it wrote.
fn convert_to_case(input: &Path, dir: &Path) -> Case {
    let output = dir.join("terug.json");
    let result = Command::new(env!("CARGO_BIN_EXE_cirkelbreker"))
        .arg("convert")
        .arg(input)
        .arg(&output)
        .output()
        .expect("the binary runs");
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    read_case(&std::fs::read_to_string(&output).expect("written")).expect("valid case")
}

/// What a map is made of: factors (id, label, kind) and links (from, to, sign, sector).
type Shape = (Vec<(String, String, String)>, Vec<(String, String, Polarity, Option<String>)>);

/// Factors as (id, label, kind) in order and links as (from, to, polarity, sector),
/// sorted (networkx writes edges grouped by their source).
fn shape(case: &Case) -> Shape {
    let factors = case.factors.iter().map(|f| (f.id.clone(), f.label.clone(), f.kind.id().to_string())).collect();
    let mut links: Vec<_> =
        case.links.iter().map(|l| (l.from.clone(), l.to.clone(), l.polarity, l.sector.clone())).collect();
    links.sort_by(|a, b| (&a.0, &a.1, a.2.symbol()).cmp(&(&b.0, &b.1, b.2.symbol())));
    (factors, links)
}

fn networkx_writes(case: &Case, numeric: bool, out: &Path) {
    let mut command = Command::new("python3");
    command.arg(fixture("graphml/case_to_networkx.py"));
    if numeric {
        command.arg("--numeric");
    }
    let mut child = command.arg(out).stdin(Stdio::piped()).spawn().expect("python3 with networkx runs");
    let json = Format::CaseJson.write(case);
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), json.as_bytes()).expect("case to python");
    drop(child.stdin.take());
    assert!(child.wait().expect("python3 ends").success(), "networkx wrote the GraphML");
}

#[test]
fn a_case_written_by_networkx_converts_back_to_the_same_factors_links_and_signs() {
    let case = camping();
    for numeric in [false, true] {
        let dir = scratch(if numeric { "numeric" } else { "text" });
        let graphml = dir.join("kaart.graphml");
        networkx_writes(&case, numeric, &graphml);
        let back = convert_to_case(&graphml, &dir);
        assert_eq!(shape(&back), shape(&case), "numeric signs: {numeric}");
        assert!(back.links.iter().all(|link| link.note.contains("weight: 0.5")), "extra attributes kept as notes");
        assert!(back.links.iter().all(|link| link.confidence != Confidence::Low), "every sign was in the file");
    }
}

#[test]
fn the_checked_in_networkx_file_converts_without_python() {
    let dir = scratch("fixture");
    let back = convert_to_case(&fixture("graphml/camping_networkx.graphml"), &dir);
    assert_eq!(shape(&back), shape(&camping()));
}

#[test]
fn networkx_reads_the_graphml_cirkelbreker_writes() {
    let dir = scratch("export");
    let path = dir.join("export.graphml");
    std::fs::write(&path, Format::GraphMl.write(&camping())).expect("written");
    let script = "import sys, networkx as nx\n\
                  g = nx.read_graphml(sys.argv[1])\n\
                  print(g.number_of_nodes(), g.number_of_edges(), \
                  sorted(d['polarity'] for _, _, d in g.edges(data=True)))";
    let output = Command::new("python3").args(["-c", script]).arg(&path).output().expect("python3 runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let case = camping();
    let mut signs: Vec<&str> = case.links.iter().map(|link| link.polarity.symbol()).collect();
    signs.sort_unstable();
    let expected = format!("{} {} {:?}\n", case.factors.len(), case.links.len(), signs).replace('"', "'");
    assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
}

#[test]
fn our_own_graphml_and_a_kumu_blueprint_convert_on_the_command_line() {
    let dir = scratch("own");
    let path = dir.join("eigen.graphml");
    std::fs::write(&path, Format::GraphMl.write(&camping())).expect("written");
    let back = convert_to_case(&path, &dir);
    assert_eq!(back.factors, camping().factors);
    assert_eq!(back.links, camping().links);

    let kumu = dir.join("kumu.json");
    std::fs::write(
        &kumu,
        r#"{"elements": [{"label": "Schulden"}, {"label": "Stress"}],
            "connections": [{"from": "Schulden", "to": "Stress", "type": "+"}, {"from": "Stress", "to": "Schulden", "type": "+"}]}"#,
    )
    .expect("written");
    let back = convert_to_case(&kumu, &dir);
    assert_eq!(back.factors.len(), 2);
    assert_eq!(back.links.iter().map(|l| l.polarity).collect::<Vec<_>>(), [Polarity::Positive; 2]);
}
