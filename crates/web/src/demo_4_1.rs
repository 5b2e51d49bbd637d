//! Demo 4.1 - Posterior Transform is a Contraction Mapping: q(x), the
//! posterior heat map and q(z) for (seed, alpha) with lambda2 read-only;
//! then two random inputs and their outputs with div_in and div_out.
//!
//! Controls: `seed` (shape from the seed, special seeds apply), `alpha`,
//! `inputs_seed` and the `new_inputs_seed` button; ranges and defaults in
//! `dpm_engine::demos::demo_4_1`, whose model recomputes what a change
//! touches: alpha the step, lambda2 and the outputs (not q(x) or the
//! inputs); the inputs seed only the two-input plots.
//!
//! lambda2 (~1-3 ms) is computed in a task of its own right after the
//! update that changed the step, its readout marked pending meanwhile
//! (`data-pending`, `aria-busy`): a drag near alpha 1 keeps its frame for
//! the plots, and the value shown is always the exact one of the step
//! drawn (measure `demo_4_1:lambda2`).
//!
//! Your own q(x) (issue 16): `[data-action=draw]` on the q(x) plot
//! (`crate::sketch`) puts a drawn density in place of the seed's; every
//! plot, lambda2 and demo 4.2's next apply use it; `[data-action=reset-data]`
//! returns to the seed's.

use dpm_charts::demos::demo_4_1 as charts;
use dpm_engine::demos::demo_4_1::{self as model, Model, Params, DEFAULTS};
use dpm_engine::{grid, EngineError};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlButtonElement, MessageChannel, MessagePort};

use crate::canvas::{self, plot_names, Plot};
use crate::dom::{self, Control, Readout};
use crate::i18n;
use crate::shared::{self, Transform};
use crate::{schedule, Live, LiveDemo, View};
use std::cell::Cell;
use std::rc::Rc;

const ID: &str = "demo_4_1";

plot_names!(P {
    QX => ("q_x", Line),
    Posterior => ("posterior", Square),
    QZ => ("q_z", Line),
    Inputs => ("inputs", Line),
    Outputs => ("outputs", Line),
});

impl P {
    const TOP: [P; 3] = [P::QX, P::Posterior, P::QZ];
    const BOTTOM: [P; 2] = [P::Inputs, P::Outputs];
}

fn changed_mask(c: model::Changed) -> u32 {
    let mut m = 0;
    if c.q_x {
        m |= P::QX.bit();
    }
    if c.step {
        m |= P::Posterior.bit() | P::QZ.bit();
    }
    if c.inputs {
        m |= P::Inputs.bit();
    }
    if c.contraction {
        m |= P::Outputs.bit();
    }
    m
}

struct Readouts {
    lambda2: Readout,
    js_in: Readout,
    js_out: Readout,
}

struct Demo41 {
    readouts: Readouts,
    wanted: Params,
    model: Model,
    /// Bumped whenever the step's matrices change (keys the heat map image).
    generation: u64,
    /// The step as handed to demo 4.2, while it is current.
    shared: Option<Rc<Transform>>,
    /// Posting here runs [`Demo41::finish_lambda2`] in a task of its own
    /// (until it is wired, lambda2 is computed within the update).
    later: Option<MessagePort>,
    /// A lambda2 task is posted and not yet run.
    posted: bool,
    /// Measures of `demo_4_1:lambda2` recorded.
    measures: Cell<u32>,
}

impl Demo41 {
    /// The current step for demo 4.2 (copied once per change).
    fn transform(&mut self) -> Option<Rc<Transform>> {
        self.model.params()?;
        if self.shared.is_none() {
            self.shared = Some(Rc::new(Transform {
                q_x: self.model.q_x().to_vec(),
                step: self.model.step().clone(),
            }));
        }
        self.shared.clone()
    }

