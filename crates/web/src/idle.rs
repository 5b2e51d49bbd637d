//! Work done while the reader is idle (`requestIdleCallback`): warming a
//! demo's next result before it is asked for, and drawing panels far from
//! the viewport after an apply.
//!
//! A job is a closure that does one short piece (a few milliseconds, far
//! under the 50 ms long-task mark) and says whether more is left. Each idle
//! period runs pieces until less than the job's margin is left, then the job
//! asks for the next period.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::IdleDeadline;

type Step = Rc<RefCell<dyn FnMut() -> bool>>;

/// Longest run of pieces in one idle callback, however long the period: a
/// click that comes during it waits for it, and an idle period can be 50 ms.
const SHARE_MS: f64 = 8.0;

/// Runs `step` in idle periods until it returns false. A period's share
/// ends when less than `margin_ms` of it is left or after [`SHARE_MS`]
/// (at least one piece per period).
/// With `timeout_ms`, a period is forced after that long even if the page
/// never idles (then one piece runs per callback).
pub fn run(margin_ms: f64, timeout_ms: Option<u32>, step: impl FnMut() -> bool + 'static) {
    request(margin_ms, timeout_ms, Rc::new(RefCell::new(step)));
}

fn request(margin_ms: f64, timeout_ms: Option<u32>, step: Step) {
    let task = Closure::once_into_js(move |deadline: IdleDeadline| {
        if crate::stopped() {
            return;
        }
        let t0 = crate::schedule::now();
        let more = match step.try_borrow_mut() {
            Ok(mut f) => loop {
                if !f() {
                    break false;
                }
                if deadline.time_remaining() < margin_ms || crate::schedule::now() - t0 > SHARE_MS {
                    break true;
                }
            },
            Err(_) => true,
        };
        if more {
            request(margin_ms, timeout_ms, step);
        }
    });
    let Some(w) = web_sys::window() else { return };
    let _ = match timeout_ms {
        Some(ms) => {
            let options = web_sys::IdleRequestOptions::new();
            options.set_timeout(ms);
            w.request_idle_callback_with_options(task.unchecked_ref(), &options)
        }
        None => w.request_idle_callback(task.unchecked_ref()),
    };
}

/// Runs `step` on `demo` in idle periods (see [`run`]) until it returns
/// false or the demo is gone: a demo's warm-up of its next result. Each
/// call starts a job; overlapping jobs share the work (each piece advances
/// the demo's own state) and all stop when it is done.
pub fn warm<T: 'static>(
    demo: Weak<RefCell<T>>,
    margin_ms: f64,
    mut step: impl FnMut(&mut T) -> bool + 'static,
) {
    run(margin_ms, None, move || {
        let Some(demo) = demo.upgrade() else {
            return false;
        };
        // An apply's unit never holds it across tasks; if one did, stop.
        let warmed = demo.try_borrow_mut().map(|mut d| step(&mut d));
        warmed.unwrap_or(false)
    });
}

/// Runs `f` once in the next idle period (or after a second without
/// one), unless the page has stopped.
pub fn once(f: impl FnOnce() + 'static) {
    let mut f = Some(f);
    run(0.0, Some(1000), move || {
        if let Some(f) = f.take() {
            f();
        }
        false
    });
}
