//! The analysis at a distance: the messages between the editor and an analyst that runs
//! elsewhere (the web app's Web Worker), the analyst itself, and the queue that keeps the
//! analyst on the newest case.
//!
//! A request is JSON text carrying its number, the case and the user's own rules (the case
//! file's own encoding); the reply is the same number and the [`Analysis`] in postcard's
//! compact binary encoding: under half the size of its JSON (100 against 222 kB on a
//! 60-factor map, measured), read on the page without parsing text, and the analysis types
//! get no JSON code in the wasm. Both sides run the same [`analyse`] with
//! [`AnalysisOptions::interactive`]; the analyst parses the built-in library once and the
//! own rules again only when they change.

use super::{analyse, Analysis, AnalysisOptions};
use crate::core::model::{Case, Factor};
use crate::core::rules::schema::Rule;
use crate::core::rules::{builtin, Library};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// A request as the editor writes it.
#[derive(Serialize)]
struct RequestOut<'a> {
    id: u64,
    case: &'a Case,
    own_rules: &'a [Rule],
}

/// A request as the analyst reads it; the own rules stay text until they differ from the
/// last request's.
#[derive(Deserialize)]
struct RequestIn {
    id: u64,
    case: Case,
    own_rules: Box<RawValue>,
}

/// The analyst's answer to request `id`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Reply {
    /// The number of the request it answers.
    pub id: u64,
    /// The analysis, or why there is none (a request the analyst could not read).
    pub analysis: Result<Analysis, String>,
    /// How long the analysis took, in milliseconds of the analyst's clock.
    pub ms: f64,
}

/// The JSON text of request `id` for `case` with the user's `own_rules`.
pub fn request(id: u64, case: &Case, own_rules: &[Rule]) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(&RequestOut { id, case, own_rules }).unwrap_or_default()
}

/// Reads a reply; `None` for bytes that are not one.
pub fn read_reply(bytes: &[u8]) -> Option<Reply> {
    postcard::from_bytes(bytes).ok()
}

/// The side that analyses: the built-in library parsed once, the library with the own
/// rules of the last request kept until they change.
pub struct Analyst {
    builtin: Library,
    own: Option<(String, Library)>,
}

impl Default for Analyst {
    fn default() -> Self {
        Analyst { builtin: builtin().0, own: None }
    }
}

impl Analyst {
    /// Answers the JSON text of a request with the postcard bytes of its [`Reply`]; `now` is
    /// the clock in milliseconds.
    pub fn reply(&mut self, request: &str, now: impl Fn() -> f64) -> Vec<u8> {
        let reply = match serde_json::from_str::<RequestIn>(request) {
            Ok(request) => {
                let library = self.library(request.own_rules.get());
                let started = now();
                let analysis = analyse(&request.case, library, &AnalysisOptions::interactive());
                Reply { id: request.id, analysis: Ok(analysis), ms: now() - started }
            }
            Err(error) => Reply { id: 0, analysis: Err(error.to_string()), ms: 0.0 },
        };
        postcard::to_allocvec(&reply).unwrap_or_default()
    }

    /// The library with the own rules of `own_rules` (JSON text), built when they changed.
    /// Rules that do not read or validate are left out, as the editor leaves them out.
    fn library(&mut self, own_rules: &str) -> &Library {
        let rules: Vec<Rule> = serde_json::from_str(own_rules).unwrap_or_default();
        if rules.is_empty() {
            return &self.builtin;
        }
        if self.own.as_ref().is_none_or(|(text, _)| text != own_rules) {
            self.own = Some((own_rules.to_string(), self.builtin.with_user_rules(rules).0));
        }
        self.own.as_ref().map_or(&self.builtin, |(_, library)| library)
    }
}

/// Whether `a` and `b` have the same analysis: they differ at most in where their factors
/// stand (a drag or an arrow key moves factors and changes no loop). Every other field
/// counts; the patterns name each field, so a new one must be weighed here to compile.
pub fn same_analysis(a: &Case, b: &Case) -> bool {
    let Case { title, factors, links, virtuous_loops, interventions, mechanism_names, meeting, presentation, exercise } =
        a;
    let same_factor = |f: &Factor, g: &Factor| {
        let Factor { id, label, kind, x: _, y: _, note, fixed } = f;
        *id == g.id && *label == g.label && *kind == g.kind && *note == g.note && *fixed == g.fixed
    };
    *title == b.title
        && *links == b.links
        && *virtuous_loops == b.virtuous_loops
        && *interventions == b.interventions
        && *mechanism_names == b.mechanism_names
        && *meeting == b.meeting
        && *presentation == b.presentation
        && *exercise == b.exercise
        && factors.len() == b.factors.len()
        && factors.iter().zip(&b.factors).all(|(f, g)| same_factor(f, g))
}

