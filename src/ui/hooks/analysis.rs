//! The live analysis, off the main thread: every change of the case (or of the own rules)
//! is sent to a Web Worker (`www/analysis-worker.js`, running the same module and the core's
//! `analyse`), one request at a time with only the newest waiting
//! (`core::analysis::remote::Latest`), so the map is updated at once and the panels follow
//! when the analysis arrives. Until then the panels keep the analysis they have and say it
//! is being updated. Moving factors changes no analysis and sends nothing.
//!
//! When no worker can run (it cannot start, or it stops), the analysis runs here, as it
//! did before the worker.

use crate::core::analysis::remote::{read_reply, request, same_analysis, Latest};
use crate::core::analysis::{analyse, Analysis, AnalysisOptions};
use crate::core::model::Case;
use crate::core::number::Fixed;
use crate::core::rules::schema::Rule;
use crate::core::rules::Library;
use gloo::events::EventListener;
use js_sys::Uint8Array;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::prelude::*;

/// The worker's script, relative to the page.
const WORKER_SCRIPT: &str = "www/analysis-worker.js";

/// What the analysis is asked for: the case, the own rules (sent along) and the library
/// they make (to tell whether an analysis was made with it).
#[derive(Clone)]
struct Input {
    case: Rc<Case>,
    own_rules: Rc<Vec<Rule>>,
    library: Rc<Library>,
}

impl PartialEq for Input {
    /// The same values (each change makes a new one).
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.case, &other.case)
            && Rc::ptr_eq(&self.own_rules, &other.own_rules)
            && Rc::ptr_eq(&self.library, &other.library)
    }
}

impl Input {
    /// Whether an analysis of `self` is one of `other`.
    fn answers(&self, other: &Input) -> bool {
        Rc::ptr_eq(&self.library, &other.library) && same_analysis(&self.case, &other.case)
    }

    /// The analysis, here on the main thread.
    fn analyse_here(&self) -> Shown {
        let started = now_ms();
        let analysis = analyse(&self.case, self.library.as_ref(), &AnalysisOptions::interactive());
        record_analysis(now_ms() - started, "page");
        Shown { input: self.clone(), analysis: Rc::new(analysis) }
    }
}

/// The analysis on screen and what it is the analysis of.
#[derive(Clone)]
struct Shown {
    input: Input,
    analysis: Rc<Analysis>,
}

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis)
    }
}

/// The worker, its listeners and the queue of requests.
#[derive(Default)]
struct Relay {
    worker: Option<Worker>,
    listeners: Vec<EventListener>,
    queue: Latest<Input>,
}

impl Relay {
    /// Sends the request in flight, if any; false when the worker cannot take it.
    fn send(&self) -> bool {
        let (Some(worker), Some((id, input))) = (&self.worker, self.queue.in_flight()) else { return true };
        worker.post_message(&JsValue::from_str(&request(id, &input.case, &input.own_rules))).is_ok()
    }

    /// Stops the worker for good; returns the newest request that was still open.
    fn stop(&mut self) -> Option<Input> {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.listeners.clear();
        self.queue.drain().pop().map(|(_, input)| input)
    }
}

/// The analysis the screen shows and whether it is the analysis of the present case.
pub struct LiveAnalysis {
    /// The newest analysis that arrived (of the present case when `current`).
    pub analysis: Rc<Analysis>,
    /// False while the analysis of the present case is still being made.
    pub current: bool,
}

