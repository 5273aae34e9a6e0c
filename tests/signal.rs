//! Issue 13: the policy signal over cases. Counts per rule, sector, instrument and level;
//! the export holds ids and counts only (no label, note or title); a locked case is left
//! out; `cirkelbreker signal` prints it as text, JSON and CSV.

use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::formats::case_json::write_case;
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::model::{Case, ChecklistEntry, Intervention, Target};
use cirkelbreker::core::rules::{self, template_case, Library};
use cirkelbreker::core::signal::{policy_signal, SignalCase, OTHER};
use std::path::Path;
use std::process::Command;

fn library() -> Library {
    let (library, problems) = rules::builtin();
    assert!(problems.is_empty());
    library
}

/// A case from a template, with private-looking labels, notes and a title, and one
/// chosen intervention on the first link that has a rule with this instrument.
fn case(library: &Library, template: &str, instrument: &str, secret: &str) -> Case {
    let mut case = template_case(library.template(template).expect("template"), Lang::Nl);
    case.title = format!("Casus {secret} titel");
    for factor in &mut case.factors {
        factor.label = format!("{} {secret}", factor.label);
        factor.note = format!("notitie {secret}");
    }
    for link in &mut case.links {
        link.note = format!("verbandnotitie {secret}");
    }
    let target = case
        .links
        .iter()
        .find(|link| {
            link.rule
                .as_deref()
                .and_then(|id| library.rule(id))
                .is_some_and(|rule| rule.instruments.iter().any(|i| i.id == instrument))
        })
        .map(|link| link.id.clone())
        .expect("a link whose rule lists the instrument");
    case.interventions.push(Intervention {
        target: Target::Link(target),
        instrument: Some(instrument.to_string()),
        checklist: vec![ChecklistEntry {
            item: "bevoegdheid".into(),
            done: true,
            note: format!("tafelnotitie {secret}"),
        }],
    });
    case
}

fn three_cases(library: &Library) -> Vec<Case> {
    vec![
        case(library, "CY-01", "B10", "Jansen"),
        case(library, "CY-02", "B04", "Pietersen"),
        case(library, "CY-03", "B12", "De Vries"),
    ]
}

#[test]
fn counts_rules_sectors_instruments_and_levels_over_cases() {
    let library = library();
    let cases = three_cases(&library);
    let inputs: Vec<SignalCase<'_>> = cases
        .iter()
        .zip(["2026-10", "2026-11", "2026-11"])
        .map(|(case, month)| SignalCase { case, month: Some(month) })
        .collect();
    let signal = policy_signal(&inputs, 1, &library);
    assert_eq!((signal.cases, signal.locked, signal.interventions), (3, 1, 3));
    let options = AnalysisOptions::interactive();
    let vicious: usize = cases.iter().map(|case| analyse(case, &library, &options).vicious_count()).sum();
    assert_eq!(signal.vicious_loops, vicious);
    assert!(signal.vicious_loops > 0 && !signal.rules.is_empty() && !signal.sectors.is_empty());
    for pair in signal.rules.windows(2) {
        assert!(pair[0].vicious_loops >= pair[1].vicious_loops, "most vicious loops first");
    }
    for rule in &signal.rules {
        assert!(rule.rule == OTHER || library.rule(&rule.rule).is_some());
        assert!(rule.sector_created_loops <= rule.vicious_loops && rule.cases <= 3);
    }
    let chosen: Vec<(&str, usize)> = signal.instruments.iter().map(|c| (c.id.as_str(), c.times)).collect();
    assert_eq!(chosen, [("B04", 1), ("B10", 1), ("B12", 1)]);
    assert_eq!(signal.levels.iter().map(|c| c.times).sum::<usize>(), 3);
    // B12 (CJIB-maatwerk) is used at M7: above the case meeting's M3.
    assert!(signal.levels.iter().any(|c| c.id == "M7"));
    assert_eq!(signal.above_m3, signal.levels.iter().filter(|c| c.id.as_str() > "M3").map(|c| c.times).sum::<usize>());
    assert_eq!(
        signal.months.iter().map(|c| (c.id.as_str(), c.times)).collect::<Vec<_>>(),
        [("2026-10", 1), ("2026-11", 2)]
    );
    assert_eq!((signal.stuck_actions, signal.stuck.len()), (0, 0), "these cases have no actions");
}

#[test]
fn the_export_holds_no_label_note_title_or_day() {
    let library = library();
    let cases = three_cases(&library);
    let inputs: Vec<SignalCase<'_>> = cases.iter().map(|case| SignalCase { case, month: Some("2026-11-23") }).collect();
    let signal = policy_signal(&inputs, 0, &library);
    for export in [signal.to_csv(), signal.to_json()] {
        for secret in ["Jansen", "Pietersen", "De Vries", "titel", "notitie", "Schulden", "2026-11"] {
            assert!(!export.contains(secret), "'{secret}' leaks into the export:\n{export}");
        }
        for case in &cases {
            for factor in &case.factors {
                assert!(!export.contains(&factor.label));
            }
        }
    }
    assert!(signal.to_csv().starts_with("categorie,id,sector,maat,aantal\r\n"), "RFC 4180 lines");
}