    /// Computes a pending lambda2 and shows it.
    fn finish_lambda2(&mut self) -> Result<(), EngineError> {
        self.posted = false;
        if self.model.lambda2().is_some() || self.model.params().is_none() {
            return Ok(());
        }
        let start = schedule::now();
        let l2 = self.model.finish()?;
        self.readouts.lambda2.set(l2, &format!("{l2:.10}"));
        schedule::measure("demo_4_1:lambda2", start, &self.measures);
        Ok(())
    }

    fn show_readouts(&self) {
        let r = &self.readouts;
        match self.model.lambda2() {
            Some(l2) => r.lambda2.set(l2, &format!("{l2:.10}")),
            None => r.lambda2.set_pending(),
        }
        if let Some(c) = self.model.contraction() {
            r.js_in.set(c.js_in, &format!("{:.4}", c.js_in));
            r.js_out.set(c.js_out, &format!("{:.4}", c.js_out));
        }
    }
}

impl LiveDemo for Demo41 {
    const MEASURE: &'static str = "demo_4_1:update";

    fn update(&mut self) -> Result<u32, EngineError> {
        let changed = self.model.update_deferred(&self.wanted)?;
        if changed.step {
            self.generation += 1;
            self.shared = None;
        }
        if self.model.lambda2().is_none() {
            let posted = self.posted
                || self
                    .later
                    .as_ref()
                    .is_some_and(|p| p.post_message(&JsValue::NULL).is_ok());
            self.posted = posted;
            if !posted {
                self.model.finish()?;
            }
        }
        self.show_readouts();
        Ok(changed_mask(changed))
    }

