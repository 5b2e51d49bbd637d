//! Warms the chain demos' code while the reader is idle.
//!
//! The browser first runs wasm with its baseline compiler and optimises a
//! function only once it has been busy, and a canvas's first chart pays for
//! its context, text and image paths: a reader's first apply would run the
//! chain, fit and drawing code cold. After demo 3.1 or 3.3 mounts, idle
//! callbacks compute a one-step chain (and, for 3.3, one step's column
//! fits), then draw its first panel and posterior heat map into a canvas
//! that is never in the page, and throw it all away: a few milliseconds of
//! idle time per callback, each well under one 50 ms unit, on the code a
//! first apply spends its time in.

use std::rc::Rc;

use dpm_charts::demos::demo_3_1 as charts;
use dpm_engine::chain::Chain;
use dpm_engine::demos::demo_3::{self as model, FittedRestoration, Params, DEFAULTS};
use dpm_engine::grid;

use crate::canvas::{self, Plot, Shape};
use crate::dom;
use crate::i18n::Lang;

/// Side of the warm-up canvas, in device pixels (a chain panel's size).
const SIDE: u32 = 240;

/// What to warm after demo `id` has mounted (nothing for the others).
pub fn after_mount(id: &str) {
    let fits = match id {
        "demo_3_1" => false,
        "demo_3_3" => true,
        _ => return,
    };
    crate::idle::once(move || {
        let p = Params {
            steps: 1,
            ..DEFAULTS
        };
        // Results are discarded; an error only means nothing was warmed.
        let Ok(chain) = model::chain(&p) else { return };
        if fits {
            let mut fit = FittedRestoration::start(&chain);
            let _ = fit.step(&chain);
        }
        let chain = Rc::new(chain);
        crate::idle::once(move || draw(&chain));
    });
}

/// Draws the chain's first panel and posterior heat map off the page.
fn draw(chain: &Chain) {
    let Ok(grid_div) = dom::document().create_element("div") else {
        return;
    };
    let Ok(plot) = Plot::new(&grid_div, Shape::Square, "") else {
        return;
    };
    plot.resize(SIDE, SIDE);
    let x = grid::points();
    if let Some(pdf) = chain.forward().first() {
        let title = crate::i18n::step_title(Lang::En, 0, chain.alphas());
        let _ = plot.draw_line_chart(&charts::forward_pdf(title, &x, pdf));
    }
    if let Some(step) = chain.steps().first() {
        let map = charts::step_posterior_heatmap(
            crate::i18n::posterior_title(1),
            step.posterior(),
            grid::N,
        );
        let _ = plot.draw_heatmap(&map, canvas::next_generation(1));
    }
}
