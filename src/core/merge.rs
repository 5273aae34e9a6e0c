//! Three-way merge of cases per field: two tabs (or a tab and its own stale copy) that
//! changed the same case from one base revision. A field only one side changed takes
//! that side's value; a field both changed to different values is a [`Conflict`] that
//! the user settles with [`resolve`]. Factors, links, interventions and checklist items
//! are matched by their identity (id, target, item), not by position, so an addition on
//! each side keeps both.
//!
//! The merge walks the case as JSON (`serde_json::Value`), so every field of the model,
//! including ones added later, is merged without being listed here.

use crate::core::edit::Edit;
use crate::core::model::{Case, CaseError, Target};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// One step of the way to a field: a key of an object, or the element of a list with
/// this identity (see [`identity`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// An object's key.
    Key(String),
    /// A list element, by identity.
    Item(String),
}

/// Which side of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// This tab's version.
    Mine,
    /// The version stored by the other tab.
    Theirs,
}

/// A field both sides changed, to different values. `None` is "deleted".
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Where the field is.
    pub path: Vec<Step>,
    /// This tab's value.
    pub mine: Option<Value>,
    /// The other tab's value.
    pub theirs: Option<Value>,
}

impl Conflict {
    /// The factor or link the field belongs to (its id), if it belongs to one.
    pub fn element(&self) -> Option<(&str, &str)> {
        match self.path.as_slice() {
            [Step::Key(list), Step::Item(id), ..] => Some((list.as_str(), id.as_str())),
            _ => None,
        }
    }

    /// The name of the field in the case format (`label`, `note`, `title`…); for a whole
    /// element (added, edited or deleted on one side) the list's name.
    pub fn field(&self) -> &str {
        self.path
            .iter()
            .rev()
            .find_map(|step| match step {
                Step::Key(key) => Some(key.as_str()),
                Step::Item(_) => None,
            })
            .unwrap_or_default()
    }

    /// A value as the user reads it: text as it is, anything else as compact JSON,
    /// "deleted" as `None`.
    pub fn shown(value: Option<&Value>) -> Option<String> {
        value.map(|value| match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        })
    }
}

/// The merged case and the conflicts in it; at each conflict it holds their value.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The merged case.
    pub case: Case,
    /// The fields both sides changed.
    pub conflicts: Vec<Conflict>,
}

/// Why two versions could not be merged into a valid case.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeError {
    /// The merged case breaks the model (a link to a factor the other side deleted).
    Invalid(Vec<CaseError>),
    /// The merged JSON is no case (cannot happen for cases written by this build).
    Shape(String),
}

/// Merges `mine` and `theirs`, both changed from `base`: at a conflict `theirs` is kept
/// (what is stored stays stored) and the conflict is listed, so the user can choose.
///
/// # Errors
/// [`MergeError::Invalid`] when the merged case is not a valid case.
pub fn merge_cases(base: &Case, mine: &Case, theirs: &Case) -> Result<Merged, MergeError> {
    let mine = &apart(base, mine, theirs);
    let mut conflicts = Vec::new();
    let merged = merge_value(
        Some(&to_value(base)),
        Some(&to_value(mine)),
        Some(&to_value(theirs)),
        Side::Theirs,
        &mut Vec::new(),
        &mut conflicts,
    );
    let case = to_case(merged)?;
    Ok(Merged { case, conflicts })
}

/// `mine` with a new id for every factor or link it added under an id that `theirs`
/// also added for something else (ids are handed out in order, so two tabs adding a
/// factor each give both the next id): two additions, not one element changed twice.
/// Links and interventions of `mine` follow the new ids.
fn apart(base: &Case, mine: &Case, theirs: &Case) -> Case {
    let mut mine = mine.clone();
    let taken =
        |id: &str, cases: [&Case; 3]| cases.iter().any(|case| case.factor(id).is_some() || case.link(id).is_some());
    let fresh = |id: &str, mine: &Case| {
        (2..).map(|n| format!("{id}-{n}")).find(|candidate| !taken(candidate, [base, mine, theirs])).unwrap_or_default()
    };
    let clashing: Vec<String> = mine
        .factors
        .iter()
        .filter(|f| base.factor(&f.id).is_none() && theirs.factor(&f.id).is_some_and(|t| t != *f))
        .map(|f| f.id.clone())
        .collect();
    for id in clashing {
        let new = fresh(&id, &mine);
        for factor in mine.factors.iter_mut().filter(|f| f.id == id) {
            factor.id.clone_from(&new);
        }
        for link in &mut mine.links {
            for end in [&mut link.from, &mut link.to] {
                if *end == id {
                    end.clone_from(&new);
                }
            }
        }
        for intervention in &mut mine.interventions {
            if intervention.target == Target::Factor(id.clone()) {
                intervention.target = Target::Factor(new.clone());
            }
        }
    }
    let clashing: Vec<String> = mine
        .links
        .iter()
        .filter(|l| base.link(&l.id).is_none() && theirs.link(&l.id).is_some_and(|t| t != *l))
        .map(|l| l.id.clone())
        .collect();
    for id in clashing {
        let new = fresh(&id, &mine);
        for link in mine.links.iter_mut().filter(|l| l.id == id) {
            link.id.clone_from(&new);
        }
        for intervention in &mut mine.interventions {
            if intervention.target == Target::Link(id.clone()) {
                intervention.target = Target::Link(new.clone());
            }
        }
    }
    mine
}

