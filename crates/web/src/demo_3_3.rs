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
use dpm_engine::chain::Chain;
use dpm_engine::demos::demo_3::{self as model, FittedRestoration};
use dpm_engine::grid;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::apply::{self, Panels, Runner, UnitResult, Work};
use crate::canvas;
use crate::demo_3_1::MAX_STEPS;
use crate::demo_3_2::ChainNotes;
use crate::dom;
use crate::i18n::{self, Lang};
use crate::shared;

const ID: &str = "demo_3_3";
/// Idle time left below which the fits wait for the next idle period (one
/// step's fits take ~10 ms in the page).
const WARM_MARGIN_MS: f64 = 15.0;

enum Stage {
    Idle,
    /// Apply pressed with this chain.
    Start(Rc<Chain>),
    /// Fitting one step per unit and restoring the marginal before it:
    /// the restoration runs from the tail, so the panels fill in from the
    /// right as the fits arrive.
    Fitting,
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
    from_normal: Option<model::Restored>,
    fit: Option<FittedRestoration>,
    generation: u64,
    hint: Element,
    /// The fits for the last published chain, computed while the reader is
    /// idle: an apply with that chain takes them up, complete or not.
    ahead: Option<(Rc<Chain>, FittedRestoration)>,
}

impl Demo33 {
    fn start(&mut self, chain: Rc<Chain>) -> Result<(), String> {
        let c = &chain;
        let t_max = c.len();
        // The true posteriors' restoration is cheap: all of it now.
        self.from_normal = Some(model::restored_from_normal(c).map_err(|e| e.to_string())?);
        self.fit = Some(match self.ahead.take() {
            Some((a, fit)) if Rc::ptr_eq(&a, c) => fit,
            _ => FittedRestoration::start(c),
        });
        self.generation = canvas::next_generation(MAX_STEPS as u64);
        self.chain = Some(chain);
        self.stage = Stage::Fitting;
        self.panels.show(t_max + 1, |t| format!("fit_{t}"));
        self.fitted_panels
            .show(t_max, |k| format!("fitted_{}", k + 1));
        // The old readouts go at once: they belonged to another chain.
        for t in 0..self.panels.used {
            let _ = self.panels.caption(t);
        }
        self.captions().map_err(|e| format!("{e:?}"))?;
        apply::set_hidden(&self.hint, true);
        Ok(())
    }

    /// One idle-time piece of the fits for the last published chain (one
    /// step's fits, ~10 ms); false when they are complete, while an apply
    /// runs, or when they are already shown.
    fn warm(&mut self) -> bool {
        if !matches!(self.stage, Stage::Idle | Stage::Ready) {
            return false;
        }
        let Some(chain) = shared::chain() else {
            return false;
        };
        if self.chain.as_ref().is_some_and(|c| Rc::ptr_eq(c, &chain)) {
            return false;
        }
        match &mut self.ahead {
            // An error stops the warm-up; the apply meets and reports it.
            Some((c, fit)) if Rc::ptr_eq(c, &chain) => fit.step(&chain).is_ok_and(|t| t.is_some()),
            _ => {
                self.ahead = Some((Rc::clone(&chain), FittedRestoration::start(&chain)));
                true
            }
        }
    }

    /// Fits one more step's posterior (one step's 461 column fits: the
    /// longest unit of the demo) and restores the marginal before it.
    fn fit_step(&mut self) -> Result<(), String> {
        let c = self.chain.clone().ok_or("no chain")?;
        let fit = self.fit.as_mut().ok_or("no restoration")?;
        if let Some(t) = fit.step(&c).map_err(|e| e.to_string())? {
            self.caption(t).map_err(|e| format!("{e:?}"))?;
        }
        Ok(())
    }

