//! Demo 3.1 - Transform To Normal Distribution Iteratively: on apply, the
//! forward chain q(x) -> q(z_1) -> ... -> q(z_T) with alpha_t =
//! linspace(start, end, T), one panel per marginal (N(0,1) in green on the
//! last) and, in a folded sub-panel, the posterior q(z_{t-1}|z_t) of each step.
//!
//! Controls: `seed`, `start_alpha`, `end_alpha` (typed values kept exactly),
//! `steps` (1..15), `apply`. Each unit is one chain step or one chart; the
//! completed chain is published for demos 3.2 and 3.3.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use dpm_charts::demos::demo_3_1 as charts;
use dpm_engine::chain::Chain;
use dpm_engine::demos::demo_3::{self as model, Params, DEFAULTS};
use dpm_engine::grid;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::apply::{self, Panels, Runner, UnitResult, Work};
use crate::canvas;
use crate::dom::{self, Control, NumberSpec};
use crate::hover::CellSource;
use crate::i18n::{self, Lang};
use crate::shared;

const ID: &str = "demo_3_1";
/// Most steps the demo offers.
pub const MAX_STEPS: usize = model::STEPS.max as usize;
/// Idle time left below which the chain warm-up waits for the next period.
const WARM_MARGIN_MS: f64 = 5.0;
const ALPHA: NumberSpec = NumberSpec::of(&model::ALPHA, 3).exact();
const STEPS: NumberSpec = NumberSpec::whole(model::STEPS.min, model::STEPS.max);

enum Stage {
    Idle,
    /// Apply pressed: build the input and the empty chain.
    Start(Params),
    /// Taking steps.
    Stepping(Chain),
    /// The chain is complete (and published).
    Complete(Rc<Chain>),
}

struct Demo31 {
    x: Vec<f64>,
    normal: Vec<f64>,
    lang: Lang,
    forward: Panels,
    posterior: Panels,
    hint: Element,
    stage: Stage,
    /// Identifies the current chain's matrices for the heat-map cache.
    generation: u64,
    /// The reader's own q(x), drawn on the q(x) panel (issue 16).
    own: Option<Vec<f64>>,
    /// The chain for the controls as they are, computed while the reader
    /// is idle: an apply with these parameters takes it up, complete or not.
    ahead: Option<(Params, Chain)>,
    /// This demo, for the heat maps' hover to read the chain's matrices.
    me: Weak<RefCell<Demo31>>,
}

impl Stage {
    fn chain(&self) -> Option<&Chain> {
        match self {
            Stage::Stepping(c) => Some(c),
            Stage::Complete(c) => Some(c),
            _ => None,
        }
    }
}

impl Demo31 {
    fn begin(&mut self, p: Params) {
        self.stage = Stage::Start(p);
    }

    /// One idle-time piece of the chain for `p` (a chain step, ~2-3 ms);
    /// false when it is complete, or while an apply runs or the reader's
    /// own q(x) is in use (its strokes apply at once).
    fn warm(&mut self, p: Params) -> bool {
        if !matches!(self.stage, Stage::Idle | Stage::Complete(_)) || self.own.is_some() {
            return false;
        }
        match &mut self.ahead {
            Some((q, chain)) if *q == p => chain.step().unwrap_or(false),
            _ => {
                // A bad setting has nothing to warm; the apply reports it.
                self.ahead = model::start(&p).ok().map(|c| (p, c));
                self.ahead.is_some()
            }
        }
    }

    /// The chain the apply with `p` starts from: the one warmed ahead if it
    /// is for `p` and the seeded q(x), else a new one.
    fn chain_for(&mut self, p: &Params) -> Result<Chain, String> {
        let ahead = self.ahead.take();
        match (&self.own, ahead) {
            (None, Some((q, chain))) if q == *p => Ok(chain),
            (Some(q), _) => model::alphas(p).and_then(|a| Chain::start(q, &a)),
            (None, _) => model::start(p),
        }
        .map_err(|e| e.to_string())
    }
}

impl Work for Demo31 {
    const SLICE_MS: f64 = apply::CHAIN_SLICE_MS;

    /// Draws one stale panel whose data is ready; `Ok(false)` if there is none.
    fn draw(&mut self) -> UnitResult {
        let lang = self.lang;
        let Some(chain) = self.stage.chain() else {
            return Ok(false);
        };
        let (have_pdfs, have_steps, t_max) =
            (chain.forward().len(), chain.steps().len(), chain.len());
        if let Some(t) = self.forward.next_stale(|t| t < have_pdfs) {
            let pdf = &chain.forward()[t];
            let title = i18n::step_title(lang, t, chain.alphas());
            let chart = if t == t_max {
                charts::last_forward_pdf(title, &self.x, pdf, &self.normal)
            } else {
                charts::forward_pdf(title, &self.x, pdf)
            };
            self.forward.draw_line_chart(t, &chart);
            return Ok(true);
        }
        if let Some(k) = self.posterior.next_stale(|k| k < have_steps) {
            let map = charts::step_posterior_heatmap(
                i18n::posterior_title(k + 1),
                chain.steps()[k].posterior(),
                grid::N,
            );
            // The hover reads step k's posterior from the chain, not a copy.
            let me = self.me.clone();
            let source: CellSource = Rc::new(move |i| {
                let demo = me.upgrade()?;
                let demo = demo.try_borrow().ok()?;
                let step = demo.stage.chain()?.steps().get(k)?;
                step.posterior().get(i).copied()
            });
            self.posterior
                .draw_heatmap_from(k, &map, self.generation, Some(source));
            return Ok(true);
        }
        Ok(false)
    }