/// Settles a conflict of [`merge_cases`]: `case` with the field at `conflict.path` set to
/// the chosen side's value (or the element removed, when that side deleted it).
///
/// # Errors
/// As [`merge_cases`].
pub fn resolve(case: &Case, conflict: &Conflict, side: Side) -> Result<Case, MergeError> {
    let value = match side {
        Side::Mine => conflict.mine.clone(),
        Side::Theirs => conflict.theirs.clone(),
    };
    let mut whole = to_value(case);
    set_path(&mut whole, &conflict.path, value);
    to_case(Some(whole))
}

/// Rebases an edit of one factor or link made from a copy that may be stale: `after` is
/// `before` with the user's change, and the result applies that change to the factor or
/// link as it is now in `case`, so a field someone else changed since is kept. A field
/// both changed takes the user's value (it is what they just did; undo brings the other
/// back). Any other edit, or one whose factor or link is gone, is returned as it is.
pub fn rebase_edit(case: &Case, before: &Edit, after: &Edit) -> Edit {
    match (before, after) {
        (Edit::UpdateFactor(old), Edit::UpdateFactor(new)) if old.id == new.id => match case.factor(&new.id) {
            Some(current) => Edit::UpdateFactor(rebase(old, new, current).unwrap_or_else(|| new.clone())),
            None => after.clone(),
        },
        (Edit::UpdateLink(old), Edit::UpdateLink(new)) if old.id == new.id => match case.link(&new.id) {
            Some(current) => Edit::UpdateLink(rebase(old, new, current).unwrap_or_else(|| new.clone())),
            None => after.clone(),
        },
        _ => after.clone(),
    }
}

/// `current` with every field in which `mine` differs from `base` set to `mine`'s.
fn rebase<T: Serialize + DeserializeOwned>(base: &T, mine: &T, current: &T) -> Option<T> {
    let values = [base, mine, current].map(as_value);
    let [Some(base), Some(mine), Some(current)] = values else { return None };
    let merged = merge_value(Some(&base), Some(&mine), Some(&current), Side::Mine, &mut Vec::new(), &mut Vec::new())?;
    from_json_value(&merged).ok()
}

fn to_value(case: &Case) -> Value {
    as_value(case).unwrap_or(Value::Null)
}

/// `item` as a JSON value, made through JSON text: the app then carries one serde
/// serializer and deserializer for each type of the case, the ones case files use (the
/// direct value routes, `to_value` and `from_value`, would add a second copy of each:
/// about 25 kB of the gzipped wasm, measured).
fn as_value<T: Serialize>(item: &T) -> Option<Value> {
    serde_json::to_string(item).ok().and_then(|text| serde_json::from_str(&text).ok())
}

/// The item a JSON value holds, read through JSON text (see [`as_value`]).
fn from_json_value<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    serde_json::from_str(&value.to_string())
}

fn to_case(value: Option<Value>) -> Result<Case, MergeError> {
    let case: Case =
        from_json_value(&value.unwrap_or(Value::Null)).map_err(|error| MergeError::Shape(error.to_string()))?;
    let problems = case.problems();
    if problems.is_empty() {
        Ok(case)
    } else {
        Err(MergeError::Invalid(problems))
    }
}

