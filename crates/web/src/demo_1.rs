//! Demo 1 - Random Variable Transform In DPM: q(x), the linear transform
//! `sqrt(alpha_s) x`, the added noise `x + sqrt(1 - alpha_e) eps`, and both.
//!
//! Controls: `seed` (q(x), shape 0, no special seeds), `alpha_linear`,
//! `alpha_noise` (ranges and defaults in `dpm_engine::demos::demo_1`). The
//! engine's model recomputes only the curves a change affects: alpha_linear
//! the linear and both, alpha_noise the noise and both.

use dpm_charts::demos::demo_1 as charts;
use dpm_engine::demos::demo_1::{self as model, Model, Params, DEFAULTS};
use dpm_engine::EngineError;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::canvas::{self, plot_names};
use crate::dom::{self, Control};
use crate::i18n;
use crate::{Live, LiveDemo, View};

const ID: &str = "demo_1";

plot_names!(P {
    Input => ("q_x", Line),
    Linear => ("linear", Line),
    Noise => ("noise", Line),
    Both => ("both", Line),
});

impl P {
    fn title(self) -> i18n::Text {
        match self {
            P::Input => i18n::D1_INPUT,
            P::Linear => i18n::D1_LINEAR,
            P::Noise => i18n::D1_NOISE,
            P::Both => i18n::D1_BOTH,
        }
    }
}

fn changed_mask(c: model::Changed) -> u32 {
    P::mask(&[
        (c.q_x, &[P::Input]),
        (c.linear, &[P::Linear]),
        (c.noise, &[P::Noise]),
        (c.both, &[P::Both]),
    ])
}

/// Starts at the defaults (`Params::default()` is `DEFAULTS`).
#[derive(Default)]
struct Demo1 {
    wanted: Params,
    model: Model,
}

impl LiveDemo for Demo1 {
    const MEASURE: &'static str = "demo_1:update";

    fn update(&mut self) -> Result<u32, EngineError> {
        self.model.update(&self.wanted).map(changed_mask)
    }

    fn redraw(&mut self, view: &View, mask: u32) {
        if self.model.params().is_none() {
            return;
        }
        let m = &self.model;
        for &p in P::ALL {
            if mask & p.bit() == 0 {
                continue;
            }
            let curve = match p {
                P::Input => m.q_x(),
                P::Linear => m.linear(),
                P::Noise => m.noise(),
                P::Both => m.both(),
            };
            let chart = charts::pdf_plot(p.title().get(view.lang), &view.x, curve);
            canvas::report(view.plots[p as usize].draw_line_chart(&chart));
        }
    }
}

/// Builds Demo 1 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let (ui, controls) = dom::demo_ui()?;
    let seed = Control::seed(&controls, ID, "seed", i18n::SEED, f64::from(DEFAULTS.seed))?;
    let alpha = |param, label, c| Control::slider(&controls, ID, param, label, c, 3);
    let alpha_linear = alpha("alpha_linear", i18n::ALPHA_LINEAR, &model::ALPHA_LINEAR)?;
    let alpha_noise = alpha("alpha_noise", i18n::ALPHA_NOISE, &model::ALPHA_NOISE)?;
    let grid_el = dom::child(&ui, "div", "plots plots-4")?;
    let plots = P::new_plots(&grid_el, P::ALL)?;
    let status = dom::status_line(&ui)?;

    let demo = Live::new(plots, status, Demo1::default());
    let inputs: Vec<crate::Input<Live<Demo1>>> = vec![
        (seed, |d, v| d.state.wanted.seed = v as u32),
        (alpha_linear, |d, v| d.state.wanted.alpha_linear = v),
        (alpha_noise, |d, v| d.state.wanted.alpha_noise = v),
    ];
    crate::wire(root, &ui, demo, inputs)?;
    Ok(())
}
