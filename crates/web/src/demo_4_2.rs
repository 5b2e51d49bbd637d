//! Demo 4.2 - Posterior Transform Have a Converging Point: on apply, takes
//! demo 4.1's current q(x) and posterior, draws the input z for `seed`, and
//! shows `Q^n z` (green) against q(x) (blue) for each displayed count n up to
//! `iterate_number` (0..1,000,000), with JS distances as readouts `js_input`
//! and `js_iter_<n>`; the folded sub-panel holds the power matrices `Q^n`.
//!
//! `Q` is the column-normalised posterior (the original renormalises its
//! columns after every product). A million transforms take milliseconds:
//! the engine applies the first few exactly, one by one, and the rest in the
//! eigenbasis of its symmetric form (dpm-engine `converge`). The
//! decomposition is kept while demo 4.1 stays unchanged, and with it the
//! exact work behind the power matrices. Units: the input; the
//! decomposition, the iterates and each power matrix in pieces of
//! `converge::UNIT_WORK` (engine tasks: ~1 ms natively each, where the
//! decomposition alone is up to ~80 ms at alpha near 1); one chart or heat
//! map each. The computed iterates also go to a folded animation
//! (`crate::animate`, issue 16) that plays them converging to q(x).

use std::cell::RefCell;
use std::rc::Rc;

use dpm_charts::demos::demo_4_2 as charts;
use dpm_engine::converge::{self, Iterate, PowerIteration, PowerMatrixCache, UNIT_WORK};
use dpm_engine::demos::demo_4_2::{Params, DEFAULTS, ITERATE_NUMBER};
use dpm_engine::divergence::js_distance;
use dpm_engine::grid;
use dpm_engine::work::Task;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::apply::{self, Panels, Runner, UnitResult, Work};
use crate::canvas;
use crate::dom::{self, Control, NumberSpec};
use crate::i18n::{self, Lang};
use crate::shared::{self, Transform};

const ID: &str = "demo_4_2";
/// Counts displayed at most (`converge::displayed_counts`).
const MAX_SHOWN: usize = 23;
/// Idle time left below which the warm-up stops for this period (a unit of
/// the decomposition takes ~1-3 ms in the page, a few up to ~25 ms).
const WARM_MARGIN_MS: f64 = 10.0;
const ITERATE: NumberSpec = NumberSpec::whole(ITERATE_NUMBER.min, ITERATE_NUMBER.max);

enum Stage {
    Idle,
    Start(Params),
    Decompose,
    Iterate(Task<Vec<Iterate>>),
    Ready,
}

/// A power matrix on its way to panel `count`'s heat map.
enum Matrix {
    Computing(u64, Task<(Vec<f64>, PowerMatrixCache)>),
    Done(u64, Vec<f64>),
}

struct Demo42 {
    x: Vec<f64>,
    lang: Lang,
    lines: Panels,
    powers: Panels,
    power_sub: Element,
    hint: Element,
    show_power: bool,
    stage: Stage,
    params: Option<Params>,
    source: Option<Rc<Transform>>,
    /// The decomposition and the transform it belongs to.
    power: Option<(Rc<Transform>, Rc<PowerIteration>)>,
    /// A decomposition under way and the transform it is for.
    decomposing: Option<(Rc<Transform>, Task<PowerIteration>)>,
    /// Exact work on power-matrix columns, shared by increasing counts (held
    /// by the matrix task while one runs).
    matrices: Option<PowerMatrixCache>,
    /// The power matrix being formed or waiting to be drawn.
    matrix: Option<Matrix>,
    z: Vec<f64>,
    js_input: f64,
    counts: Vec<u64>,
    iterations: Vec<Iterate>,
    generation: u64,
    /// The iterates played one by one (issue 16).
    anim: crate::animate::Animation,
}

impl Demo42 {
    fn decomposed(&self) -> bool {
        match (&self.power, &self.source) {
            (Some((t, _)), Some(s)) => Rc::ptr_eq(t, s),
            _ => false,
        }
    }

    fn start(&mut self, p: Params) -> Result<(), String> {
        let source =
            shared::transform().ok_or_else(|| i18n::NO_TRANSFORM.get(self.lang).to_string())?;
        self.z = converge::fixed_point_input(p.input_seed).map_err(|e| e.to_string())?;
        self.js_input = js_distance(&self.z, &source.q_x);
        self.counts = converge::displayed_counts(p.iterate_number).map_err(|e| e.to_string())?;
        self.source = Some(source);
        self.params = Some(p);
        self.iterations.clear();
        self.anim.show(Vec::new());
        self.generation = canvas::next_generation(MAX_SHOWN as u64);
        let counts = self.counts.clone();
        self.lines.show(counts.len() + 1, |i| {
            if i == 0 {
                "input".to_string()
            } else {
                format!("iter_{}", counts[i - 1])
            }
        });
        self.powers
            .show(counts.len(), |i| format!("power_{}", counts[i]));
        self.captions().map_err(|e| format!("{e:?}"))?;
        apply::set_hidden(&self.hint, true);
        Ok(())
    }