    /// Whether panel `t`'s fitted restoration is computed.
    fn restored(&self, t: usize) -> bool {
        self.fit.as_ref().is_some_and(|f| f.is_restored(t))
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
        if let (true, Some(n)) = (self.show[1], &self.from_normal) {
            apply::js_readout(&caption, &format!("js_std_{t}"), Some("green"), n.js[t])?;
        }
        if let (true, Some(f)) = (self.show[2], &self.fit) {
            apply::js_readout(&caption, &format!("js_fit_{t}"), Some("orange"), f.js()[t])?;
        }
        Ok(())
    }
}

impl Work for Demo33 {
    const SLICE_MS: f64 = apply::CHAIN_SLICE_MS;

    fn draw(&mut self) -> UnitResult {
        if matches!(self.stage, Stage::Start(_)) {
            return Ok(false);
        }
        let (Some(c), Some(normal), Some(fit)) = (&self.chain, &self.from_normal, &self.fit) else {
            return Ok(false);
        };
        let fitted = fit.fitted();
        if let Some(k) = self.fitted_panels.next_stale(|k| !fitted[k].is_empty()) {
            let map = charts::fitted_posterior_heatmap(
                i18n::fitted_posterior_title(self.lang, k + 1),
                &fitted[k],
                grid::N,
            );
            self.fitted_panels.draw_heatmap(k, &map, self.generation);
            return Ok(true);
        }
        let Some(t) = self.panels.next_stale(|t| fit.is_restored(t)) else {
            return Ok(false);
        };
        let title = i18n::step_title(self.lang, t, c.alphas());
        let panel = charts::FitPanel {
            forward: self.show[0].then(|| c.forward()[t].as_slice()),
            backward: self.show[1]
                .then(|| (normal.pdfs[t].as_slice(), i18n::js_legend(normal.js[t]))),
            fitted: self.show[2].then(|| (fit.pdfs()[t].as_slice(), i18n::js_legend(fit.js()[t]))),
        };
        self.panels.draw_line_chart(
            t,
            &apply::captioned(charts::fit_panel(title, &self.x, panel)),
        );
        Ok(true)
    }

    fn advance(&mut self) -> UnitResult {
        match std::mem::replace(&mut self.stage, Stage::Idle) {
            s @ (Stage::Idle | Stage::Ready) => {
                self.stage = s;
                Ok(false)
            }
            Stage::Start(chain) => {
                self.start(chain)?;
                Ok(true)
            }
            Stage::Fitting => {
                self.fit_step()?;
                let done = self.fit.as_ref().is_none_or(|f| f.is_done());
                self.stage = if done { Stage::Ready } else { Stage::Fitting };
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
    let (ui, controls) = dom::demo_ui()?;
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
    let button = dom::apply_button(&controls)?;

    let notes = ChainNotes::new(&ui)?;
    let panels = Panels::chain(&ui, MAX_STEPS + 1)?;
    let (_, fitted_panels) = apply::sub_panel(&ui, "fitted", i18n::FITTED_POSTERIOR, MAX_STEPS)?;
    let status = dom::status_line(&ui)?;

    let demo = Rc::new(RefCell::new(Demo33 {
        x: grid::points(),
        lang: dom::page_lang(),
        panels,
        fitted_panels,
        show: [true, false, true],
        stage: Stage::Idle,
        chain: None,
        from_normal: None,
        fit: None,
        generation: 0,
        hint: notes.hint.clone(),
        ahead: None,
    }));
    let runner = Runner::new(Rc::clone(&demo), "demo_3_3:apply", root, &status)?;
    crate::wire_apply(root, &ui, &demo, &runner, Vec::new(), |d, lang| {
        d.lang = lang
    })?;
    notes.follow_chain()?;
    // A new chain from demo 3.1: its fits are computed while the reader is idle.
    let d = Rc::downgrade(&demo);
    let warm = move || crate::idle::warm(d.clone(), WARM_MARGIN_MS, Demo33::warm);
    warm();
    dom::listen(&dom::document(), "dpm:chain", move |_| warm())?;

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
