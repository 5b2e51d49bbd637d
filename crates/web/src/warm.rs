//! Warms the chain demos' engine code while the reader is idle.
//!
//! The browser first runs wasm with its baseline compiler and optimises a
//! function only once it has been busy, so a reader's first apply would run
//! the chain and fit code unoptimised. After demo 3.1 or 3.3 mounts, one
//! idle callback computes a one-step chain (and, for 3.3, one step's column
//! fits) and throws the result away: a few milliseconds of idle time, each
//! well under one 50 ms unit, on the code a first apply spends its time in.

use dpm_engine::demos::demo_3::{self as model, FittedRestoration, Params, DEFAULTS};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// What to warm after demo `id` has mounted (nothing for the others).
pub fn after_mount(id: &str) {
    let fits = match id {
        "demo_3_1" => false,
        "demo_3_3" => true,
        _ => return,
    };
    let task = Closure::once_into_js(move || {
        if crate::stopped() {
            return;
        }
        let p = Params {
            steps: 1,
            ..DEFAULTS
        };
        // Results are discarded; an error only means nothing was warmed.
        if let Ok(chain) = model::chain(&p) {
            if fits {
                let mut fit = FittedRestoration::start(&chain);
                let _ = fit.step(&chain);
            }
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_idle_callback(task.unchecked_ref());
    }
}