/// The live analysis of `case` with the own rules and the library they make.
#[hook]
pub fn use_analysis(case: &Rc<Case>, own_rules: &Rc<Vec<Rule>>, library: &Rc<Library>) -> LiveAnalysis {
    let input = Input { case: case.clone(), own_rules: own_rules.clone(), library: library.clone() };
    let shown = {
        // The first screen starts from the analysis of an empty map, which needs no engine;
        // a case storage opened before the first render goes to the worker like any change,
        // so a large one never holds up the first screen.
        let empty = Input { case: Rc::new(Case::default()), ..input.clone() };
        use_state_eq(move || Shown { input: empty, analysis: Rc::new(Analysis::of_empty_map()) })
    };
    let relay = use_mut_ref(Relay::default);
    {
        let relay = relay.clone();
        let set_shown = shown.setter();
        use_effect_with((), move |_| {
            start_worker(&relay, set_shown);
            move || drop(relay.borrow_mut().stop())
        });
    }
    {
        let relay = relay.clone();
        let set_shown = shown.setter();
        let on_screen = shown.input.clone();
        use_effect_with(input.clone(), move |input| {
            let mut relay = relay.borrow_mut();
            if on_screen.answers(input) {
                // Back to what the screen shows (an undo, a move): no reply in flight is wanted.
                relay.queue.forget();
            } else if relay.worker.is_some() {
                if relay.queue.submit(input.clone()).1 && !relay.send() {
                    let newest = relay.stop();
                    drop(relay);
                    set_shown.set(newest.unwrap_or_else(|| input.clone()).analyse_here());
                }
            } else {
                drop(relay);
                set_shown.set(input.analyse_here());
            }
        });
    }
    let current = shown.input.answers(&input);
    // Said on the page as the render starts, before any of its DOM changes, for the tests and
    // the benchmark (`data-analysis` on the root element: `current` or `pending`).
    let said = use_mut_ref(|| None::<bool>);
    if *said.borrow() != Some(current) {
        *said.borrow_mut() = Some(current);
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-analysis", if current { "current" } else { "pending" });
        }
    }
    LiveAnalysis { analysis: shown.analysis.clone(), current }
}

/// Starts the worker and hands it the app's compiled module; without a worker (none can be
/// made here) the relay stays empty and the analysis runs on the main thread.
fn start_worker(relay: &Rc<RefCell<Relay>>, set_shown: UseStateSetter<Shown>) {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let Ok(worker) = Worker::new_with_options(WORKER_SCRIPT, &options) else { return };
    if worker.post_message(&wasm_bindgen::module()).is_err() {
        worker.terminate();
        return;
    }
    let weak = Rc::downgrade(relay);
    let on_message = {
        let weak = weak.clone();
        let set_shown = set_shown.clone();
        EventListener::new(&worker, "message", move |event| {
            let bytes = event.dyn_ref::<MessageEvent>().and_then(|m| m.data().dyn_into::<Uint8Array>().ok());
            received(&weak, bytes.map(|bytes| bytes.to_vec()).as_deref(), &set_shown);
        })
    };
    // The worker stopped on an error (a trap in the analysis): analyse here from now on.
    let on_error = EventListener::new(&worker, "error", move |_| received(&weak, None, &set_shown));
    let mut relay = relay.borrow_mut();
    relay.worker = Some(worker);
    relay.listeners = vec![on_message, on_error];
}

/// A message from the worker: a reply (shown when it answers the newest request), or
/// `None` when the worker cannot analyse (then the newest request is analysed here).
fn received(relay: &Weak<RefCell<Relay>>, bytes: Option<&[u8]>, set_shown: &UseStateSetter<Shown>) {
    let Some(relay) = relay.upgrade() else { return };
    let reply = bytes.and_then(read_reply);
    let show = {
        let mut relay = relay.borrow_mut();
        match reply {
            Some(reply) => {
                let answered = relay.queue.answered(reply.id);
                let sent = relay.send();
                match (answered, reply.analysis, sent) {
                    (_, _, false) => relay.stop().map(|input| input.analyse_here()),
                    (Some(answered), Ok(analysis), true) if answered.newest => {
                        record_analysis(reply.ms, "worker");
                        Some(Shown { input: answered.request, analysis: Rc::new(analysis) })
                    }
                    (Some(answered), Err(problem), true) => {
                        gloo::console::warn!(format!("analysis worker: {problem}"));
                        answered.newest.then(|| answered.request.analyse_here())
                    }
                    _ => None,
                }
            }
            None => relay.stop().map(|input| input.analyse_here()),
        }
    };
    if let Some(shown) = show {
        set_shown.set(shown);
    }
}

/// Milliseconds from the page's clock (0 when there is none).
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Keeps the duration of the last analysis and where it ran (`worker` or `page`) on the
/// page (`data-analysis-ms` and `data-analysis-by` on the root element), for the benchmark
/// and the tests.
fn record_analysis(ms: f64, by: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-analysis-ms", &Fixed(ms, 3).to_string());
        let _ = root.set_attribute("data-analysis-by", by);
    }
}
