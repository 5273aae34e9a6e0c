//! Issue #12 on the command line: a bound limits the list only, the output never claims a
//! proven plan or "no vicious loops" when vicious loops survive, and the summary of a map
//! with 131,810 loops counts them all without listing them and proves its plan.

use serde_json::Value;
use std::process::Command;

fn analyse(args: &[&str]) -> String {
    let output =
        Command::new(env!("CARGO_BIN_EXE_cirkelbreker")).arg("analyse").args(args).output().expect("the binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The issue's map: 11 factors on a ring with seven shortcuts back, all links positive.
fn eleven_factor_csv() -> std::path::PathBuf {
    let mut pairs: Vec<(usize, usize)> = (0..11).map(|i| (i, (i + 1) % 11)).collect();
    pairs.extend([(3, 0), (6, 2), (9, 5), (10, 7), (5, 1), (8, 4), (2, 9)]);
    let mut text = String::from("from,to,polarity\n");
    for (a, b) in pairs {
        text.push_str(&format!("f{a},f{b},+\n"));
    }
    let path = std::env::temp_dir().join(format!("cirkelbreker-eleven-{}.csv", std::process::id()));
    std::fs::write(&path, text).expect("temp file");
    path
}

#[test]
fn issue_12_max_cycles_three_still_plans_for_every_vicious_loop() {
    let path = eleven_factor_csv();
    let file = path.to_str().expect("utf-8 path");
    let text = analyse(&[file, "--max-cycles", "3"]);
    let full: Value = serde_json::from_str(&analyse(&[file, "--format", "json"])).expect("json");
    let cut: Value = serde_json::from_str(&analyse(&[file, "--format", "json", "--max-cycles", "3"])).expect("json");
    let _ = std::fs::remove_file(&path);
    assert!(!text.contains("geen vicieuze cirkels"), "{text}");
    assert!(text.contains("Doorbreekt elke vicieuze cirkel tegen de laagste kosten; dat is bewezen."), "{text}");
    assert!(text.contains("de lijst toont er 3") && text.contains("Alleen de lijst is beperkt"), "{text}");
    assert_eq!(cut["counts"]["listed"], 3);
    assert_eq!(cut["counts"]["vicious"], full["counts"]["vicious"]);
    assert!(full["counts"]["vicious"].as_u64().is_some_and(|n| n > 3));
    assert_eq!(cut["breakthrough"]["cost"], full["breakthrough"]["cost"]);
    assert!(cut["breakthrough"]["cost"].as_u64().is_some_and(|cost| cost > 0));
    assert_eq!(
        (cut["breakthrough"]["optimal"].as_bool(), cut["breakthrough"]["breaks_all"].as_bool()),
        (Some(true), Some(true))
    );
}

#[test]
fn summary_of_the_131k_map_counts_every_loop_and_proves_its_plan() {
    let fixture = format!("{}/tests/fixtures/map-34-100-131k.csv", env!("CARGO_MANIFEST_DIR"));
    let report: Value = serde_json::from_str(&analyse(&[&fixture, "--summary", "--format", "json"])).expect("json");
    let counts = &report["counts"];
    assert_eq!((counts["factors"].as_u64(), counts["links"].as_u64()), (Some(34), Some(100)));
    assert_eq!(counts["cycles"], 131_810);
    assert_eq!(counts["exact"], true);
    assert_eq!(counts["reinforcing"].as_u64().zip(counts["balancing"].as_u64()).map(|(r, b)| r + b), Some(131_810));
    assert!(report.get("cycles").is_none());
    let plan = &report["breakthrough"];
    assert_eq!((plan["optimal"].as_bool(), plan["breaks_all"].as_bool()), (Some(true), Some(true)));
    // every plan item says who may act
    let items = plan["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items.iter().all(|item| item["mandate"]["level"].as_str().is_some_and(|level| level.starts_with('M'))));
}
