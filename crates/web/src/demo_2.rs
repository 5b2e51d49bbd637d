//! Demo 2 - Likelihood and Posterior of Transform: q(x), q(z), the heat maps
//! of q(z|x) and q(x|z) (orange line at the chosen z), and the posterior at
//! that z against q(x) and GaussFun.
//!
//! Controls: `seed` (special seeds apply), `alpha`, `cond` (z); ranges and
//! defaults in `dpm_engine::demos::demo_2`, whose model recomputes what a
//! change touches. Dragging z redraws only the posterior heat map (its image
//! is kept; only the line moves) and the fixed-condition plot; alpha redraws
//! all but q(x).

use dpm_charts::demos::demo_2 as charts;
use dpm_charts::Corner;
use dpm_engine::demos::demo_2::{self as model, Model, Params, DEFAULTS};
use dpm_engine::{grid, EngineError};
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::canvas::{self, plot_names};
use crate::dom::{self, Control, NumberSpec};
use crate::i18n;
use crate::{Live, LiveDemo, View};

const ID: &str = "demo_2";
const COND: NumberSpec = NumberSpec::of(&model::COND, 1);

plot_names!(P {
    QX => ("q_x", Line),
    QZ => ("q_z", Line),
    Likelihood => ("likelihood", Square),
    Posterior => ("posterior", Square),
    Fixed => ("posterior_fixed_condition", Line),
});

fn changed_mask(c: model::Changed) -> u32 {
    P::mask(&[
        (c.q_x, &[P::QX]),
        (c.step, &[P::QZ, P::Likelihood]),
        (c.step || c.condition, &[P::Posterior, P::Fixed]),
    ])
}

/// Starts at the defaults (`Params::default()` is `DEFAULTS`).
#[derive(Default)]
struct Demo2 {
    wanted: Params,
    model: Model,
    /// Bumped whenever the step's matrices change (keys the heat map images).
    generation: u64,
}

impl LiveDemo for Demo2 {
    const MEASURE: &'static str = "demo_2:update";

    fn update(&mut self) -> Result<u32, EngineError> {
        let changed = self.model.update(&self.wanted)?;
        if changed.step {
            self.generation += 1;
        }
        Ok(changed_mask(changed))
    }

    fn redraw(&mut self, view: &View, mask: u32) {
        let Some(p) = self.model.params() else { return };
        let (lang, x, n, m) = (view.lang, &view.x[..], grid::N, &self.model);
        let plot = |p: P| &view.plots[p as usize];
        let on = |plot: P| mask & plot.bit() != 0;
        if on(P::QX) {
            let chart = charts::q_x_plot(i18n::Q_X.get(lang), x, m.q_x());
            canvas::report(plot(P::QX).draw_line_chart(&chart));
        }
        if on(P::QZ) {
            let chart = charts::q_z_plot(i18n::Q_Z.get(lang), x, m.step().q_z());
            canvas::report(plot(P::QZ).draw_line_chart(&chart));
        }
        if on(P::Likelihood) {
            let map = charts::likelihood_heatmap(i18n::LIKELIHOOD.get(lang), m.likelihood(), n);
            canvas::report(plot(P::Likelihood).draw_heatmap(&map, self.generation));
        }
        if on(P::Posterior) {
            let title = i18n::POSTERIOR.get(lang);
            let map = charts::posterior_heatmap(title, m.step().posterior(), n, p.cond);
            canvas::report(plot(P::Posterior).draw_heatmap(&map, self.generation));
        }
        if on(P::Fixed) {
            let z = COND.format(p.cond);
            let labels = charts::FixedConditionLabels {
                gauss_fun: "GaussFun".into(),
                q_x: "q(x)".into(),
                posterior: i18n::fixed_condition_legend(&z),
            };
            let mut chart = charts::posterior_fixed_condition(
                i18n::fixed_condition_title(lang, &z),
                x,
                m.gauss_fun(),
                m.q_x(),
                m.posterior_at_cond(),
                labels,
            );
            // The posterior peaks near z / sqrt(alpha): keep the legend on the other side.
            chart.legend = if p.cond >= 0.0 {
                Corner::UpperLeft
            } else {
                Corner::UpperRight
            };
            canvas::report(plot(P::Fixed).draw_line_chart(&chart));
        }
    }
}

/// Builds Demo 2 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let (ui, controls) = dom::demo_ui()?;
    let seed = Control::seed(&controls, ID, "seed", i18n::SEED, f64::from(DEFAULTS.seed))?;
    let alpha = Control::slider(&controls, ID, "alpha", i18n::ALPHA, &model::ALPHA, 3)?;
    let cond = Control::new(&controls, ID, "cond", i18n::COND, COND, DEFAULTS.cond, true)?;
    let grid_el = dom::child(&ui, "div", "plots")?;
    let plots = P::new_plots(&grid_el, P::ALL)?;
    let status = dom::status_line(&ui)?;

    let demo = Live::new(plots, status, Demo2::default());
    let inputs: Vec<crate::Input<Live<Demo2>>> = vec![
        (seed, |d, v| d.state.wanted.seed = v as u32),
        (alpha, |d, v| d.state.wanted.alpha = v),
        (cond, |d, v| d.state.wanted.cond = v),
    ];
    let (demo, scheduler) = crate::wire(root, &ui, demo, inputs)?;
    // Your own q(x), drawn on the q(x) plot (issue 16).
    let bar = dom::child(&controls, "div", "demo-actions")?;
    let d = std::rc::Rc::clone(&demo);
    let on_data: crate::sketch::OnData = std::rc::Rc::new(move |q, t| {
        if let Ok(mut d) = d.try_borrow_mut() {
            d.state.model.set_own_q_x(q);
        }
        scheduler.request(t);
    });
    let qx = &demo.borrow().view.plots[P::QX as usize];
    crate::sketch::attach(&bar, qx, on_data)?;
    Ok(())
}
