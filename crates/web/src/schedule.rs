//! At most one recompute-and-redraw per animation frame, timed.
//!
//! The first request after an idle frame runs at once, inside the event
//! handler: waiting for the next frame would add up to 16 ms of latency to
//! every drag step for nothing. Further requests in the same frame are
//! coalesced into one run at the next `requestAnimationFrame`, which then
//! owns that frame. Each run records a User Timing measure
//! (`performance.measure("demo_2:update", {start, end})`) from the earliest
//! input event it serves to the end of drawing, which the browser tests read.

use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn performance_measure(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = performance, js_name = clearMeasures)]
    fn performance_clear_measures(name: &str);
}

/// `performance.now()`, the clock of `Event.timeStamp`.
pub fn now() -> f64 {
    performance_now()
}

/// Runs `f` in a task of its own (`setTimeout` 0), as soon as the browser
/// can.
pub fn soon(f: impl FnOnce() + 'static) {
    let task = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback(task.unchecked_ref());
    }
}

/// Measures kept per name before the oldest are dropped, so a long session
/// does not grow the performance timeline without bound.
const MAX_MEASURES: u32 = 10_000;

/// Records `name` from `start` to now; `count` is how many its owner has
/// recorded (the oldest are cleared past `MAX_MEASURES`).
pub fn measure(name: &str, start: f64, count: &Cell<u32>) {
    let options = js_sys::Object::new();
    let end = now();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.min(end).into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
    if count.get() >= MAX_MEASURES {
        performance_clear_measures(name);
        count.set(0);
    }
    count.set(count.get() + 1);
    // Old browsers without the options form throw; timing is optional.
    let _ = performance_measure(name, &options);
}

/// Records `name` from `start` to `end` (at most one kept per name: a
/// demo's latest, e.g. the longest unit of its last apply).
pub fn measure_span(name: &str, start: f64, end: f64) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end.max(start).into());
    performance_clear_measures(name);
    let _ = performance_measure(name, &options);
}

struct Inner {
    /// The measure's name, e.g. `demo_2:update`.
    name: &'static str,
    /// Recompute what changed and redraw.
    run: Box<dyn Fn()>,
    /// A run has happened since the last animation frame began.
    ran_this_frame: Cell<bool>,
    /// Start time of the earliest request not yet served.
    pending: Cell<Option<f64>>,
    frame_requested: Cell<bool>,
    on_frame: OnceCell<Closure<dyn FnMut(f64)>>,
    measures: Cell<u32>,
}

/// Coalesces update requests of one demo to animation frames.
#[derive(Clone)]
pub struct Scheduler {
    inner: Rc<Inner>,
}

impl Scheduler {
    /// A scheduler that calls `run` and records measures named `name`.
    pub fn new(name: &'static str, run: impl Fn() + 'static) -> Scheduler {
        let inner = Rc::new(Inner {
            name,
            run: Box::new(run),
            ran_this_frame: Cell::new(false),
            pending: Cell::new(None),
            frame_requested: Cell::new(false),
            on_frame: OnceCell::new(),
            measures: Cell::new(0),
        });
        // The frame callback holds a weak reference: no cycle through the closure.
        let weak = Rc::downgrade(&inner);
        let closure = Closure::<dyn FnMut(f64)>::new(move |_t: f64| {
            if let Some(inner) = weak.upgrade() {
                Scheduler { inner }.on_frame();
            }
        });
        let _ = inner.on_frame.set(closure);
        Scheduler { inner }
    }

    /// Asks for a run serving an input that happened at `start`
    /// (`Event.timeStamp`, or `now()`).
    pub fn request(&self, start: f64) {
        let i = &self.inner;
        if crate::stopped() {
            return;
        }
        if i.ran_this_frame.get() {
            let earliest = i.pending.get().map_or(start, |p| p.min(start));
            i.pending.set(Some(earliest));
        } else {
            self.run_now(start);
        }
        self.request_frame();
    }

    fn run_now(&self, start: f64) {
        let i = &self.inner;
        i.ran_this_frame.set(true);
        (i.run)();
        measure(i.name, start, &i.measures);
    }

    fn on_frame(&self) {
        let i = &self.inner;
        i.frame_requested.set(false);
        if crate::stopped() {
            return;
        }
        match i.pending.take() {
            Some(start) => {
                self.run_now(start);
                // This frame is spent; the next one is free again.
                self.request_frame();
            }
            None => i.ran_this_frame.set(false),
        }
    }

    fn request_frame(&self) {
        let i = &self.inner;
        if i.frame_requested.get() {
            return;
        }
        let (Some(window), Some(cb)) = (web_sys::window(), i.on_frame.get()) else {
            return;
        };
        if window
            .request_animation_frame(cb.as_ref().unchecked_ref())
            .is_ok()
        {
            i.frame_requested.set(true);
        }
    }
}