    /// "JS = …" under each panel; iterate readouts are filled in later.
    fn captions(&self) -> Result<(), JsValue> {
        for i in 0..self.lines.used {
            let caption = self.lines.caption(i)?;
            let name = if i == 0 {
                "js_input".to_string()
            } else {
                format!("js_iter_{}", self.counts[i - 1])
            };
            let js = if i == 0 {
                Some(self.js_input)
            } else {
                self.iterations.get(i - 1).map(|it| it.js)
            };
            match js {
                Some(js) => apply::js_readout(&caption, &name, None, js)?,
                // Not computed yet: the readout stays empty until it is.
                None => {
                    dom::readout_pair(&caption, "JS", &name)?;
                }
            }
        }
        Ok(())
    }
}

impl Demo42 {
    /// Hands the input and the iterates to the animation.
    fn animate(&self) {
        let Some(source) = &self.source else { return };
        let frame = |n: u64, q: &[f64], js: f64| crate::animate::Frame {
            t: n as usize,
            main: q.to_vec(),
            reference: source.q_x.clone(),
            js,
        };
        let frames = std::iter::once(frame(0, &self.z, self.js_input))
            .chain(self.iterations.iter().map(|it| frame(it.n, &it.q, it.js)))
            .collect();
        self.anim.show(frames);
    }

    /// One piece of the decomposition of the current transform (the first
    /// builds `Q̂`); a decomposition under way for it is resumed.
    fn decompose(&mut self) -> UnitResult {
        let source = self.source.clone().ok_or("no transform")?;
        self.decompose_for(source)
    }

    /// One piece of the decomposition of `source`.
    fn decompose_for(&mut self, source: Rc<Transform>) -> UnitResult {
        let mut task = match self.decomposing.take() {
            Some((t, task)) if Rc::ptr_eq(&t, &source) => task,
            _ => {
                let task =
                    PowerIteration::start(&source.q_x, &source.step).map_err(|e| e.to_string())?;
                self.decomposing = Some((source, task));
                return Ok(true);
            }
        };
        match task.advance(UNIT_WORK) {
            Some(power) => {
                self.power = Some((source, Rc::new(power)));
                self.matrices = Some(PowerMatrixCache::default());
                self.matrix = None;
            }
            None => self.decomposing = Some((source, task)),
        }
        Ok(true)
    }

    /// Idle-time warm-up before the first apply: one piece of the
    /// decomposition of demo 4.1's current transform (the apply resumes or
    /// reuses it while demo 4.1 is unchanged); false when nothing is left.
    fn warm(&mut self) -> bool {
        if !matches!(self.stage, Stage::Idle) {
            return false;
        }
        let Some(source) = shared::transform() else {
            return false;
        };
        if matches!(&self.power, Some((t, _)) if Rc::ptr_eq(t, &source)) {
            return false;
        }
        self.decompose_for(source).is_ok()
    }

    /// One piece of panel `k`'s power matrix, or its heat map once formed.
    /// Matrices are formed when drawn, not kept: 23 would hold 39 MB.
    fn power_matrix(&mut self, k: usize) {
        let n = self.counts[k];
        let Some((_, power)) = &self.power else {
            return;
        };
        let mut task = match self.matrix.take() {
            Some(Matrix::Done(m_n, m)) if m_n == n => {
                let map = charts::power_heatmap(i18n::power_title(n), &m, grid::N);
                self.powers.draw_heatmap(k, &map, self.generation);
                return;
            }
            Some(Matrix::Computing(m_n, task)) if m_n == n => task,
            // Another count (a restart): its task held the cache.
            _ => {
                let cache = self.matrices.take().unwrap_or_default();
                Rc::clone(power).power_matrix_task(n, cache)
            }
        };
        self.matrix = Some(match task.advance(UNIT_WORK) {
            Some((m, cache)) => {
                self.matrices = Some(cache);
                Matrix::Done(n, m)
            }
            None => Matrix::Computing(n, task),
        });
    }
}

