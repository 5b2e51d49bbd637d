//! Demo 3.3 - Fitting Posterior with Conditional Gaussian Model: on apply,
//! fits every column of every posterior of demo 3.1's last chain with a
//! Gaussian (one step per unit), restores from N(0,1) through the fitted
//! matrices (orange) and through the true ones (green), and shows the JS
//! distances to the forward pdfs (blue), also as readouts `js_fit_<t>`. A
//! folded sub-panel holds the fitted posteriors.
//!
//! Controls: `show_forward`, `show_backward`, `show_fitted` (redraw at once),
//! `apply`.

use std::cell::RefCell;
use std::rc::Rc;

use dpm_charts::demos::demo_3_3 as charts;
use dpm_engine::chain::{self, Chain};
use dpm_engine::divergence::js_distance;
use dpm_engine::{fit, grid, posterior};
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::apply::{self, Panels, Runner, UnitResult, Work};
use crate::canvas::{self, Shape};
use crate::demo_3_1::{posterior_title, step_title, MAX_STEPS};
use crate::demo_3_2::ChainNotes;
use crate::dom;
use crate::i18n::{self, Lang};

const ID: &str = "demo_3_3";

enum Stage {
    Idle,
    /// Apply pressed with this chain.
    Start(Rc<Chain>),
    /// Fitting step `next` (1-based) and restoring q(z_{next-1}) through
    /// it: the restoration runs from the tail, so the panels fill in from
    /// the right as the fits arrive.
    Fitting {
        next: usize,
    },
    Ready,
}

struct Demo33 {
    x: Vec<f64>,
    lang: Lang,
    panels: Panels,
    fitted_panels: Panels,
    show: [bool; 3],
    stage: Stage,
    chain: Option<Rc<Chain>>,
    fitted: Vec<Vec<f64>>,
    from_normal: Vec<Vec<f64>>,
    js_normal: Vec<f64>,
    from_fit: Vec<Vec<f64>>,
    js_fit: Vec<f64>,
    generation: u64,
    hint: Element,
}

impl Demo33 {
    fn start(&mut self, chain: Rc<Chain>) -> Result<(), String> {
        let c = &chain;
        let t_max = c.len();
        let normal = grid::standard_normal();
        // The true posteriors' restoration is cheap: all of it now.
        self.from_normal = c.restore(&normal).map_err(|e| e.to_string())?;
        self.js_normal = chain::js_per_step(&self.from_normal, &c.forward);
        self.fitted = vec![Vec::new(); t_max];
        self.from_fit = vec![Vec::new(); t_max + 1];
        self.js_fit = vec![f64::NAN; t_max + 1];
        self.js_fit[t_max] = js_distance(&normal, &c.forward[t_max]);
        self.from_fit[t_max] = normal;
        self.generation = canvas::next_generation(MAX_STEPS as u64);
        self.chain = Some(chain);
        self.stage = Stage::Fitting { next: t_max };
        self.panels.show(t_max + 1, |t| format!("fit_{t}"));
        self.fitted_panels
            .show(t_max, |k| format!("fitted_{}", k + 1));
        // The old readouts go at once: they belonged to another chain.
        for t in 0..self.panels.used {
            let _ = self.panels.caption(t);
        }
        self.caption(t_max).map_err(|e| format!("{e:?}"))?;
        apply::set_hidden(&self.hint, true);
        Ok(())
    }

    /// Fits the posterior of step `t` and restores q(z_{t-1}) through it.
    fn fit_step(&mut self, t: usize) -> Result<(), String> {
        let c = self.chain.clone().ok_or("no chain")?;
        // One step's 461 column fits: the longest unit of the demo.
        let (_, m) = fit::fit_posterior(&c.steps[t - 1].posterior).map_err(|e| e.to_string())?;
        let mut prev = vec![0.0; grid::N];
        posterior::apply(&m, &self.from_fit[t], &mut prev);
        self.js_fit[t - 1] = js_distance(&prev, &c.forward[t - 1]);
        self.from_fit[t - 1] = prev;
        self.fitted[t - 1] = m;
        self.caption(t - 1).map_err(|e| format!("{e:?}"))
    }

    /// Whether panel `t`'s fitted restoration is computed.
    fn restored(&self, t: usize) -> bool {
        self.from_fit.get(t).is_some_and(|v| !v.is_empty())
    }

    /// "JS = …" under every panel computed so far.
    fn captions(&self) -> Result<(), JsValue> {
        for t in 0..self.panels.used {
            if self.restored(t) {
                self.caption(t)?;
            }
        }
        Ok(())
    }

    /// "JS = …" under panel `t` for the curves shown.
    fn caption(&self, t: usize) -> Result<(), JsValue> {
        let caption = self.panels.caption(t)?;
        if self.show[1] {
            apply::js_readout(
                &caption,
                &format!("js_std_{t}"),
                Some("green"),
                self.js_normal[t],
            )?;
        }
        if self.show[2] {
            apply::js_readout(
                &caption,
                &format!("js_fit_{t}"),
                Some("orange"),
                self.js_fit[t],
            )?;
        }
        Ok(())
    }