/// The queue between the editor and one analyst: one request in flight at a time, and
/// while it is, only the newest request waits (a newer one replaces it), so a burst of
/// edits costs at most two analyses and the analyst never works on a superseded case
/// longer than one analysis.
#[derive(Debug)]
pub struct Latest<T> {
    newest: u64,
    in_flight: Option<(u64, T)>,
    waiting: Option<(u64, T)>,
}

/// What a reply answered (see [`Latest::answered`]).
#[derive(Debug, PartialEq)]
pub struct Answered<T> {
    /// The request it answered.
    pub request: T,
    /// Whether that was the newest request: only then is its analysis the current one.
    pub newest: bool,
}

impl<T> Default for Latest<T> {
    fn default() -> Self {
        Latest { newest: 0, in_flight: None, waiting: None }
    }
}

impl<T> Latest<T> {
    /// Adds a request and returns its number, with `true` when it should be sent now
    /// (nothing was in flight); otherwise it waits in place of any older waiting one.
    pub fn submit(&mut self, request: T) -> (u64, bool) {
        self.newest += 1;
        let id = self.newest;
        if self.in_flight.is_none() {
            self.in_flight = Some((id, request));
            (id, true)
        } else {
            self.waiting = Some((id, request));
            (id, false)
        }
    }

    /// The request in flight, with its number.
    pub fn in_flight(&self) -> Option<(u64, &T)> {
        self.in_flight.as_ref().map(|(id, request)| (*id, request))
    }

    /// The reply to request `id` arrived: returns what it answered (`None` when `id` is not
    /// the request in flight) and moves the waiting request, if any, into flight; send it
    /// then ([`Latest::in_flight`]).
    pub fn answered(&mut self, id: u64) -> Option<Answered<T>> {
        if self.in_flight.as_ref().is_none_or(|(flying, _)| *flying != id) {
            return None;
        }
        let (_, request) = self.in_flight.take()?;
        self.in_flight = self.waiting.take();
        Some(Answered { request, newest: id == self.newest })
    }

    /// The editor needs none of the open requests any more (it went back to the case the
    /// screen shows): the waiting one is dropped and no reply counts as the newest.
    pub fn forget(&mut self) {
        self.newest += 1;
        self.waiting = None;
    }

    /// Takes every request out (the analyst is gone): the one in flight, then the waiting.
    pub fn drain(&mut self) -> Vec<(u64, T)> {
        self.in_flight.take().into_iter().chain(self.waiting.take()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_request_replaces_the_waiting_one_and_only_the_newest_reply_is_current() {
        let mut queue = Latest::default();
        assert_eq!(queue.submit("a"), (1, true));
        assert_eq!(queue.submit("b"), (2, false));
        assert_eq!(queue.submit("c"), (3, false));
        assert_eq!(queue.in_flight(), Some((1, &"a")));
        // The reply to "a" is not current: "c" is newer, and it goes out next ("b" never does).
        assert_eq!(queue.answered(1), Some(Answered { request: "a", newest: false }));
        assert_eq!(queue.in_flight(), Some((3, &"c")));
        assert_eq!(queue.answered(3), Some(Answered { request: "c", newest: true }));
        assert_eq!(queue.in_flight(), None);
        assert_eq!(queue.submit("d"), (4, true));
    }

    #[test]
    fn a_reply_to_a_request_not_in_flight_answers_nothing() {
        let mut queue = Latest::default();
        queue.submit(1);
        queue.submit(2);
        assert_eq!(queue.answered(2), None);
        assert_eq!(queue.answered(7), None);
        assert_eq!(queue.in_flight(), Some((1, &1)));
        assert_eq!(queue.drain(), vec![(1, 1), (2, 2)]);
        assert_eq!(queue.in_flight(), None);
    }

    #[test]
    fn after_forget_no_reply_is_the_newest_and_nothing_waits() {
        let mut queue = Latest::default();
        queue.submit("a");
        queue.submit("b");
        queue.forget();
        assert_eq!(queue.answered(1), Some(Answered { request: "a", newest: false }));
        assert_eq!(queue.in_flight(), None);
    }
}