/// Merges one value; `None` is absent (deleted, or a default the format leaves out).
/// At a conflict the `prefer`red side is kept and the conflict recorded.
fn merge_value(
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    prefer: Side,
    path: &mut Vec<Step>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    if mine == theirs {
        return mine.cloned();
    }
    if mine == base {
        return theirs.cloned();
    }
    if theirs == base {
        return mine.cloned();
    }
    match (base, mine, theirs) {
        (Some(Value::Object(b)), Some(Value::Object(m)), Some(Value::Object(t))) => {
            Some(Value::Object(merge_objects(b, m, t, prefer, path, conflicts)))
        }
        (Some(Value::Array(b)), Some(Value::Array(m)), Some(Value::Array(t))) => {
            Some(Value::Array(merge_lists(b, m, t, prefer, path, conflicts)))
        }
        // Both added an element with the same identity: merge it field by field.
        (None, Some(Value::Object(m)), Some(Value::Object(t))) => {
            Some(Value::Object(merge_objects(&Map::new(), m, t, prefer, path, conflicts)))
        }
        _ => {
            conflicts.push(Conflict { path: path.clone(), mine: mine.cloned(), theirs: theirs.cloned() });
            match prefer {
                Side::Mine => mine.cloned(),
                Side::Theirs => theirs.cloned(),
            }
        }
    }
}

fn merge_objects(
    base: &Map<String, Value>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    prefer: Side,
    path: &mut Vec<Step>,
    conflicts: &mut Vec<Conflict>,
) -> Map<String, Value> {
    let mut keys: Vec<&String> = theirs.keys().collect();
    keys.extend(mine.keys().filter(|key| !theirs.contains_key(*key)));
    keys.extend(base.keys().filter(|key| !theirs.contains_key(*key) && !mine.contains_key(*key)));
    let mut merged = Map::new();
    for key in keys {
        path.push(Step::Key(key.clone()));
        let value = merge_value(base.get(key), mine.get(key), theirs.get(key), prefer, path, conflicts);
        path.pop();
        if let Some(value) = value.filter(|value| !value.is_null()) {
            merged.insert(key.clone(), value);
        }
    }
    merged
}

