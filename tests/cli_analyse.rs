//! `cirkelbreker analyse` end to end: the real binary on fixture files.

use serde_json::Value;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cirkelbreker")).arg("analyse").args(args).output().expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let output = run(args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn json_report_of_a_csv_edge_list() {
    let report = json(&[&fixture("cy02.csv"), "--format", "json"]);
    assert_eq!(report["complete"], true);
    let cycles = report["cycles"].as_array().expect("cycles");
    assert_eq!(cycles.len(), 2);
    assert_eq!(cycles[0]["kind"], "reinforcing");
    assert_eq!(cycles[0]["sectors"], serde_json::json!(["inkomen", "schulden"]));
    assert_eq!(cycles[0]["nodes"].as_array().map(Vec::len), Some(6));
    assert!(cycles[0]["narrative"].as_str().is_some_and(|text| text.starts_with("Meer schulden → ")));
    let plan = &report["breakthrough"];
    // the cheapest cut: the link with user cost 12 lies on both loops
    assert_eq!(plan["links"], serde_json::json!([["schending inlichtingenplicht", "terugvordering en boete"]]));
    assert_eq!((plan["cost"].as_u64(), plan["optimal"].as_bool()), (Some(12), Some(true)));
    assert!(plan.get("lower_bound").is_none());
    let ranking = report["ranking"]["links"].as_array().expect("link ranking");
    assert_eq!(ranking[0]["breaks"], 2);
    assert_eq!(ranking[0]["cost"], 12);
    assert!(report["ranking"]["factors"].as_array().is_some_and(|factors| !factors.is_empty()));
}

#[test]
fn case_json_with_fixed_parts_and_scope() {
    let report = json(&[&fixture("camping.json"), "--format=json", "--cut", "links"]);
    assert_eq!(report["counts"]["cycles"], 2);
    // l2 is fixed and l3 costs 5: the plan cuts l3 and the self-loop l7
    assert_eq!(report["breakthrough"]["link_ids"], serde_json::json!(["l3", "l7"]));
    assert_eq!(report["breakthrough"]["factors"], serde_json::json!([]));
    let factors_only = json(&[&fixture("camping.json"), "--format", "json", "--cut", "factors"]);
    // "schulden" is fixed, so the self-loop on it cannot be broken by a factor
    assert_eq!(factors_only["breakthrough"]["uncovered"].as_array().map(Vec::len), Some(1));
}

#[test]
fn summary_leaves_out_the_loop_list() {
    let report = json(&[&fixture("cy02.csv"), "--format", "json", "--summary"]);
    assert!(report.get("cycles").is_none());
    assert_eq!(report["counts"]["vicious"], 2);
    let text = run(&[&fixture("cy02.csv"), "--summary"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Integraal plan") && !text.contains("Meer schulden →"));
}

#[test]
fn text_report_is_dutch_and_mentions_the_plan() {
    let output = run(&[&fixture("camping.json")]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Casus: Casus park Zonneweide 3"), "{text}");
    assert!(text.contains("vicieus") && text.contains("sectoroverstijgend"), "{text}");
    assert!(text.contains("Totale kosten") && text.contains("bewezen"), "{text}");
}

#[test]
fn bounds_are_reported() {
    let report = json(&[&fixture("cy02.csv"), "--format", "json", "--max-length", "5"]);
    assert_eq!((report["complete"].as_bool(), report["bound"].as_str()), (Some(false), Some("length")));
    assert_eq!(report["counts"]["cycles"], 1);
    assert!(report["note"].as_str().is_some_and(|note| note.contains("langer dan 5")));
    let report = json(&[&fixture("cy02.csv"), "--format", "json", "--max-cycles", "1"]);
    assert_eq!(report["bound"], "count");
}

#[test]
fn bad_input_is_named_and_exits_one() {
    let output = run(&[&fixture("bad_polarity.csv")]);
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("regel 4") && message.contains("'ja'"), "{message}");
    let output = run(&[&fixture("does-not-exist.json")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("kan"));
    let broken = std::env::temp_dir().join(format!("cirkelbreker-broken-{}.json", std::process::id()));
    std::fs::write(&broken, "{\"factors\": [}").expect("temp file");
    let output = run(&[broken.to_str().expect("utf-8 path")]);
    let _ = std::fs::remove_file(&broken);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("regel 1"));
}

#[test]
fn wrong_calls_exit_two() {
    for args in
        [vec!["--cut", "alles", "x.csv"], vec![], vec!["a.csv", "--format", "xml"], vec!["a.csv", "--max-length", "x"]]
    {
        assert_eq!(run(&args).status.code(), Some(2), "{args:?}");
    }
}
