//! Demo 4.1 - Posterior Transform is a Contraction Mapping: q(x), the
//! posterior heat map and q(z) for (seed, alpha) with lambda2 read-only;
//! then two random inputs and their outputs with div_in and div_out.
//!
//! Controls: `seed` (shape from the seed, special seeds apply), `alpha`
//! (0.001..0.999), `inputs_seed` and the `new_inputs_seed` button. alpha
//! recomputes the step, lambda2 and the outputs (not q(x) or the inputs);
//! the inputs seed recomputes only the two-input plots.

use dpm_charts::demos::demo_4_1 as charts;
use dpm_engine::contraction::{self, Contraction};
use dpm_engine::posterior::ForwardStep;
use dpm_engine::{grid, EngineError};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlButtonElement};

use crate::canvas::{self, Plot, Shape};
use crate::dom::{self, Control, NumberSpec, Readout};
use crate::i18n::{self, Lang};
use crate::shared::{self, Transform};
use crate::Demo;
use std::rc::Rc;

const ID: &str = "demo_4_1";
const ALPHA: NumberSpec = NumberSpec::slider(0.001, 0.999, 0.001, 3);
/// "change inputs seed" draws from 0..this (NumPy's `randint(0, 1000000)` range).
const NEW_SEED_RANGE: f64 = 1_000_000.0;

// Plot bits.
const Q_X: u32 = 1 << 0;
const POSTERIOR: u32 = 1 << 1;
const Q_Z: u32 = 1 << 2;
const INPUTS: u32 = 1 << 3;
const OUTPUTS: u32 = 1 << 4;

#[derive(Clone, Copy, PartialEq)]
struct Params {
    seed: u32,
    alpha: f64,
    inputs_seed: u32,
}

struct Readouts {
    lambda2: Readout,
    js_in: Readout,
    js_out: Readout,
}

struct Demo41 {
    /// The grid, shared by every curve.
    x: Vec<f64>,
    plots: Vec<Plot>,
    status: Element,
    readouts: Readouts,
    lang: Lang,
    wanted: Params,
    done: Option<Params>,
    q_x: Vec<f64>,
    step: ForwardStep,
    generation: u64,
    lambda2: f64,
    pair: Option<Contraction>,
    /// The step as handed to demo 4.2, while it is current.
    shared: Option<Rc<Transform>>,
}

impl Demo41 {
    fn compute(&mut self) -> Result<u32, EngineError> {
        let p = self.wanted;
        let done = self.done;
        let mut changed = 0;
        if done.map(|d| d.seed) != Some(p.seed) {
            self.q_x = contraction::data_for_seed(p.seed)?.1;
            changed |= Q_X;
        }
        if changed != 0 || done.map(|d| d.alpha) != Some(p.alpha) {
            self.step.compute(&self.q_x, p.alpha)?;
            self.lambda2 = contraction::lambda2(&self.q_x, &self.step)?;
            self.generation += 1;
            self.shared = None;
            changed |= POSTERIOR | Q_Z | OUTPUTS;
        }
        let new_inputs = done.map(|d| d.inputs_seed) != Some(p.inputs_seed);
        if changed != 0 || new_inputs {
            self.pair = Some(contraction::contraction(&self.step, p.inputs_seed)?);
            changed |= OUTPUTS | if new_inputs { INPUTS } else { 0 };
        }
        self.done = Some(p);
        self.show_readouts();
        Ok(changed)
    }

    /// The current step for demo 4.2 (copied once per change).
    fn transform(&mut self) -> Option<Rc<Transform>> {
        self.done?;
        if self.shared.is_none() {
            self.shared = Some(Rc::new(Transform {
                q_x: self.q_x.clone(),
                step: self.step.clone(),
            }));
        }
        self.shared.clone()
    }

    fn show_readouts(&self) {
        let r = &self.readouts;
        r.lambda2
            .set(self.lambda2, &format!("{:.10}", self.lambda2));
        if let Some(c) = &self.pair {
            r.js_in.set(c.js_in, &format!("{:.4}", c.js_in));
            r.js_out.set(c.js_out, &format!("{:.4}", c.js_out));
        }
    }
}

impl Demo for Demo41 {
    const MEASURE: &'static str = "demo_4_1:update";

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
        let lang = self.lang;
        let x = &self.x[..];
        let plots = &self.plots;
        if mask & Q_X != 0 {
            let chart = charts::pdf_plot(i18n::Q_X.get(lang), x, &self.q_x);
            canvas::report(plots[0].draw_line_chart(&chart));
        }
        if mask & POSTERIOR != 0 {
            let map =
                charts::posterior_heatmap(i18n::POSTERIOR.get(lang), &self.step.posterior, grid::N);
            canvas::report(plots[1].draw_heatmap(&map, self.generation));
        }
        if mask & Q_Z != 0 {
            let chart = charts::pdf_plot(i18n::Q_Z.get(lang), x, &self.step.q_z);
            canvas::report(plots[2].draw_line_chart(&chart));
        }
        let Some(c) = &self.pair else { return };
        if mask & INPUTS != 0 {
            let [a, b] = &c.inputs.inputs;
            let chart = charts::inputs_plot(
                i18n::TWO_INPUTS.get(lang),
                x,
                [a, b],
                format!("div_in={:.4}", c.js_in),
            );
            canvas::report(plots[3].draw_line_chart(&chart));
        }
        if mask & OUTPUTS != 0 {
            let [a, b] = &c.outputs;
            let chart = charts::outputs_plot(
                i18n::TWO_OUTPUTS.get(lang),
                x,
                [a, b],
                format!("div_out={:.4}", c.js_out),
            );
            canvas::report(plots[4].draw_line_chart(&chart));
        }
    }

    fn relabel(&mut self, lang: Lang) {
        self.lang = lang;
    }
}

