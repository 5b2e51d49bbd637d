//! Demo 2 - Likelihood and Posterior of Transform: q(x), q(z), the heat maps
//! of q(z|x) and q(x|z) (orange line at the chosen z), and the posterior at
//! that z against q(x) and GaussFun.
//!
//! Controls: `seed` (special seeds apply), `alpha` (0.001..0.999), `cond`
//! (z, -2.3..2.3, step 0.1). Dragging z redraws only the posterior heat map
//! (its image is kept; only the line moves) and the fixed-condition plot;
//! alpha redraws all but q(x). The forward step's buffers live between frames.

use dpm_charts::demos::demo_2 as charts;
use dpm_charts::Corner;
use dpm_engine::posterior::{gauss_fun, ForwardStep};
use dpm_engine::{data, grid, EngineError};
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::canvas::{self, Plot, Shape};
use crate::dom::{self, Control, NumberSpec};
use crate::i18n::{self, Lang};
use crate::Demo;

const ID: &str = "demo_2";
const ALPHA: NumberSpec = NumberSpec::slider(0.001, 0.999, 0.001, 3);
const COND: NumberSpec = NumberSpec::slider(-2.3, 2.3, 0.1, 1);

// Plot bits.
const Q_X: u32 = 1 << 0;
const Q_Z: u32 = 1 << 1;
const LIKELIHOOD: u32 = 1 << 2;
const POSTERIOR: u32 = 1 << 3;
const FIXED: u32 = 1 << 4;

#[derive(Clone, Copy, PartialEq)]
struct Params {
    seed: u32,
    alpha: f64,
    cond: f64,
}

struct Demo2 {
    /// The grid, shared by every curve.
    x: Vec<f64>,
    plots: Vec<Plot>,
    status: Element,
    lang: Lang,
    wanted: Params,
    done: Option<Params>,
    q_x: Vec<f64>,
    step: ForwardStep,
    likelihood: Vec<f64>,
    /// Bumped whenever the step's matrices change (keys the heat map images).
    generation: u64,
    column: Vec<f64>,
    gauss: Vec<f64>,
}

impl Demo2 {
    fn compute(&mut self) -> Result<u32, EngineError> {
        let p = self.wanted;
        let done = self.done;
        let mut changed = 0;
        if done.map(|d| d.seed) != Some(p.seed) {
            self.q_x = data::hijacked(p.seed, 0, data::DEFAULT_MODAL_COUNT)?;
            changed |= Q_X;
        }
        if changed != 0 || done.map(|d| d.alpha) != Some(p.alpha) {
            self.step.compute(&self.q_x, p.alpha)?;
            self.likelihood = self.step.likelihood(&self.q_x);
            self.generation += 1;
            changed |= Q_Z | LIKELIHOOD | POSTERIOR | FIXED;
        }
        if changed != 0 || done.map(|d| d.cond) != Some(p.cond) {
            // The column the original shows: trunc((z + 2.3) / res).
            let j = grid::index_of(p.cond).unwrap_or(grid::N / 2);
            self.column = self.step.posterior_column(j);
            self.gauss = gauss_fun(p.alpha, p.cond)?;
            changed |= POSTERIOR | FIXED;
        }
        self.done = Some(p);
        Ok(changed)
    }
}

impl Demo for Demo2 {
    const MEASURE: &'static str = "demo_2:update";

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
        let Some(p) = self.done else { return };
        let lang = self.lang;
        let x = &self.x[..];
        let n = grid::N;
        let plots = &self.plots;
        if mask & Q_X != 0 {
            let chart = charts::q_x_plot(i18n::Q_X.get(lang), x, &self.q_x);
            canvas::report(plots[0].draw_line_chart(&chart));
        }
        if mask & Q_Z != 0 {
            let chart = charts::q_z_plot(i18n::Q_Z.get(lang), x, &self.step.q_z);
            canvas::report(plots[1].draw_line_chart(&chart));
        }
        if mask & LIKELIHOOD != 0 {
            let map = charts::likelihood_heatmap(i18n::LIKELIHOOD.get(lang), &self.likelihood, n);
            canvas::report(plots[2].draw_heatmap(&map, self.generation));
        }
        if mask & POSTERIOR != 0 {
            let map = charts::posterior_heatmap(
                i18n::POSTERIOR.get(lang),
                &self.step.posterior,
                n,
                p.cond,
            );
            canvas::report(plots[3].draw_heatmap(&map, self.generation));
        }
        if mask & FIXED != 0 {
            let z = COND.format(p.cond);
            let title = i18n::FIXED_CONDITION.get(lang).replace("{z}", &z);
            let labels = charts::FixedConditionLabels {
                gauss_fun: "GaussFun".into(),
                q_x: "q(x)".into(),
                posterior: format!("q(x|z={z})"),
            };
            let mut chart = charts::posterior_fixed_condition(
                title,
                x,
                &self.gauss,
                &self.q_x,
                &self.column,
                labels,
            );
            // The posterior peaks near z / sqrt(alpha): keep the legend on the other side.
            chart.legend = if p.cond >= 0.0 {
                Corner::UpperLeft
            } else {
                Corner::UpperRight
            };
            canvas::report(plots[4].draw_line_chart(&chart));
        }
    }

    fn relabel(&mut self, lang: Lang) {
        self.lang = lang;
    }
}

/// Builds Demo 2 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let ui = dom::el("div", "demo-ui")?;
    let controls = dom::child(&ui, "div", "demo-controls")?;
    let seed = Control::seed(&controls, ID, "seed", i18n::SEED, 100.0)?;
    let alpha = Control::new(&controls, ID, "alpha", i18n::ALPHA, ALPHA, 0.98, true)?;
    let cond = Control::new(&controls, ID, "cond", i18n::COND, COND, 0.2, true)?;
    let grid_el = dom::child(&ui, "div", "plots")?;
    let shapes = [
        ("q_x", Shape::Line),
        ("q_z", Shape::Line),
        ("likelihood", Shape::Square),
        ("posterior", Shape::Square),
        ("posterior_fixed_condition", Shape::Line),
    ];
    let plots = shapes
        .iter()
        .map(|(name, shape)| Plot::new(&grid_el, *shape, name))
        .collect::<Result<Vec<_>, _>>()?;
    let status = dom::status_line(&ui)?;

    let demo = Demo2 {
        x: grid::points(),
        plots,
        status,
        lang: dom::page_lang(),
        wanted: Params {
            seed: 100,
            alpha: 0.98,
            cond: 0.2,
        },
        done: None,
        q_x: Vec::new(),
        step: ForwardStep::default(),
        likelihood: Vec::new(),
        generation: 0,
        column: Vec::new(),
        gauss: Vec::new(),
    };
    let all = vec![seed.clone(), alpha.clone(), cond.clone()];
    let (demo, scheduler) = crate::wire(root, &ui, demo, all)?;

    crate::connect(&seed, &demo, &scheduler, |d, v| d.wanted.seed = v as u32)?;
    crate::connect(&alpha, &demo, &scheduler, |d, v| d.wanted.alpha = v)?;
    crate::connect(&cond, &demo, &scheduler, |d, v| d.wanted.cond = v)?;
    Ok(())
}
