//! Demo 1 - Random Variable Transform In DPM: q(x), the linear transform
//! `sqrt(alpha_s) x`, the added noise `x + sqrt(1 - alpha_e) eps`, and both.
//!
//! Controls: `seed` (q(x), shape 0, no special seeds), `alpha_linear`,
//! `alpha_noise` (0.3..0.999, step 0.001). Each change recomputes only the
//! curves it affects: alpha_linear the linear and both, alpha_noise the noise
//! and both.

use dpm_charts::demos::demo_1 as charts;
use dpm_engine::{data, grid, transform};
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::canvas::{self, Plot, Shape};
use crate::dom::{self, Control, NumberSpec};
use crate::i18n::{self, Lang};
use crate::Demo;

const ID: &str = "demo_1";
const ALPHA: NumberSpec = NumberSpec::slider(0.3, 0.999, 0.001, 3);

// Plot bits.
const INPUT: u32 = 1 << 0;
const LINEAR: u32 = 1 << 1;
const NOISE: u32 = 1 << 2;
const BOTH: u32 = 1 << 3;
const TITLES: [i18n::Text; 4] = [
    i18n::D1_INPUT,
    i18n::D1_LINEAR,
    i18n::D1_NOISE,
    i18n::D1_BOTH,
];

/// What the curves were computed for.
#[derive(Clone, Copy, PartialEq)]
struct Params {
    seed: u32,
    alpha_linear: f64,
    alpha_noise: f64,
}

struct Demo1 {
    /// The grid, shared by every curve.
    x: Vec<f64>,
    plots: Vec<Plot>,
    status: Element,
    lang: Lang,
    wanted: Params,
    done: Option<Params>,
    q_x: Vec<f64>,
    linear: Vec<f64>,
    noise: Vec<f64>,
    both: Vec<f64>,
}

impl Demo1 {
    fn compute(&mut self) -> Result<u32, dpm_engine::EngineError> {
        let p = self.wanted;
        let done = self.done;
        let mut changed = 0;
        if done.map(|d| d.seed) != Some(p.seed) {
            self.q_x = data::mixture(p.seed, 0, data::DEFAULT_MODAL_COUNT)?;
            changed |= INPUT;
        }
        if changed != 0 || done.map(|d| d.alpha_linear) != Some(p.alpha_linear) {
            self.linear = transform::linear(&self.q_x, p.alpha_linear)?;
            changed |= LINEAR;
        }
        if changed & INPUT != 0 || done.map(|d| d.alpha_noise) != Some(p.alpha_noise) {
            transform::add_noise_into(&self.q_x, p.alpha_noise, &mut self.noise)?;
            changed |= NOISE;
        }
        if changed & (LINEAR | NOISE) != 0 {
            transform::add_noise_into(&self.linear, p.alpha_noise, &mut self.both)?;
            changed |= BOTH;
        }
        self.done = Some(p);
        Ok(changed)
    }
}

impl Demo for Demo1 {
    const MEASURE: &'static str = "demo_1:update";

    fn plots(&self) -> &[Plot] {
        &self.plots
    }

    fn update(&mut self) {
        match self.compute() {
            Ok(changed) => {
                dom::show_status(&self.status, None);
                self.redraw(changed);
            }
            Err(e) => dom::show_status(&self.status, Some(&e.to_string())),
        }
    }

    fn redraw(&mut self, mask: u32) {
        if self.done.is_none() {
            return;
        }
        let x = &self.x[..];
        let curves = [&self.q_x, &self.linear, &self.noise, &self.both];
        for (i, (plot, curve)) in self.plots.iter().zip(curves).enumerate() {
            if mask & (1 << i) != 0 {
                let chart = charts::pdf_plot(TITLES[i].get(self.lang), x, curve);
                canvas::report(plot.draw_line_chart(&chart));
            }
        }
    }

    fn relabel(&mut self, lang: Lang) {
        self.lang = lang;
    }
}

/// Builds Demo 1 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let ui = dom::el("div", "demo-ui")?;
    let controls = dom::child(&ui, "div", "demo-controls")?;
    let seed = Control::seed(&controls, ID, "seed", i18n::SEED, 100.0)?;
    let alpha_linear = Control::new(
        &controls,
        ID,
        "alpha_linear",
        i18n::ALPHA_LINEAR,
        ALPHA,
        0.7,
        true,
    )?;
    let alpha_noise = Control::new(
        &controls,
        ID,
        "alpha_noise",
        i18n::ALPHA_NOISE,
        ALPHA,
        0.995,
        true,
    )?;
    let grid_el = dom::child(&ui, "div", "plots plots-4")?;
    let plots = ["q_x", "linear", "noise", "both"]
        .iter()
        .map(|name| Plot::new(&grid_el, Shape::Line, name))
        .collect::<Result<Vec<_>, _>>()?;
    let status = dom::status_line(&ui)?;

    let demo = Demo1 {
        x: grid::points(),
        plots,
        status,
        lang: dom::page_lang(),
        wanted: Params {
            seed: 100,
            alpha_linear: 0.7,
            alpha_noise: 0.995,
        },
        done: None,
        q_x: Vec::new(),
        linear: Vec::new(),
        noise: vec![0.0; grid::N],
        both: vec![0.0; grid::N],
    };
    let controls = vec![seed.clone(), alpha_linear.clone(), alpha_noise.clone()];
    let (demo, scheduler) = crate::wire(root, &ui, demo, controls)?;

    crate::connect(&seed, &demo, &scheduler, |d, v| d.wanted.seed = v as u32)?;
    crate::connect(&alpha_linear, &demo, &scheduler, |d, v| {
        d.wanted.alpha_linear = v
    })?;
    crate::connect(&alpha_noise, &demo, &scheduler, |d, v| {
        d.wanted.alpha_noise = v
    })?;
    Ok(())
}
