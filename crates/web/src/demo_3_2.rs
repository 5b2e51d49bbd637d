//! Demo 3.2 - Recover From Normal Distribution Iteratively: on apply,
//! restores every marginal of demo 3.1's last chain backwards from N(0,1)
//! (green) and, with a noise ratio above 0, from the noisy tail
//! `(1-r) N(0,1) + r noise` (red); each panel shows the forward pdf (blue)
//! and the JS distances to it, also as DOM readouts `js_std_<t>` and
//! `js_noise_<t>`.
//!
//! Controls: `show_forward`, `show_backward`, `show_samples` (redraw at
//! once, no recompute), `noise_seed`, `noise_ratio` (0..1, step 0.1),
//! `samples` (particles of the samples view, `crate::samples`), `apply`. Before demo 3.1 has
//! been applied a note says so and apply does nothing.

use std::cell::RefCell;
use std::rc::Rc;

use dpm_charts::demos::demo_3_2 as charts;
use dpm_engine::chain::Chain;
use dpm_engine::demos::demo_3::{self as model, Params, DEFAULTS};
use dpm_engine::grid;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::apply::{self, Panels, Runner, UnitResult, Work};
use crate::demo_3_1::MAX_STEPS;
use crate::dom::{self, Control, NumberSpec};
use crate::i18n::{self, Lang};
use crate::shared;

const ID: &str = "demo_3_2";
const RATIO: NumberSpec = NumberSpec::of(&model::NOISE_RATIO, 1);

/// What an apply computed.
struct Restored {
    chain: Rc<Chain>,
    from_normal: model::Restored,
    /// From the noisy tail (noise ratio > 0).
    from_noisy: Option<model::Restored>,
}

impl Restored {
    /// The restoration from the tail the particles start from.
    fn sampled(&self) -> &model::Restored {
        self.from_noisy.as_ref().unwrap_or(&self.from_normal)
    }
}

struct Demo32 {
    x: Vec<f64>,
    lang: Lang,
    panels: Panels,
    show_forward: bool,
    show_backward: bool,
    /// Apply pressed: the settings, the particle count and the chain to restore.
    pending: Option<(Params, usize, Rc<Chain>)>,
    samples: crate::samples::SamplesView,
    result: Option<Restored>,
    hint: Element,
}

impl Demo32 {
    fn restore(&mut self, p: Params, n: usize, chain: Rc<Chain>) -> Result<(), String> {
        let c = &chain;
        let from_normal = model::restored_from_normal(c).map_err(|e| e.to_string())?;
        let from_noisy = model::restored_from_noisy(c, &p)
            .map_err(|e| e.to_string())?
            .map(|(_, r)| r);
        let t_max = c.len();
        self.panels.show(t_max + 1, |t| format!("restore_{t}"));
        for t in 0..=t_max {
            let caption = self.panels.caption(t).map_err(|e| format!("{e:?}"))?;
            apply::js_readout(
                &caption,
                &format!("js_std_{t}"),
                Some("green"),
                from_normal.js[t],
            )
            .map_err(|e| format!("{e:?}"))?;
            if let Some(r) = &from_noisy {
                apply::js_readout(&caption, &format!("js_noise_{t}"), Some("red"), r.js[t])
                    .map_err(|e| format!("{e:?}"))?;
            }
        }
        self.samples.prepare(c, &p, n)?;
        apply::set_hidden(&self.hint, true);
        self.result = Some(Restored {
            chain,
            from_normal,
            from_noisy,
        });
        Ok(())
    }
}

impl Work for Demo32 {
    const SLICE_MS: f64 = apply::CHAIN_SLICE_MS;

    fn draw(&mut self) -> UnitResult {
        let Some(r) = &self.result else {
            return Ok(false);
        };
        let Some(t) = self.panels.next_stale(|_| true) else {
            return Ok(false);
        };
        let c = &r.chain;
        if t == 0 {
            // The particles are done: their readouts join the captions.
            for k in 0..=c.len() {
                let caption = self.panels.plots[k]
                    .figure()
                    .and_then(|f| f.query_selector("figcaption").ok().flatten());
                if let Some(caption) = caption {
                    let old = caption.query_selector("[data-readout^=samples_js]");
                    if let Ok(Some(old)) = old {
                        if let Some(pair) = old.parent_element() {
                            pair.remove();
                        }
                    }
                    self.samples
                        .readout(&caption, k)
                        .map_err(|e| format!("{e:?}"))?;
                }
            }
        }
        let title = i18n::step_title(self.lang, t, c.alphas());
        let panel = charts::RestorePanel {
            forward: self.show_forward.then(|| c.forward()[t].as_slice()),
            backward: self.show_backward.then(|| {
                let n = &r.from_normal;
                (n.pdfs[t].as_slice(), i18n::js_legend(n.js[t]))
            }),
            noisy: r
                .from_noisy
                .as_ref()
                .map(|n| (n.pdfs[t].as_slice(), i18n::js_legend(n.js[t]))),
        };
        let chart = charts::restore_panel(title, &self.x, panel);
        let chart = apply::captioned(self.samples.under(t, chart));
        self.panels.draw_line_chart(t, &chart);
        Ok(true)
    }

    fn advance(&mut self) -> UnitResult {
        if let Some((p, n, chain)) = self.pending.take() {
            self.restore(p, n, chain)?;
            return Ok(true);
        }
        // The particles, one chain step per unit, before any panel is drawn.
        match &self.result {
            Some(r) => self.samples.advance(&r.chain, r.sampled()),
            None => Ok(false),
        }
    }

