//! The analysis at a distance (`core::analysis::remote`), as the web app's worker runs it:
//! a request written by the editor and answered by the analyst gives exactly the analysis
//! `analyse` gives here, with the user's own rules too; moving factors needs no new analysis.

use cirkelbreker::core::analysis::remote::{read_reply, request, same_analysis, Analyst};
use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::model::{Case, MandateLevel, Polarity};
use cirkelbreker::core::rules::{builtin, template_case};

fn template(index: usize) -> Case {
    let (library, _) = builtin();
    template_case(&library.templates()[index], Lang::Nl)
}

#[test]
fn the_analysts_reply_is_the_analysis_of_the_request() {
    let (library, _) = builtin();
    let mut analyst = Analyst::default();
    for (id, template) in library.templates().iter().enumerate() {
        let case = template_case(template, Lang::Nl);
        let reply = read_reply(&analyst.reply(&request(id as u64 + 1, &case, &[]), || 0.0)).expect("a reply");
        assert_eq!(reply.id, id as u64 + 1);
        let expected = analyse(&case, &library, &AnalysisOptions::interactive());
        assert!(!expected.cycles.is_empty(), "{}: a template has loops", template.id);
        assert_eq!(reply.analysis, Ok(expected), "{}", template.id);
    }
}

#[test]
fn the_analyst_prices_with_the_users_own_rules_and_follows_their_changes() {
    let (library, _) = builtin();
    let mut case = template(0);
    let link = case.links.iter().position(|l| l.rule.is_some()).expect("a template link with a rule");
    let mut own = library.rule(case.links[link].rule.as_deref().unwrap_or_default()).expect("its rule").clone();
    own.id = "EIGEN-01".into();
    own.decision_holder.level = MandateLevel::new(9).expect("M9");
    case.links[link].rule = Some(own.id.clone());
    let with_own = library.with_user_rules(vec![own.clone()]).0;
    assert!(with_own.rule("EIGEN-01").is_some(), "the own rule passes the library's checks");

    let mut analyst = Analyst::default();
    let without = read_reply(&analyst.reply(&request(1, &case, &[]), || 0.0)).expect("a reply");
    let with = read_reply(&analyst.reply(&request(2, &case, std::slice::from_ref(&own)), || 0.0)).expect("a reply");
    assert_eq!(with.analysis, Ok(analyse(&case, &with_own, &AnalysisOptions::interactive())));
    assert_eq!(without.analysis, Ok(analyse(&case, &library, &AnalysisOptions::interactive())));
    assert_ne!(with.analysis, without.analysis, "the own rule's level changes the costs");
    // Back to no own rules: the built-in library again.
    let again = read_reply(&analyst.reply(&request(3, &case, &[]), || 0.0)).expect("a reply");
    assert_eq!(again.analysis, without.analysis);
}

#[test]
fn the_analyst_times_the_analysis_with_the_clock_it_is_given() {
    let ticks = std::cell::Cell::new(0.0);
    let clock = || {
        ticks.set(ticks.get() + 2.5);
        ticks.get()
    };
    let reply = read_reply(&Analyst::default().reply(&request(7, &template(1), &[]), clock)).expect("a reply");
    assert_eq!(reply.ms, 2.5);
}

#[test]
fn a_request_that_does_not_read_gets_a_reply_that_says_so() {
    let reply = read_reply(&Analyst::default().reply("{\"id\": 3}", || 0.0)).expect("a reply");
    let problem = reply.analysis.expect_err("no analysis");
    assert!(problem.contains("case"), "{problem}");
    assert!(read_reply(&[]).is_none(), "no bytes");
    assert!(read_reply(&[7, 9]).is_none(), "bytes that are no reply (an analysis result of kind 9)");
}

#[test]
fn moving_factors_keeps_the_analysis_and_any_other_change_does_not() {
    let case = template(2);
    let mut moved = case.clone();
    moved.factors[0].x += 40.0;
    moved.factors[1].y -= 12.5;
    assert!(same_analysis(&case, &moved));
    let mut renamed = case.clone();
    renamed.factors[0].label.push('!');
    assert!(!same_analysis(&case, &renamed));
    let mut flipped = case.clone();
    flipped.links[0].polarity = match flipped.links[0].polarity {
        Polarity::Positive => Polarity::Negative,
        Polarity::Negative => Polarity::Positive,
    };
    assert!(!same_analysis(&case, &flipped));
    let mut fewer = case.clone();
    fewer.factors.pop();
    assert!(!same_analysis(&case, &fewer));
}
