//! `cirkelbreker rules check` and `cirkelbreker rules list` through the CLI entry point.

use cirkelbreker::cli;
use cirkelbreker::core::rules;
use std::process::ExitCode;

fn run(args: &[&str]) -> (ExitCode, String, String) {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run(&args, &mut out, &mut err);
    (code, String::from_utf8(out).expect("utf-8"), String::from_utf8(err).expect("utf-8"))
}

/// A file in the temp directory that is removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!("cirkelbreker-{}-{name}", std::process::id()));
        std::fs::write(&path, text).expect("write temp file");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn check_prints_the_counts_and_succeeds_on_the_builtin_library() {
    let (library, _) = rules::builtin();
    let (code, out, err) = run(&["rules", "check"]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert!(
        out.contains(&format!("{} regels in {} sectoren", library.rules().len(), library.sectors().len())),
        "{out}"
    );
    assert!(out.contains(&format!("{} instrumenten", library.instruments().len())), "{out}");
    assert!(out.contains("7 sjablonen"), "{out}");
    assert!(out.contains("Geen problemen gevonden"), "{out}");
}

#[test]
fn list_says_from_when_each_rule_holds() {
    let (_, text, _) = run(&["rules", "list"]);
    assert!(text.contains("geldig vanaf: 2024-07-01"), "{text}");
    assert!(!text.contains("geldig vanaf: onbekend"), "every library rule is dated: {text}");
}

#[test]
fn check_accepts_a_valid_user_file() {
    let (library, _) = rules::builtin();
    let mut rule = library.rule("WON-03").cloned().expect("WON-03");
    rule.id = "GEM-10".into();
    let file = TempFile::new("goed.toml", &rules::write_user_rules(&[rule]).expect("writes TOML"));
    let (code, out, err) = run(&["rules", "check", file.path()]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert!(out.contains("1 geldige regels"), "{out}");
}

#[test]
fn check_fails_and_lists_every_problem_of_a_broken_user_file() {
    let (library, _) = rules::builtin();
    let mut duplicate = library.rule("WON-03").cloned().expect("WON-03");
    duplicate.sources.clear();
    let mut unknown = library.rule("SCH-01").cloned().expect("SCH-01");
    unknown.id = "GEM-11".into();
    unknown.instruments[0].id = "B77".into();
    let file = TempFile::new("kapot.toml", &rules::write_user_rules(&[duplicate, unknown]).expect("writes TOML"));
    let (code, out, err) = run(&["rules", "check", file.path()]);
    assert_eq!(code, ExitCode::from(1));
    assert!(out.contains("0 geldige regels"), "{out}");
    assert!(err.contains("[WON-03]") && err.contains("bestaat al") && err.contains("bron"), "{err}");
    assert!(err.contains("[GEM-11]") && err.contains("B77"), "{err}");
    assert!(err.contains(file.path()), "{err}");

    let syntax = TempFile::new("syntax.toml", "[[rule]\nid =");
    let (code, _, err) = run(&["rules", "check", syntax.path()]);
    assert_eq!(code, ExitCode::from(1));
    assert!(err.contains("geen geldige TOML"), "{err}");
}

#[test]
fn check_reports_an_unreadable_file_and_a_wrong_call() {
    let (code, _, err) = run(&["rules", "check", "/bestaat/niet.toml"]);
    assert_eq!(code, ExitCode::from(1));
    assert!(err.contains("kan '/bestaat/niet.toml' niet lezen"), "{err}");
    assert_eq!(run(&["rules", "check", "a.toml", "b.toml"]).0, ExitCode::from(2));
    assert_eq!(run(&["rules"]).0, ExitCode::from(2));
    assert_eq!(run(&["rules", "weg"]).0, ExitCode::from(2));
    assert_eq!(run(&["rules", "list", "--format", "xml"]).0, ExitCode::from(2));
}

#[test]
fn list_as_json_has_every_rule_with_sector_sources_instruments_and_levels() {
    let (library, _) = rules::builtin();
    let (code, out, err) = run(&["rules", "list", "--format", "json"]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    let document: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let listed = document["rules"].as_array().expect("rules array");
    assert_eq!(listed.len(), library.rules().len());
    let won03 = listed.iter().find(|rule| rule["id"] == "WON-03").expect("WON-03 listed");
    assert_eq!(won03["sector"], "registratie");
    assert!(won03["legal_sources"][0].as_str().is_some_and(|source| source.contains("Wet basisregistratie personen")));
    assert_eq!(won03["instruments"][0]["id"], "B10");
    assert_eq!(won03["mandate_levels"], serde_json::json!(["M2", "M4"]));
    assert!(listed.iter().all(|rule| rule["sources"].as_array().is_some_and(|s| !s.is_empty())));
    assert_eq!(document["problems"], serde_json::json!([]));
}

#[test]
fn list_as_text_shows_legal_source_and_mandate() {
    let (code, out, _) = run(&["rules", "list"]);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(out.contains("WON-08  Kostendelersnorm in de bijstand"), "{out}");
    assert!(out.contains("grondslag: Participatiewet art. 22a"), "{out}");
    assert!(out.contains("nog te verifiëren"), "{out}");
}
