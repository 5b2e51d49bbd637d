//! Demo 3.2 - Recover From Normal Distribution Iteratively: on apply,
//! restores every marginal of demo 3.1's last chain backwards from N(0,1)
//! (green) and, with a noise ratio above 0, from the noisy tail
//! `(1-r) N(0,1) + r noise` (red); each panel shows the forward pdf (blue)
//! and the JS distances to it, also as DOM readouts `js_std_<t>` and
//! `js_noise_<t>`.
//!
//! Controls: `show_forward`, `show_backward` (redraw at once, no recompute),
//! `noise_seed`, `noise_ratio` (0..1, step 0.1), `apply`. Before demo 3.1 has
//! been applied a note says so and apply does nothing.

use std::cell::RefCell;
use std::rc::Rc;

use dpm_charts::demos::demo_3_2 as charts;
use dpm_engine::chain;
use dpm_engine::grid;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement};

use crate::apply::{self, Panels, Runner, UnitResult, Work};
use crate::canvas::Shape;
use crate::demo_3_1::MAX_STEPS;
use crate::dom::{self, Control, NumberSpec};
use crate::i18n::{self, Lang};
use crate::shared::{self, ChainResult};

const ID: &str = "demo_3_2";
const RATIO: NumberSpec = NumberSpec::slider(0.0, 1.0, 0.1, 1);

#[derive(Clone, Copy, PartialEq)]
struct Params {
    noise_seed: u32,
    noise_ratio: f64,
}

/// What an apply computed.
struct Restored {
    chain: Rc<ChainResult>,
    from_normal: Vec<Vec<f64>>,
    js_normal: Vec<f64>,
    /// From the noisy tail, with its JS distances (noise ratio > 0).
    from_noisy: Option<(Vec<Vec<f64>>, Vec<f64>)>,
}

struct Demo32 {
    x: Vec<f64>,
    lang: Lang,
    panels: Panels,
    show_forward: bool,
    show_backward: bool,
    pending: Option<Params>,
    result: Option<Restored>,
    hint: Element,
}

impl Demo32 {
    fn restore(&mut self, p: Params) -> Result<(), String> {
        let chain = shared::chain().ok_or("no chain")?;
        let c = &chain.chain;
        let normal = grid::standard_normal();
        let from_normal = c.restore(&normal).map_err(|e| e.to_string())?;
        let js_normal = chain::js_per_step(&from_normal, &c.forward);
        let from_noisy = if p.noise_ratio > 0.0 {
            let tail = chain::noisy_tail(p.noise_seed, p.noise_ratio).map_err(|e| e.to_string())?;
            let r = c.restore(&tail).map_err(|e| e.to_string())?;
            let js = chain::js_per_step(&r, &c.forward);
            Some((r, js))
        } else {
            None
        };
        let t_max = c.len();
        self.panels.show(t_max + 1, |t| format!("restore_{t}"));
        for t in 0..=t_max {
            let caption = self.panels.caption(t).map_err(|e| format!("{e:?}"))?;
            let green = dom::readout_pair(&caption, "JS", &format!("js_std_{t}"))
                .map_err(|e| format!("{e:?}"))?;
            mark_last(&caption, "green");
            green.set(js_normal[t], &format!("{:.4}", js_normal[t]));
            if let Some((_, js)) = &from_noisy {
                let red = dom::readout_pair(&caption, "JS", &format!("js_noise_{t}"))
                    .map_err(|e| format!("{e:?}"))?;
                mark_last(&caption, "red");
                red.set(js[t], &format!("{:.4}", js[t]));
            }
        }
        apply::set_hidden(&self.hint, true);
        self.result = Some(Restored {
            chain,
            from_normal,
            js_normal,
            from_noisy,
        });
        Ok(())
    }

