//! Helpers shared by the format tests: fixtures, a scratch directory, and the external
//! tools (networkx, Graphviz) that check our exports. A missing tool fails the test; it
//! is never skipped (CI installs them: `pip install networkx`, `apt-get install graphviz`).

#![allow(dead_code)]

use cirkelbreker::core::formats::case_json::read_case;
use cirkelbreker::core::model::Case;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of a file in `tests/fixtures/formats`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats").join(name)
}

/// The rich sample case: every kind, both polarities, every link field, an intervention.
pub fn sample_case() -> Case {
    let text = std::fs::read_to_string(fixture("case.json")).expect("fixture readable");
    read_case(&text).expect("fixture is a valid case")
}

/// Labels that a careless exporter would break: markup, quotes, separators, line
/// breaks, bidirectional and zero-width marks, emoji, NUL and other control characters.
pub const ODD_LABELS: [&str; 6] = [
    "<script>alert(\"x\")</script> & 'y'",
    "\u{202e}gnirts\u{202c} RTL \u{200f}mark\u{200b}zero\u{2060}width",
    "emoji 👩‍👧 🏚️ ✔",
    "nul\u{0}byte, bell\u{7} and tab\t",
    "comma, semi; \"quoted\"\r\nCRLF\nLF \\N backslash",
    "  padded  ",
];

/// A case whose factor labels and notes are [`ODD_LABELS`], linked in a ring.
pub fn odd_case() -> Case {
    let mut case = sample_case();
    for (factor, label) in case.factors.iter_mut().zip(ODD_LABELS) {
        factor.label = label.to_string();
        factor.note = label.chars().rev().collect();
    }
    case.title = ODD_LABELS[0].to_string();
    case
}

/// A fresh, empty scratch directory for one test, under Cargo's temporary directory
/// for integration tests (inside `target/`).
pub fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("formats-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// What networkx reads from a GraphML file.
pub fn networkx_read(path: &Path) -> serde_json::Value {
    const SCRIPT: &str = r#"
import json, sys, networkx
g = networkx.read_graphml(sys.argv[1])
edges = [[u, v, d] for u, v, d in g.edges(data=True)]
print(json.dumps({"directed": g.is_directed(), "graph": g.graph,
                  "nodes": {n: d for n, d in g.nodes(data=True)}, "edges": edges}))
"#;
    let output = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(path)
        .output()
        .expect("python3 must be installed for this test (CI: apt-get install python3)");
    assert!(
        output.status.success(),
        "networkx could not read the GraphML (CI: pip install networkx): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

/// Renders a DOT file with Graphviz `dot -Tsvg` (plus `options`, e.g. a faster layout
/// engine for dense maps) and returns the SVG.
pub fn graphviz_svg(path: &Path, options: &[&str]) -> String {
    let output = Command::new("dot")
        .arg("-Tsvg")
        .args(options)
        .arg(path)
        .output()
        .expect("Graphviz `dot` must be installed for this test (CI: apt-get install graphviz)");
    assert!(output.status.success(), "dot failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("dot writes UTF-8 SVG")
}
