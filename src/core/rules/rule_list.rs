//! A library's rules, which the embedded library reads from its sector files only when
//! they are first asked for: the web app's first screen needs none of them, and the
//! sector files are four fifths of the library's text.

use super::load::{read_rules, FileContent};
use super::schema::Rule;
use std::sync::{Arc, OnceLock};

/// The rules of a library: given, or read from sector files on first use. Copies share
/// one reading.
#[derive(Clone, Debug, Default)]
pub(super) struct RuleList {
    rules: Arc<OnceLock<Vec<Rule>>>,
    /// The files the rules are read from when they were not given.
    files: &'static [(&'static str, FileContent)],
}

impl RuleList {
    /// These rules.
    pub(super) fn given(rules: Vec<Rule>) -> RuleList {
        RuleList { rules: Arc::new(OnceLock::from(rules)), files: &[] }
    }

    /// The rules of the sector files among `files`, read when first asked for. The files
    /// have passed the library's checks (`load_files`), so reading them finds no problem.
    pub(super) fn later(files: &'static [(&'static str, FileContent)]) -> RuleList {
        RuleList { rules: Arc::new(OnceLock::new()), files }
    }

    /// The rules, in file order (read now if they were not yet).
    pub(super) fn get(&self) -> &[Rule] {
        self.rules.get_or_init(|| read_rules(self.files, &mut Vec::new()))
    }
}

impl PartialEq for RuleList {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.rules, &other.rules) || self.get() == other.get()
    }
}
