//! The analysis worker's side (`www/analysis-worker.js` loads the app's module in a Web
//! Worker and calls [`analysis_reply`] for every request): the core's
//! [`Analyst`](crate::core::analysis::remote::Analyst) with the worker's clock.

use crate::core::analysis::remote::Analyst;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The worker's analyst: the library parsed once, on the first request.
    static ANALYST: RefCell<Option<Analyst>> = const { RefCell::new(None) };
}

/// Answers the JSON text of an analysis request with the bytes of its reply (see
/// `core::analysis::remote`), a `Uint8Array` on the JavaScript side.
#[wasm_bindgen]
pub fn analysis_reply(request: &str) -> Vec<u8> {
    let performance = js_sys::global().unchecked_into::<web_sys::WorkerGlobalScope>().performance();
    let now = || performance.as_ref().map_or(0.0, |p| p.now());
    ANALYST.with_borrow_mut(|analyst| analyst.get_or_insert_with(Analyst::default).reply(request, now))
}