    fn draw_one(&mut self) -> bool {
        let Some(r) = &self.result else { return false };
        let Some(t) = self.panels.next_stale(|_| true) else {
            return false;
        };
        let c = &r.chain.chain;
        let title = if t == 0 {
            i18n::Q_X.get(self.lang).to_string()
        } else {
            format!(
                "q(z_{t})  α_{t} = {}",
                crate::demo_3_1::alpha_text(c.alphas[t - 1])
            )
        };
        let panel = charts::RestorePanel {
            forward: self.show_forward.then(|| c.forward[t].as_slice()),
            backward: self.show_backward.then(|| {
                (
                    r.from_normal[t].as_slice(),
                    format!("JS {:.4}", r.js_normal[t]),
                )
            }),
            noisy: r
                .from_noisy
                .as_ref()
                .map(|(y, js)| (y[t].as_slice(), format!("JS {:.4}", js[t]))),
        };
        let result = self.panels.plots[t].draw_line_chart(&apply::captioned(
            charts::restore_panel(title, &self.x, panel),
        ));
        self.panels.drawn(t, result);
        true
    }
}

/// Colours the caption's last readout pair like its curve.
fn mark_last(caption: &Element, colour: &str) {
    if let Some(pair) = caption.last_element_child() {
        let _ = pair.class_list().add_1(colour);
    }
}

impl Work for Demo32 {
    fn unit(&mut self) -> UnitResult {
        if let Some(p) = self.pending.take() {
            self.restore(p)?;
            return Ok(true);
        }
        Ok(self.draw_one())
    }

    fn panels_mut(&mut self) -> Vec<&mut Panels> {
        vec![&mut self.panels]
    }
}

/// Builds Demo 3.2 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let ui = dom::el("div", "demo-ui")?;
    let controls = dom::child(&ui, "div", "demo-controls")?;
    let show_forward = dom::checkbox(&controls, ID, "show_forward", i18n::SHOW_FORWARD, true)?;
    let show_backward = dom::checkbox(&controls, ID, "show_backward", i18n::SHOW_BACKWARD, true)?;
    let noise_seed = Control::seed(&controls, ID, "noise_seed", i18n::NOISE_SEED, 200.0)?;
    let noise_ratio = Control::new(
        &controls,
        ID,
        "noise_ratio",
        i18n::NOISE_RATIO,
        RATIO,
        0.0,
        true,
    )?;
    let actions = dom::child(&controls, "div", "demo-actions")?;
    let button = dom::button(&actions, "apply", "demo-button apply", i18n::APPLY)?;

    let notes = ChainNotes::new(&ui)?;
    let grid_el = dom::child(&ui, "div", "plots plots-chain")?;
    let panels = Panels::new(&grid_el, Shape::Line, MAX_STEPS + 1)?;
    let status = dom::status_line(&ui)?;

    let demo = Rc::new(RefCell::new(Demo32 {
        x: grid::points(),
        lang: dom::page_lang(),
        panels,
        show_forward: true,
        show_backward: true,
        pending: None,
        result: None,
        hint: notes.hint.clone(),
    }));
    let runner = Runner::new(Rc::clone(&demo), "demo_3_2:apply", root, &status)?;
    let controls = vec![noise_seed, noise_ratio];
    crate::wire_apply(root, &ui, &demo, &runner, controls.clone(), |d, lang| {
        d.lang = lang
    })?;
    notes.follow_chain()?;

    for (input, which) in [(show_forward, 0), (show_backward, 1)] {
        let (d, r) = (Rc::clone(&demo), runner.clone());
        let i2: HtmlInputElement = input.clone();
        dom::listen(&input, "change", move |_| {
            {
                let mut d = d.borrow_mut();
                if which == 0 {
                    d.show_forward = i2.checked();
                } else {
                    d.show_backward = i2.checked();
                }
                d.panels.invalidate();
            }
            r.wake();
        })?;
    }

    dom::listen(&button, "click", move |ev| {
        if notes.on_apply().is_none() {
            return;
        }
        let [seed, ratio] = &controls[..] else { return };
        demo.borrow_mut().pending = Some(Params {
            noise_seed: seed.value() as u32,
            noise_ratio: ratio.value(),
        });
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
    pub fn on_apply(&self) -> Option<Rc<ChainResult>> {
        let chain = shared::chain();
        match &chain {
            Some(_) => apply::set_hidden(&self.new_chain, true),
            None => apply::call_attention(&self.needs_chain),
        }
        chain
    }
}