    /// A new result is restored before any panel is drawn.
    fn unit(&mut self) -> UnitResult {
        if self.advance()? {
            return Ok(true);
        }
        self.draw()
    }

    fn panels_mut(&mut self) -> Vec<&mut Panels> {
        vec![&mut self.panels]
    }
}

/// Builds Demo 3.2 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let (ui, controls) = dom::demo_ui()?;
    let show_forward = dom::checkbox(&controls, ID, "show_forward", i18n::SHOW_FORWARD, true)?;
    let show_backward = dom::checkbox(&controls, ID, "show_backward", i18n::SHOW_BACKWARD, true)?;
    let seed_default = f64::from(DEFAULTS.noise_seed);
    let noise_seed = Control::seed(&controls, ID, "noise_seed", i18n::NOISE_SEED, seed_default)?;
    // The two fields with a slider: (param, label, spec, default).
    let field = |param, label, spec, default| {
        Control::new(&controls, ID, param, label, spec, default, true)
    };
    let noise_ratio = field(
        "noise_ratio",
        i18n::NOISE_RATIO,
        RATIO,
        DEFAULTS.noise_ratio,
    )?;
    let show_samples = dom::checkbox(&controls, ID, "show_samples", i18n::SHOW_SAMPLES, false)?;
    let samples = field(
        "samples",
        i18n::SAMPLES,
        crate::samples::SPEC,
        model::SAMPLES.default,
    )?;
    let button = dom::apply_button(&controls)?;

    let notes = ChainNotes::new(&ui)?;
    let panels = Panels::chain(&ui, MAX_STEPS + 1)?;
    crate::animate::mount(&ui, crate::animate::Kind::Restore)?;
    let status = dom::status_line(&ui)?;

    let demo = Rc::new(RefCell::new(Demo32 {
        x: grid::points(),
        lang: dom::page_lang(),
        panels,
        show_forward: true,
        show_backward: true,
        pending: None,
        samples: crate::samples::SamplesView::new(),
        result: None,
        hint: notes.hint.clone(),
    }));
    let runner = Runner::new(Rc::clone(&demo), "demo_3_2:apply", root, &status)?;
    let controls = vec![noise_seed.clone(), noise_ratio.clone(), samples.clone()];
    crate::wire_apply(root, &ui, &demo, &runner, controls, |d, lang| d.lang = lang)?;
    notes.follow_chain()?;

    apply::on_check(&show_forward, &demo, &runner, |d, on| {
        d.show_forward = on;
        d.panels.invalidate();
    })?;
    apply::on_check(&show_backward, &demo, &runner, |d, on| {
        d.show_backward = on;
        d.panels.invalidate();
    })?;
    apply::on_check(&show_samples, &demo, &runner, |d, on| {
        d.samples.show = on;
        if let Some(r) = &d.result {
            if let Err(e) = d.samples.start_if_shown(&r.chain) {
                web_sys::console::warn_1(&e.into());
            }
        }
        d.panels.invalidate();
    })?;

    dom::listen(&button, "click", move |ev| {
        let Some(chain) = notes.on_apply() else {
            return;
        };
        // The chain carries its own seed and alphas; only the noise is read here.
        let p = Params {
            noise_seed: noise_seed.value() as u32,
            noise_ratio: noise_ratio.value(),
            ..DEFAULTS
        };
        let n = samples.value() as usize;
        demo.borrow_mut().pending = Some((p, n, chain));
        runner.apply(ev.time_stamp());
    })?;
    Ok(())
}

/// The notes of a demo that restores demo 3.1's chain.
pub struct ChainNotes {
    /// "Apply Demo 3.1 first" (until it has published a chain).
    pub needs_chain: Element,
    /// "Press Apply" (until the first apply here).
    pub hint: Element,
    /// "Demo 3.1 has a new chain" (after this demo showed an older one).
    pub new_chain: Element,
}

impl ChainNotes {
    /// The three notes in `parent`, all hidden but the one that applies now.
    pub fn new(parent: &Element) -> Result<ChainNotes, JsValue> {
        let notes = ChainNotes {
            needs_chain: apply::note(parent, "needs_chain", i18n::NEEDS_CHAIN)?,
            hint: apply::note(parent, "hint", i18n::HINT_APPLY)?,
            new_chain: apply::note(parent, "new_chain", i18n::NEW_CHAIN)?,
        };
        let has = shared::chain().is_some();
        apply::set_hidden(&notes.needs_chain, has);
        apply::set_hidden(&notes.hint, !has);
        apply::set_hidden(&notes.new_chain, true);
        Ok(notes)
    }

    /// Follows demo 3.1: a first chain swaps "apply 3.1 first" for the
    /// hint; a later one, after an apply here, says the panels are now out
    /// of date.
    pub fn follow_chain(&self) -> Result<(), JsValue> {
        let (n, h, c) = (
            self.needs_chain.clone(),
            self.hint.clone(),
            self.new_chain.clone(),
        );
        dom::listen(&dom::document(), "dpm:chain", move |_| {
            if !n.has_attribute("hidden") {
                apply::set_hidden(&n, true);
                apply::set_hidden(&h, false);
            } else if h.has_attribute("hidden") {
                apply::set_hidden(&c, false);
            }
        })
    }

    /// Apply pressed: whether there is a chain to use (if not, the
    /// "apply 3.1 first" note is shown again, highlighted).
    pub fn on_apply(&self) -> Option<Rc<Chain>> {
        let chain = shared::chain();
        match &chain {
            Some(_) => apply::set_hidden(&self.new_chain, true),
            None => apply::call_attention(&self.needs_chain),
        }
        chain
    }
}