    fn redraw(&mut self, view: &View, mask: u32) {
        if self.model.params().is_none() {
            return;
        }
        let (lang, x, m) = (view.lang, &view.x[..], &self.model);
        let plot = |p: P| &view.plots[p as usize];
        let on = |p: P| mask & p.bit() != 0;
        if on(P::QX) {
            let chart = charts::pdf_plot(i18n::Q_X.get(lang), x, m.q_x());
            canvas::report(plot(P::QX).draw_line_chart(&chart));
        }
        if on(P::Posterior) {
            let title = i18n::POSTERIOR.get(lang);
            let map = charts::posterior_heatmap(title, m.step().posterior(), grid::N);
            canvas::report(plot(P::Posterior).draw_heatmap(&map, self.generation));
        }
        if on(P::QZ) {
            let chart = charts::pdf_plot(i18n::Q_Z.get(lang), x, m.step().q_z());
            canvas::report(plot(P::QZ).draw_line_chart(&chart));
        }
        let Some(c) = m.contraction() else { return };
        if on(P::Inputs) {
            let [a, b] = &c.inputs.inputs;
            let legend = i18n::div_in_legend(c.js_in);
            let chart = charts::inputs_plot(i18n::TWO_INPUTS.get(lang), x, [a, b], legend);
            canvas::report(plot(P::Inputs).draw_line_chart(&chart));
        }
        if on(P::Outputs) {
            let [a, b] = &c.outputs;
            let legend = i18n::div_out_legend(c.js_out);
            let chart = charts::outputs_plot(i18n::TWO_OUTPUTS.get(lang), x, [a, b], legend);
            canvas::report(plot(P::Outputs).draw_line_chart(&chart));
        }
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
    let (ui, controls) = dom::demo_ui()?;
    let seed = Control::seed(&controls, ID, "seed", i18n::SEED, f64::from(DEFAULTS.seed))?;
    let alpha = Control::slider(&controls, ID, "alpha", i18n::ALPHA, &model::ALPHA, 3)?;
    // The read-only lambda2 field, laid out as a control.
    let block = dom::child(&controls, "div", "control readout-control")?;
    let label = dom::child(&block, "label", "control-label")?;
    label.set_attribute("for", &format!("{ID}-lambda2"))?;
    dom::bilingual(&label, i18n::LAMBDA2)?;
    let row = dom::child(&block, "div", "control-inputs")?;
    let lambda2 = Readout::field(&row, "lambda2", &format!("{ID}-lambda2"))?;

    let top = dom::child(&ui, "div", "plots plots-3")?;
    let mut plots = P::new_plots(&top, &P::TOP)?;

    let controls2 = dom::child(&ui, "div", "demo-controls")?;
    // Drawing your own q(x): right under the q(x) plot, in the row of the
    // inputs seed (no row of its own: the demo keeps its height).
    let draw_bar = dom::child(&controls2, "div", "demo-actions")?;
    let inputs_seed = Control::seed(
        &controls2,
        ID,
        "inputs_seed",
        i18n::INPUTS_SEED,
        f64::from(DEFAULTS.inputs_seed),
    )?;
    // The button sits beside the field it changes.
    let button: HtmlButtonElement =
        dom::child(&inputs_seed.row, "button", "demo-button")?.dyn_into()?;
    button.set_type("button");
    button.set_attribute("data-param", "new_inputs_seed")?;
    dom::bilingual(&button, i18n::NEW_INPUTS_SEED)?;

    let bottom = dom::child(&ui, "div", "plots plots-2")?;
    plots.extend(P::new_plots(&bottom, &P::BOTTOM)?);
    let js_in = caption(&plots[P::Inputs as usize], "div_in", "js_in", i18n::DIV_IN)?;
    let js_out = caption(
        &plots[P::Outputs as usize],
        "div_out",
        "js_out",
        i18n::DIV_OUT,
    )?;
    let status = dom::status_line(&ui)?;

    let state = Demo41 {
        readouts: Readouts {
            lambda2,
            js_in,
            js_out,
        },
        wanted: DEFAULTS,
        model: Model::default(),
        generation: 0,
        shared: None,
        later: None,
        posted: false,
        measures: Cell::new(0),
    };
    let demo = Live::new(plots, status, state);
    let inputs: Vec<crate::Input<Live<Demo41>>> = vec![
        (seed, |d, v| d.state.wanted.seed = v as u32),
        (alpha, |d, v| d.state.wanted.alpha = v),
        (Rc::clone(&inputs_seed), |d, v| {
            d.state.wanted.inputs_seed = v as u32
        }),
    ];
    let (demo, scheduler) = crate::wire(root, &ui, demo, inputs)?;
    let channel = MessageChannel::new()?;
    let weak = Rc::downgrade(&demo);
    dom::listen(&channel.port1(), "message", move |_| {
        if crate::stopped() {
            return;
        }
        let Some(d) = weak.upgrade() else { return };
        let Ok(mut d) = d.try_borrow_mut() else {
            return;
        };
        // lambda2 fails only on inputs the update already accepted; the
        // readout would then stay marked pending.
        let _ = d.state.finish_lambda2();
    })?;
    channel.port1().start();
    demo.borrow_mut().state.later = Some(channel.port2());
    let weak = Rc::downgrade(&demo);
    shared::set_transform_source(move || {
        weak.upgrade().and_then(|d| {
            d.try_borrow_mut()
                .ok()
                .and_then(|mut d| d.state.transform())
        })
    });
    // Your own q(x), drawn on the q(x) plot (issue 16).
    let d = Rc::clone(&demo);
    let s = scheduler.clone();
    let on_data: crate::sketch::OnData = Rc::new(move |q, t| {
        if let Ok(mut d) = d.try_borrow_mut() {
            d.state.model.set_own_q_x(q);
        }
        s.request(t);
    });
    crate::sketch::attach(
        &draw_bar,
        &demo.borrow().view.plots[P::QX as usize],
        on_data,
    )?;
    dom::listen(&button, "click", move |ev| {
        let current = inputs_seed.value();
        let mut v = current;
        while v == current {
            v = (js_sys::Math::random() * f64::from(model::INPUTS_SEED_RANGE)).floor();
        }
        inputs_seed.set_value(v);
        demo.borrow_mut().state.wanted.inputs_seed = v as u32;
        scheduler.request(ev.time_stamp());
    })?;
    Ok(())
}