    fn advance(&mut self) -> UnitResult {
        match std::mem::replace(&mut self.stage, Stage::Idle) {
            Stage::Idle => Ok(false),
            Stage::Start(p) => {
                let chain = self.chain_for(&p)?;
                apply::set_hidden(&self.hint, true);
                self.generation = canvas::next_generation(MAX_STEPS as u64);
                self.forward.show(p.steps + 1, |t| format!("forward_{t}"));
                self.posterior
                    .show(p.steps, |k| format!("posterior_{}", k + 1));
                self.stage = Stage::Stepping(chain);
                Ok(true)
            }
            Stage::Stepping(mut chain) => {
                if chain.step().map_err(|e| e.to_string())? {
                    self.stage = Stage::Stepping(chain);
                } else {
                    let chain = Rc::new(chain);
                    shared::publish_chain(Rc::clone(&chain));
                    self.stage = Stage::Complete(chain);
                }
                Ok(true)
            }
            done @ Stage::Complete(_) => {
                self.stage = done;
                Ok(false)
            }
        }
    }

    fn panels_mut(&mut self) -> Vec<&mut Panels> {
        vec![&mut self.forward, &mut self.posterior]
    }
}

/// Builds Demo 3.1 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let (ui, controls) = dom::demo_ui()?;
    let seed = Control::seed(&controls, ID, "seed", i18n::SEED, f64::from(DEFAULTS.seed))?;
    let [start, end, steps] = Control::sliders(
        &controls,
        ID,
        [
            (
                "start_alpha",
                i18n::START_ALPHA,
                ALPHA,
                DEFAULTS.start_alpha,
            ),
            ("end_alpha", i18n::END_ALPHA, ALPHA, DEFAULTS.end_alpha),
            ("steps", i18n::STEPS, STEPS, DEFAULTS.steps as f64),
        ],
    )?;
    let button = dom::apply_button(&controls)?;
    let draw_bar = dom::child(&controls, "div", "demo-actions")?;

    let hint = apply::note(&ui, "hint", i18n::HINT_3_1)?;
    let forward = Panels::chain(&ui, MAX_STEPS + 1)?;
    let (_, posterior) = apply::sub_panel(&ui, "posterior", i18n::POSTERIOR_PDF, MAX_STEPS)?;
    crate::animate::mount(&ui, crate::animate::Kind::Forward)?;
    let status = dom::status_line(&ui)?;

    let demo = Rc::new_cyclic(|me| {
        RefCell::new(Demo31 {
            x: grid::points(),
            normal: grid::standard_normal(),
            lang: dom::page_lang(),
            forward,
            posterior,
            hint,
            stage: Stage::Idle,
            generation: 0,
            own: None,
            ahead: None,
            me: me.clone(),
        })
    });
    let runner = Runner::new(Rc::clone(&demo), "demo_3_1:apply", root, &status)?;
    let controls = vec![seed.clone(), start.clone(), end.clone(), steps.clone()];
    let params: Rc<dyn Fn() -> Params> = Rc::new(move || Params {
        seed: seed.value() as u32,
        start_alpha: start.value(),
        end_alpha: end.value(),
        steps: steps.value() as usize,
        // The noise belongs to demo 3.2's restoration, not to the chain.
        ..DEFAULTS
    });
    // The chain for the current controls, warmed after each change.
    let (d, p) = (Rc::downgrade(&demo), Rc::clone(&params));
    let warm = move || {
        let p = Rc::clone(&p);
        crate::idle::warm(d.clone(), WARM_MARGIN_MS, move |d| d.warm(p()));
    };
    warm();
    crate::wire_apply_with(root, &ui, &demo, &runner, controls, warm, |d, lang| {
        d.lang = lang
    })?;

    let (d, r, p) = (Rc::clone(&demo), runner.clone(), Rc::clone(&params));
    dom::listen(&button, "click", move |ev| {
        d.borrow_mut().begin(p());
        r.apply(ev.time_stamp());
    })?;
    // Your own q(x), drawn on the q(x) panel once there is one (issue 16):
    // every stroke re-applies the chain from it.
    let d = Rc::clone(&demo);
    let on_data: crate::sketch::OnData = Rc::new(move |q, t| {
        if let Ok(mut d) = d.try_borrow_mut() {
            d.own = q;
            d.begin(params());
        }
        runner.apply(t);
    });
    let first = &demo.borrow().forward.plots[0];
    crate::sketch::attach(&draw_bar, first, on_data)?;
    Ok(())
}