impl Work for Demo42 {
    fn draw(&mut self) -> Result<bool, String> {
        if matches!(self.stage, Stage::Start(_)) {
            // A restart: the old result is about to go.
            return Ok(false);
        }
        let Some(source) = self.source.clone() else {
            return Ok(false);
        };
        let have = self.iterations.len();
        if let Some(i) = self.lines.next_stale(|i| i == 0 || i <= have) {
            let (title, q) = if i == 0 {
                (i18n::INPUT.get(self.lang).to_string(), &self.z)
            } else {
                let it = &self.iterations[i - 1];
                (i18n::iterate_title(it.n), &it.q)
            };
            let chart = charts::converging_panel(title, &self.x, &source.q_x, q, None);
            self.lines.draw_line_chart(i, &chart);
            return Ok(true);
        }
        if self.show_power && self.decomposed() {
            if let Some(k) = self.powers.next_stale(|_| true) {
                self.power_matrix(k);
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn advance(&mut self) -> UnitResult {
        match std::mem::replace(&mut self.stage, Stage::Idle) {
            Stage::Idle => Ok(false),
            Stage::Start(p) => {
                self.start(p)?;
                self.stage = Stage::Decompose;
                Ok(true)
            }
            Stage::Decompose => {
                self.stage = Stage::Decompose;
                if !self.decomposed() {
                    return self.decompose();
                }
                let (Some((source, power)), Some(p)) = (&self.power, self.params) else {
                    return Err("no decomposition".into());
                };
                let task = converge::iterate_task(
                    Rc::clone(power),
                    &source.q_x,
                    &self.z,
                    p.iterate_number,
                )
                .map_err(|e| e.to_string())?;
                self.stage = Stage::Iterate(task);
                Ok(true)
            }
            Stage::Iterate(mut task) => {
                match task.advance(UNIT_WORK) {
                    Some(iterations) => {
                        self.iterations = iterations;
                        self.captions().map_err(|e| format!("{e:?}"))?;
                        self.animate();
                        self.stage = Stage::Ready;
                    }
                    None => self.stage = Stage::Iterate(task),
                }
                Ok(true)
            }
            Stage::Ready => {
                self.stage = Stage::Ready;
                Ok(false)
            }
        }
    }

    fn panels_mut(&mut self) -> Vec<&mut Panels> {
        vec![&mut self.lines, &mut self.powers]
    }
}

/// Builds Demo 4.2 into `root`.
pub fn mount(root: &Element) -> Result<(), JsValue> {
    let (ui, controls) = dom::demo_ui()?;
    let seed_default = f64::from(DEFAULTS.input_seed);
    let seed = Control::seed(&controls, ID, "seed", i18n::INPUT_SEED, seed_default)?;
    let iterate = Control::new(
        &controls,
        ID,
        "iterate_number",
        i18n::ITERATE_NUMBER,
        ITERATE,
        ITERATE_NUMBER.default,
        false,
    )?;
    let show_power = DEFAULTS.show_power;
    let show_power = dom::checkbox(&controls, ID, "show_power", i18n::SHOW_POWER, show_power)?;
    let button = dom::apply_button(&controls)?;

    let hint = apply::note(&ui, "hint", i18n::HINT_4_2)?;
    let lines = Panels::chain(&ui, MAX_SHOWN + 1)?;
    // The two folded sections share a row while both are closed (CSS).
    let subs = dom::child(&ui, "div", "demo-subs")?;
    let (power_sub, powers) = apply::sub_panel(&subs, "power", i18n::POWER_MATRICES, MAX_SHOWN)?;
    let anim = crate::animate::mount(&subs, crate::animate::Kind::Converge)?;
    let status = dom::status_line(&ui)?;

    let demo = Rc::new(RefCell::new(Demo42 {
        x: grid::points(),
        lang: dom::page_lang(),
        lines,
        powers,
        power_sub,
        hint,
        show_power: DEFAULTS.show_power,
        stage: Stage::Idle,
        params: None,
        source: None,
        power: None,
        decomposing: None,
        matrices: None,
        matrix: None,
        z: Vec::new(),
        js_input: f64::NAN,
        counts: Vec::new(),
        iterations: Vec::new(),
        generation: 0,
        anim,
    }));
    let runner = Runner::new(Rc::clone(&demo), "demo_4_2:apply", root, &status)?;
    let controls = vec![seed.clone(), iterate.clone()];
    crate::wire_apply(root, &ui, &demo, &runner, controls, |d, lang| d.lang = lang)?;

    apply::on_check(&show_power, &demo, &runner, |d, on| {
        d.show_power = on;
        apply::set_hidden(&d.power_sub, !on);
        d.powers.invalidate();
    })?;

    let d = Rc::downgrade(&demo);
    let warm = move || crate::idle::warm(d.clone(), WARM_MARGIN_MS, Demo42::warm);
    warm();
    // Demo 4.1 changed: its new transform is decomposed while the reader is idle.
    if let Some(demo_4_1) = dom::document().get_element_by_id("demo_4_1") {
        dom::listen(&demo_4_1, "change", move |_| warm())?;
    }

    dom::listen(&button, "click", move |ev| {
        demo.borrow_mut().stage = Stage::Start(Params {
            input_seed: seed.value() as u32,
            iterate_number: iterate.value() as u64,
            // Read from the checkbox as it changes, not at apply.
            ..DEFAULTS
        });
        runner.apply(ev.time_stamp());
    })?;
    Ok(())
}