    fn draw_one(&mut self) -> bool {
        if matches!(self.stage, Stage::Start(_)) {
            return false;
        }
        let Some(chain) = &self.chain else {
            return false;
        };
        let c = chain;
        let fitted = &self.fitted;
        if let Some(k) = self.fitted_panels.next_stale(|k| !fitted[k].is_empty()) {
            let map = charts::fitted_posterior_heatmap(
                format!("{} {}", i18n::FITTED.get(self.lang), posterior_title(k + 1)),
                &self.fitted[k],
                grid::N,
            );
            let result = self.fitted_panels.plots[k].draw_heatmap(&map, self.generation + k as u64);
            self.fitted_panels.drawn(k, result);
            return true;
        }
        let Some(t) = self.panels.next_stale(|t| self.restored(t)) else {
            return false;
        };
        let title = step_title(c, t, self.lang);
        let panel = charts::FitPanel {
            forward: self.show[0].then(|| c.forward[t].as_slice()),
            backward: self.show[1].then(|| {
                (
                    self.from_normal[t].as_slice(),
                    format!("JS {:.4}", self.js_normal[t]),
                )
            }),
            fitted: self.show[2].then(|| {
                (
                    self.from_fit[t].as_slice(),
                    format!("JS {:.4}", self.js_fit[t]),
                )
            }),
        };
        let result = self.panels.plots[t]
            .draw_line_chart(&apply::captioned(charts::fit_panel(title, &self.x, panel)));
        self.panels.drawn(t, result);
        true
    }
}

impl Work for Demo33 {
    fn unit(&mut self) -> UnitResult {
        if self.draw_one() {
            return Ok(true);
        }
        match std::mem::replace(&mut self.stage, Stage::Idle) {
            s @ (Stage::Idle | Stage::Ready) => {
                self.stage = s;
                Ok(false)
            }
            Stage::Start(chain) => {
                self.start(chain)?;
                Ok(true)
            }
            Stage::Fitting { next } => {
                self.fit_step(next)?;
                self.stage = if next > 1 {
                    Stage::Fitting { next: next - 1 }
                } else {
                    Stage::Ready
                };
                Ok(true)
            }
        }
    }

    fn panels_mut(&mut self) -> Vec<&mut Panels> {
        vec![&mut self.panels, &mut self.fitted_panels]
    }
}

/// Builds Demo 3.3 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let ui = dom::el("div", "demo-ui")?;
    let controls = dom::child(&ui, "div", "demo-controls")?;
    let boxes = [
        dom::checkbox(&controls, ID, "show_forward", i18n::FORWARD_PDF, true)?,
        dom::checkbox(&controls, ID, "show_backward", i18n::BACKWARD_PDF, false)?,
        dom::checkbox(
            &controls,
            ID,
            "show_fitted",
            i18n::FITTED_POSTERIOR_PDF,
            true,
        )?,
    ];
    let actions = dom::child(&controls, "div", "demo-actions")?;
    let button = dom::button(&actions, "apply", "demo-button apply", i18n::APPLY)?;

    let notes = ChainNotes::new(&ui)?;
    let grid_el = dom::child(&ui, "div", "plots plots-chain")?;
    let panels = Panels::new(&grid_el, Shape::Line, MAX_STEPS + 1)?;
    let (_, sub_grid) =
        apply::sub_panel(&ui, "fitted", i18n::FITTED_POSTERIOR, "plots plots-chain")?;
    let fitted_panels = Panels::new(&sub_grid, Shape::Square, MAX_STEPS)?;
    let status = dom::status_line(&ui)?;

    let demo = Rc::new(RefCell::new(Demo33 {
        x: grid::points(),
        lang: dom::page_lang(),
        panels,
        fitted_panels,
        show: [true, false, true],
        stage: Stage::Idle,
        chain: None,
        fitted: Vec::new(),
        from_normal: Vec::new(),
        js_normal: Vec::new(),
        from_fit: Vec::new(),
        js_fit: Vec::new(),
        generation: 0,
        hint: notes.hint.clone(),
    }));
    let runner = Runner::new(Rc::clone(&demo), "demo_3_3:apply", root, &status)?;
    crate::wire_apply(root, &ui, &demo, &runner, Vec::new(), |d, lang| {
        d.lang = lang
    })?;
    notes.follow_chain()?;

    for (which, input) in boxes.iter().enumerate() {
        apply::on_check(input, &demo, &runner, move |d, on| {
            d.show[which] = on;
            let _ = d.captions();
            d.panels.invalidate();
        })?;
    }

    dom::listen(&button, "click", move |ev| {
        let Some(chain) = notes.on_apply() else {
            return;
        };
        demo.borrow_mut().stage = Stage::Start(chain);
        runner.apply(ev.time_stamp());
    })?;
    Ok(())
}