/// `<figcaption>` under a plot: "div_in = <readout> (JS distance …)".
fn caption(plot: &Plot, symbol: &str, name: &str, note: i18n::Text) -> Result<Readout, JsValue> {
    let figure = plot
        .figure()
        .ok_or_else(|| JsValue::from_str("plot without figure"))?;
    let caption = dom::child(&figure, "figcaption", "plot-caption")?;
    let readout = dom::readout_pair(&caption, symbol, name)?;
    caption.append_with_str_1(" ")?;
    let note_el = dom::child(&caption, "span", "readout-note")?;
    dom::bilingual(&note_el, note)?;
    Ok(readout)
}

/// Builds Demo 4.1 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let ui = dom::el("div", "demo-ui")?;
    let controls = dom::child(&ui, "div", "demo-controls")?;
    let seed = Control::seed(&controls, ID, "seed", i18n::SEED, 100.0)?;
    let alpha = Control::new(&controls, ID, "alpha", i18n::ALPHA, ALPHA, 0.95, true)?;
    // The read-only lambda2 field, laid out as a control.
    let block = dom::child(&controls, "div", "control readout-control")?;
    let label = dom::child(&block, "label", "control-label")?;
    label.set_attribute("for", &format!("{ID}-lambda2"))?;
    dom::bilingual(&label, i18n::LAMBDA2)?;
    let row = dom::child(&block, "div", "control-inputs")?;
    let lambda2 = Readout::field(&row, "lambda2", &format!("{ID}-lambda2"))?;

    let top = dom::child(&ui, "div", "plots plots-3")?;
    let plots_top = [
        ("q_x", Shape::Line),
        ("posterior", Shape::Square),
        ("q_z", Shape::Line),
    ];
    let mut plots = plots_top
        .iter()
        .map(|(name, shape)| Plot::new(&top, *shape, name))
        .collect::<Result<Vec<_>, _>>()?;

    let controls2 = dom::child(&ui, "div", "demo-controls")?;
    let inputs_seed = Control::seed(&controls2, ID, "inputs_seed", i18n::INPUTS_SEED, 100.0)?;
    // The button sits beside the field it changes.
    let button: HtmlButtonElement =
        dom::child(&inputs_seed.row, "button", "demo-button")?.dyn_into()?;
    button.set_type("button");
    button.set_attribute("data-param", "new_inputs_seed")?;
    dom::bilingual(&button, i18n::NEW_INPUTS_SEED)?;

    let bottom = dom::child(&ui, "div", "plots plots-2")?;
    for name in ["inputs", "outputs"] {
        plots.push(Plot::new(&bottom, Shape::Line, name)?);
    }
    let js_in = caption(&plots[3], "div_in", "js_in", i18n::DIV_IN)?;
    let js_out = caption(&plots[4], "div_out", "js_out", i18n::DIV_OUT)?;
    let status = dom::status_line(&ui)?;

    let demo = Demo41 {
        x: grid::points(),
        plots,
        status,
        readouts: Readouts {
            lambda2,
            js_in,
            js_out,
        },
        lang: dom::page_lang(),
        wanted: Params {
            seed: 100,
            alpha: 0.95,
            inputs_seed: 100,
        },
        done: None,
        q_x: Vec::new(),
        step: ForwardStep::default(),
        generation: 0,
        lambda2: f64::NAN,
        pair: None,
        shared: None,
    };
    let all = vec![seed.clone(), alpha.clone(), inputs_seed.clone()];
    let (demo, scheduler) = crate::wire(root, &ui, demo, all)?;
    let weak = Rc::downgrade(&demo);
    shared::set_transform_source(move || {
        weak.upgrade()
            .and_then(|d| d.try_borrow_mut().ok().and_then(|mut d| d.transform()))
    });

    crate::connect(&seed, &demo, &scheduler, |d, v| d.wanted.seed = v as u32)?;
    crate::connect(&alpha, &demo, &scheduler, |d, v| d.wanted.alpha = v)?;
    crate::connect(&inputs_seed, &demo, &scheduler, |d, v| {
        d.wanted.inputs_seed = v as u32
    })?;
    dom::listen(&button, "click", move |ev| {
        let current = inputs_seed.value();
        let mut v = current;
        while v == current {
            v = (js_sys::Math::random() * NEW_SEED_RANGE).floor();
        }
        inputs_seed.set_value(v);
        demo.borrow_mut().wanted.inputs_seed = v as u32;
        scheduler.request(ev.time_stamp());
    })?;
    Ok(())
}
