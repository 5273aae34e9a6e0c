//! Every canonical-cycle template of the rules library, opened as a case and analysed by
//! the real engine with the library's mandate levels, has a vicious loop, a complete
//! loop search and a plan that breaks every vicious loop through cuttable links or factors.

use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::model::Target;
use cirkelbreker::core::rules::{builtin, template_case};

#[test]
fn every_template_has_a_vicious_loop_and_a_plan_that_breaks_it() {
    let (library, problems) = builtin();
    assert!(problems.is_empty(), "library problems: {problems:?}");
    assert_eq!(library.templates().len(), 7);
    for template in library.templates() {
        let case = template_case(template, Lang::Nl);
        assert!(case.problems().is_empty(), "{}: {:?}", template.id, case.problems());
        let analysis = analyse(&case, &library, &AnalysisOptions::interactive());
        assert!(analysis.complete, "{}: the loop search of a template must be complete", template.id);
        assert!(analysis.vicious_count() >= 1, "{}: no vicious loop found", template.id);
        assert!(analysis.plan.optimal, "{}: the plan of a small template is proven optimal", template.id);
        for (index, cycle) in analysis.cycles.iter().enumerate().filter(|(_, c)| c.vicious) {
            let broken = analysis.plan.targets.iter().any(|target| match target {
                Target::Link(id) => cycle.link_ids.contains(id),
                Target::Factor(id) => cycle.factor_ids.contains(id),
            });
            assert!(
                broken || analysis.plan.uncovered.contains(&index),
                "{}: loop {} stays intact",
                template.id,
                cycle.key
            );
        }
    }
}

#[test]
fn templates_price_links_through_the_library() {
    let (library, _) = builtin();
    let priced = library
        .templates()
        .iter()
        .map(|template| {
            let case = template_case(template, Lang::Nl);
            let analysis = analyse(&case, &library, &AnalysisOptions::interactive());
            analysis.link_options.iter().filter(|option| option.instrument.is_some()).count()
        })
        .sum::<usize>();
    assert!(priced > 0, "no template link is priced by a library breakthrough instrument");
}