/// Merges lists element by element, by identity: their order, then the elements only
/// mine has, in my order.
fn merge_lists(
    base: &[Value],
    mine: &[Value],
    theirs: &[Value],
    prefer: Side,
    path: &mut Vec<Step>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let find = |list: &[Value], id: &str| list.iter().find(|value| identity(value) == id).cloned();
    let mut ids: Vec<String> = theirs.iter().map(identity).collect();
    for value in mine.iter().chain(base) {
        let id = identity(value);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut merged = Vec::new();
    for id in ids {
        let (b, m, t) = (find(base, &id), find(mine, &id), find(theirs, &id));
        path.push(Step::Item(id));
        if let Some(value) = merge_value(b.as_ref(), m.as_ref(), t.as_ref(), prefer, path, conflicts) {
            merged.push(value);
        }
        path.pop();
    }
    merged
}

/// How a list element is recognised in the other versions: its `id` (factors, links),
/// `target` (interventions) or `item` (checklist entries); anything else by its value.
fn identity(value: &Value) -> String {
    match ["id", "target", "item"].iter().find_map(|key| value.get(key)) {
        Some(Value::String(id)) => id.clone(),
        Some(other) => other.to_string(),
        None => value.to_string(),
    }
}

/// Sets the value at `path` (removing it when `value` is `None`); a missing list element
/// is added at the end.
fn set_path(target: &mut Value, path: &[Step], value: Option<Value>) {
    let Some((step, rest)) = path.split_first() else {
        if let Some(value) = value {
            *target = value;
        }
        return;
    };
    match (step, target) {
        (Step::Key(key), Value::Object(map)) => {
            if rest.is_empty() {
                match value {
                    Some(value) => map.insert(key.clone(), value),
                    None => map.remove(key),
                };
            } else if let Some(inner) = map.get_mut(key) {
                set_path(inner, rest, value);
            }
        }
        (Step::Item(id), Value::Array(list)) => {
            let position = list.iter().position(|element| identity(element) == *id);
            match (position, rest.is_empty(), value) {
                (Some(index), true, None) => {
                    list.remove(index);
                }
                (Some(index), _, value) => set_path(&mut list[index], rest, value),
                (None, true, Some(value)) => list.push(value),
                (None, _, _) => {}
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Factor, FactorKind};

    fn case(factors: &[(&str, &str, &str)]) -> Case {
        Case {
            title: "T".into(),
            factors: factors
                .iter()
                .map(|(id, label, note)| Factor {
                    note: (*note).into(),
                    ..Factor::new(id, label, FactorKind::Situatie)
                })
                .collect(),
            ..Case::default()
        }
    }

    #[test]
    fn fields_changed_on_one_side_each_are_both_kept() {
        let base = case(&[("a", "Schuld", "")]);
        let mut mine = base.clone();
        mine.factors[0].label = "Schulden".into();
        let mut theirs = base.clone();
        theirs.factors[0].note = "Sinds maart".into();
        theirs.factors[0].kind = FactorKind::Schuld;
        let merged = merge_cases(&base, &mine, &theirs).expect("merges");
        assert_eq!(merged.conflicts, []);
        let factor = &merged.case.factors[0];
        assert_eq!(
            (factor.label.as_str(), factor.note.as_str(), factor.kind),
            ("Schulden", "Sinds maart", FactorKind::Schuld)
        );
    }

    #[test]
    fn additions_on_both_sides_keep_both_and_a_deletion_goes_through() {
        let base = case(&[("a", "A", ""), ("b", "B", "")]);
        let mine = case(&[("a", "A", ""), ("b", "B", ""), ("m", "Mijn", "")]);
        let theirs = case(&[("a", "A", ""), ("t", "Hun", "")]);
        let merged = merge_cases(&base, &mine, &theirs).expect("merges");
        let ids: Vec<&str> = merged.case.factors.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "t", "m"]);
        assert_eq!(merged.conflicts, []);
    }

    #[test]
    fn a_factor_each_side_added_under_the_same_id_stays_two_factors() {
        let base = case(&[("a", "A", "")]);
        let mine = case(&[("a", "A", ""), ("f2", "Mijn wijziging", "")]);
        let theirs = case(&[("a", "A", ""), ("f2", "Hun wijziging", "")]);
        let merged = merge_cases(&base, &mine, &theirs).expect("merges");
        assert_eq!(merged.conflicts, []);
        let labels: Vec<(&str, &str)> = merged.case.factors.iter().map(|f| (f.id.as_str(), f.label.as_str())).collect();
        assert_eq!(labels, [("a", "A"), ("f2", "Hun wijziging"), ("f2-2", "Mijn wijziging")]);
    }

    #[test]
    fn the_same_field_changed_twice_is_a_conflict_that_keeps_theirs_until_chosen() {
        let base = case(&[("a", "A", "oud")]);
        let mine = case(&[("a", "A", "mijn notitie")]);
        let theirs = case(&[("a", "A", "hun notitie")]);
        let merged = merge_cases(&base, &mine, &theirs).expect("merges");
        assert_eq!(merged.case.factors[0].note, "hun notitie");
        let [conflict] = merged.conflicts.as_slice() else { panic!("one conflict: {:?}", merged.conflicts) };
        assert_eq!(conflict.element(), Some(("factors", "a")));
        assert_eq!(conflict.field(), "note");
        assert_eq!(Conflict::shown(conflict.mine.as_ref()).as_deref(), Some("mijn notitie"));
        let chosen = resolve(&merged.case, conflict, Side::Mine).expect("valid");
        assert_eq!(chosen.factors[0].note, "mijn notitie");
    }

    #[test]
    fn an_edit_of_a_factor_the_other_side_deleted_is_a_conflict_and_can_restore_it() {
        let base = case(&[("a", "A", ""), ("b", "B", "")]);
        let mine = case(&[("a", "A", ""), ("b", "B", "bewerkt")]);
        let theirs = case(&[("a", "A", "")]);
        let merged = merge_cases(&base, &mine, &theirs).expect("merges");
        assert_eq!(merged.case.factors.len(), 1, "their deletion stays until the user chooses");
        let [conflict] = merged.conflicts.as_slice() else { panic!("one conflict") };
        assert_eq!(conflict.theirs, None);
        let restored = resolve(&merged.case, conflict, Side::Mine).expect("valid");
        assert_eq!(restored.factor("b").map(|f| f.note.as_str()), Some("bewerkt"));
    }

    #[test]
    fn a_stale_copy_of_a_factor_changes_only_the_field_the_user_edited() {
        let stale = Factor::new("a", "Schuld", FactorKind::Situatie);
        let mut current = stale.clone();
        current.note = "Notitie van tab A".into();
        current.kind = FactorKind::Zorgkloof;
        let now = Case { factors: vec![current], ..Case::default() };
        let typed = Factor { label: "Schulden bij de gemeente".into(), ..stale.clone() };
        let Edit::UpdateFactor(result) = rebase_edit(&now, &Edit::UpdateFactor(stale), &Edit::UpdateFactor(typed))
        else {
            panic!("an update")
        };
        assert_eq!(result.label, "Schulden bij de gemeente");
        assert_eq!(result.note, "Notitie van tab A");
        assert_eq!(result.kind, FactorKind::Zorgkloof);
    }
}