#[test]
fn a_free_text_rule_or_sector_is_counted_as_other() {
    let library = library();
    let mut case = template_case(library.template("CY-07").expect("template"), Lang::Nl);
    for link in &mut case.links {
        link.rule = Some("Mevrouw K. haar regel".into());
        link.sector = Some("Team Noord van Mevrouw K.".into());
    }
    let signal = policy_signal(&[SignalCase { case: &case, month: None }], 0, &library);
    let export = signal.to_csv() + &signal.to_json();
    assert!(!export.contains("Mevrouw"), "{export}");
    assert!(signal.rules.iter().all(|rule| rule.rule == OTHER));
}

#[test]
fn the_command_line_skips_a_locked_case_and_prints_every_format() {
    let library = library();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("signal-cli");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let mut files = Vec::new();
    for (index, case) in three_cases(&library).iter().enumerate() {
        let path = dir.join(format!("casus{index}.json"));
        std::fs::write(&path, write_case(case)).expect("written");
        files.push(path);
    }
    let sealed = dir.join("vergrendeld.json");
    std::fs::write(
        &sealed,
        r#"{"format":"cirkelbreker-sealed","version":1,"kdf":"PBKDF2-SHA-256","iterations":600000,"salt":"AAAA","cipher":"AES-256-GCM","iv":"AAAA","ciphertext":"AAAA"}"#,
    )
    .expect("written");
    files.push(sealed);
    let run = |format: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_cirkelbreker"))
            .arg("signal")
            .args(&files)
            .args(["--format", format])
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let text = run("text");
    assert!(
        text.contains("casussen: 3") && text.contains("niet meegeteld (zonder wachtwoordzin wordt niets gelezen): 1"),
        "{text}"
    );
    assert!(text.contains("Acties die zijn vastgelopen: 0"), "{text}");
    assert!(run("csv").contains("totaal,,,vergrendeld_niet_meegeteld,1"));
    assert!(run("json").contains("\"locked\": 1"));
    let wrong = Command::new(env!("CARGO_BIN_EXE_cirkelbreker")).args(["signal"]).output().expect("runs");
    assert_eq!(wrong.status.code(), Some(2));
}

/// The three case files the browser test imports (`tests/browser/signal.test.mjs`): the
/// counts it checks in the app are these.
#[test]
fn the_browser_fixtures_give_the_counts_the_browser_test_checks() {
    let library = library();
    let cases: Vec<Case> = (1..=3)
        .map(|n| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/signal/casus-{n}.json"));
            cirkelbreker::core::formats::case_json::read_case(&std::fs::read_to_string(path).expect("fixture"))
                .expect("case")
        })
        .collect();
    let inputs: Vec<SignalCase<'_>> = cases.iter().map(|case| SignalCase { case, month: None }).collect();
    let signal = policy_signal(&inputs, 0, &library);
    assert_eq!((signal.cases, signal.vicious_loops, signal.sector_created_loops), (3, 3, 2));
    let rules: Vec<(&str, usize, usize, usize)> =
        signal.rules.iter().map(|r| (r.rule.as_str(), r.vicious_loops, r.sector_created_loops, r.cases)).collect();
    assert_eq!(rules, [("SCH-01", 3, 2, 3), ("WON-08", 2, 2, 2), ("SCH-02", 1, 0, 1)]);
    let levels: Vec<(&str, usize)> = signal.levels.iter().map(|c| (c.id.as_str(), c.times)).collect();
    assert_eq!(levels, [("M0", 1), ("M2", 1), ("M7", 1)]);
    assert_eq!((signal.interventions, signal.above_m3), (3, 1));
    // Stuck actions: casus 1 on its intervention's link (SCH-01); casus 2 one naming WON-08
    // and one naming SCH-01 on a link with WON-08. Actions under way or done do not count.
    let stuck: Vec<(&str, &str, usize, usize)> =
        signal.stuck.iter().map(|s| (s.rule.as_str(), s.sector.as_str(), s.actions, s.cases)).collect();
    assert_eq!(stuck, [("SCH-01", "schulden", 2, 2), ("WON-08", "inkomen", 2, 1)]);
    assert_eq!(signal.stuck_actions, 3);
    let export = signal.to_csv() + &signal.to_json();
    assert!(export.contains("vastgelopen,SCH-01,schulden,acties,2"), "{export}");
    for case in &cases {
        for action in &case.meeting.actions {
            let texts = [&action.what, &action.owner.role, &action.owner.organisation, &case.meeting.chair.role];
            for text in texts {
                assert!(text.is_empty() || !export.contains(text.as_str()), "'{text}' leaks into the export");
            }
            let deadline = action.deadline.expect("a deadline").to_string();
            assert!(!export.contains(&deadline) && !export.contains(&deadline[..7]), "a date leaks: {deadline}");
        }
    }
}

/// `cirkelbreker signal` on the browser fixtures prints the stuck actions per rule, and
/// none of what the actions say or who owns them.
#[test]
fn the_command_line_prints_the_rules_actions_got_stuck_on() {
    let files: Vec<std::path::PathBuf> = (1..=3)
        .map(|n| Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/signal/casus-{n}.json")))
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_cirkelbreker")).arg("signal").args(&files).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.contains("Acties die zijn vastgelopen: 3"), "{text}");
    let stuck: Vec<&str> = text.lines().skip_while(|line| !line.starts_with("Per regel")).skip(1).collect();
    assert!(stuck[0].starts_with("  SCH-01      2    2") && stuck[1].starts_with("  WON-08      2    1"), "{text}");
    for secret in ["Betalingsregeling", "Budgetcoach", "Kredietbank", "2026-12-14", "Pietersen"] {
        assert!(!text.contains(secret), "'{secret}' in the signal:\n{text}");
    }
}
