//! What is selected on the map, and the rules for changing it: a click selects one
//! thing, Shift+click adds or removes it, a selection box adds what it covers.

use crate::core::geometry::centres_within;
use crate::core::model::Case;

/// What is selected on the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Selected factor ids.
    pub factors: Vec<String>,
    /// Selected link ids.
    pub links: Vec<String>,
}

impl Selection {
    /// Just this factor.
    pub fn factor(id: &str) -> Selection {
        Selection { factors: vec![id.to_string()], links: Vec::new() }
    }

    /// Just this link.
    pub fn link(id: &str) -> Selection {
        Selection { factors: Vec::new(), links: vec![id.to_string()] }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.factors.is_empty() && self.links.is_empty()
    }

    /// Adds the factor, or takes it out when it is in (Shift+click).
    pub fn toggle_factor(&mut self, id: &str) {
        toggle(&mut self.factors, id);
    }

    /// Adds the link, or takes it out when it is in (Shift+click).
    pub fn toggle_link(&mut self, id: &str) {
        toggle(&mut self.links, id);
    }

    /// This selection plus what a box from `a` to `b` (world points, any corners) covers:
    /// the factors whose centre lies inside, and the links from or to them whose other
    /// end is selected too.
    pub fn with_box(&self, case: &Case, a: (f64, f64), b: (f64, f64)) -> Selection {
        let mut next = self.clone();
        let inside: Vec<&str> = centres_within(&case.factors, a, b).map(|f| f.id.as_str()).collect();
        for id in &inside {
            if !next.factors.iter().any(|f| f == id) {
                next.factors.push((*id).to_string());
            }
        }
        for link in &case.links {
            let ends = [link.from.as_str(), link.to.as_str()];
            let touches = ends.iter().any(|end| inside.contains(end));
            let both_selected = ends.iter().all(|end| next.factors.iter().any(|f| f == end));
            if touches && both_selected && !next.links.contains(&link.id) {
                next.links.push(link.id.clone());
            }
        }
        next
    }

    /// Drops ids that `case` no longer has (after an edit, undo or redo).
    pub fn prune(&mut self, case: &Case) {
        self.factors.retain(|id| case.factor(id).is_some());
        self.links.retain(|id| case.link(id).is_some());
    }
}

fn toggle(ids: &mut Vec<String>, id: &str) {
    match ids.iter().position(|x| x == id) {
        Some(position) => {
            ids.remove(position);
        }
        None => ids.push(id.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Factor, FactorKind, Link, Polarity};

    fn case() -> Case {
        let factor = |id: &str, x: f64| Factor { x, y: 0.0, ..Factor::new(id, id, FactorKind::Situatie) };
        Case {
            factors: vec![factor("a", 0.0), factor("b", 200.0), factor("c", 600.0)],
            links: vec![Link::new("ab", "a", "b", Polarity::Positive), Link::new("bc", "b", "c", Polarity::Positive)],
            ..Case::default()
        }
    }

    #[test]
    fn shift_click_adds_and_takes_out() {
        let mut selection = Selection::factor("a");
        selection.toggle_factor("b");
        selection.toggle_link("ab");
        assert_eq!(selection.factors, ["a", "b"]);
        selection.toggle_factor("a");
        selection.toggle_link("ab");
        assert_eq!(selection, Selection::factor("b"));
    }

    #[test]
    fn a_box_adds_covered_factors_and_links_between_selected_ones() {
        let case = case();
        let boxed = Selection::default().with_box(&case, (-50.0, -50.0), (250.0, 50.0));
        assert_eq!(boxed.factors, ["a", "b"]);
        assert_eq!(boxed.links, ["ab"]);
        // A second box around c: b is still selected, so b → c joins.
        let more = boxed.with_box(&case, (650.0, 50.0), (550.0, -50.0));
        assert_eq!(more.factors, ["a", "b", "c"]);
        assert_eq!(more.links, ["ab", "bc"]);
    }

    #[test]
    fn pruning_drops_what_is_gone() {
        let mut selection =
            Selection { factors: vec!["a".into(), "x".into()], links: vec!["gone".into(), "ab".into()] };
        selection.prune(&case());
        assert_eq!(selection, Selection { factors: vec!["a".into()], links: vec!["ab".into()] });
    }
}
