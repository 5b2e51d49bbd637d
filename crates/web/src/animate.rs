//! Animated chains (issue 16): demos 3.1, 3.2 and 4.2 each have a folded
//! section with one large plot that plays the chain step by step, with play, pause
//! and step buttons (`[data-action=play|pause|step]`), a speed control
//! (`[data-action=speed]`, steps per second) and readouts of the step number
//! (`anim_step`) and a JS distance (`anim_js`).
//!
//! - Demo 3.1 (forward): q(x) = q(z_0) carried to q(z_T), against N(0,1);
//!   JS distance of q(z_t) to N(0,1).
//! - Demo 3.2 (restore): the restoration from N(0,1) at z_T back to q(x),
//!   each restored pdf against the forward one; JS distance between them.
//! - Demo 4.2 (converge): the input z and its displayed iterates `Q̂^n z`
//!   converging to q(x) (the fixed point), dashed; the step readout is the
//!   iteration n, the JS distance that of `Q̂^n z` to q(x). Demo 4.2 hands
//!   the frames over when its iterates are computed ([`Animation::show`]).
//!
//! Between two steps the curve is tweened (a linear blend drawn each
//! animation frame); with `prefers-reduced-motion: reduce` it jumps from
//! step to step instead. The section's `data-anim` says `empty` (no chain
//! yet), `paused`, `playing` or `ended`. The chains' frames come from demo
//! 3.1's published chain (`shared::chain`); a new chain resets the
//! animation. Each frame drawn while playing records the User Timing
//! measure `demo_N:anim` (tween and chart).

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

use dpm_charts::{LineChart, PlotColor, Series};
use dpm_engine::demos::demo_3 as model;
use dpm_engine::divergence::js_distance;
use dpm_engine::grid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlButtonElement, HtmlSelectElement};

use crate::canvas::{Plot, Shape};
use crate::dom::{self, Readout};
use crate::i18n::{self, Text};

/// Which chain a section plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Demo 3.1: q(x) to q(z_T).
    Forward,
    /// Demo 3.2: from the N(0,1) tail back to q(x).
    Restore,
    /// Demo 4.2: the iterates converging to q(x).
    Converge,
}

impl Kind {
    /// The measure of one frame drawn while playing.
    fn measure(self) -> &'static str {
        match self {
            Kind::Forward => "demo_3_1:anim",
            Kind::Restore => "demo_3_2:anim",
            Kind::Converge => "demo_4_2:anim",
        }
    }
}

/// Steps per second offered by the speed control (the default is 2).
const SPEEDS: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];
const DEFAULT_SPEED: f64 = 2.0;

/// One played step: its chain index t (demo 4.2: the iteration n), the
/// curves, the JS distance.
pub struct Frame {
    pub t: usize,
    pub main: Vec<f64>,
    pub reference: Vec<f64>,
    pub js: f64,
}

/// A mounted animation, for a demo that hands it its frames (4.2).
pub struct Animation(Rc<Anim>);

impl Animation {
    /// Plays `frames` from now on (from the first, paused); none empties it.
    pub fn show(&self, frames: Vec<Frame>) {
        self.0.set_frames(frames, Vec::new());
    }
}

struct Anim {
    kind: Kind,
    section: Element,
    plot: Plot,
    step_readout: Readout,
    js_readout: Readout,
    x: Vec<f64>,
    alphas: RefCell<Vec<f64>>,
    frames: RefCell<Vec<Frame>>,
    /// Position in frames: 2.5 is halfway from frame 2 to frame 3.
    pos: Cell<f64>,
    playing: Cell<bool>,
    speed: Cell<f64>,
    /// The animation frame time of the last tick.
    last: Cell<Option<f64>>,
    /// The step shown in the readouts (to update them only on a change).
    shown_step: Cell<Option<usize>>,
    /// The y axis's top: the tallest curve of any step, rounded up to 0.5.
    y_max: Cell<f64>,
    /// A frame is requested and not yet run.
    requested: Cell<bool>,
    /// A new chain was published and its frames are not built yet.
    stale: Cell<bool>,
    /// The animation-frame callback, made once (holds a weak reference).
    tick: OnceCell<Closure<dyn FnMut(f64)>>,
    /// Measures of `demo_N:anim` recorded.
    measures: Cell<u32>,
}

/// Adds the section to `parent` (a demo's ui).
pub fn mount(parent: &Element, kind: Kind) -> Result<Animation, JsValue> {
    let (summary, step_word, js_word) = match kind {
        Kind::Forward => (i18n::ANIMATE_FORWARD, i18n::STEP_WORD, i18n::JS_TO_NORMAL),
        Kind::Restore => (i18n::ANIMATE_RESTORE, i18n::STEP_WORD, i18n::JS_TO_FORWARD),
        Kind::Converge => (
            i18n::ANIMATE_CONVERGE,
            i18n::ITERATION_WORD,
            i18n::JS_TO_Q_X,
        ),
    };
    let section = dom::child(parent, "details", "demo-sub animate")?;
    section.set_attribute("data-sub", "animate")?;
    dom::bilingual(&dom::child(&section, "summary", "")?, summary)?;
    let bar = dom::child(&section, "div", "animate-bar")?;
    let play = action(&bar, "play", i18n::PLAY)?;
    let pause = action(&bar, "pause", i18n::PAUSE)?;
    let step = action(&bar, "step", i18n::STEP_ONCE)?;
    let speed = speed_control(&bar)?;
    let readouts = dom::child(&bar, "span", "animate-readouts")?;
    let step_pair = dom::child(&readouts, "span", "readout-pair")?;
    dom::bilingual(&dom::child(&step_pair, "span", "")?, step_word)?;
    dom::child(&step_pair, "span", "")?.set_text_content(Some(" "));
    let step_readout = Readout::span(&step_pair, "anim_step")?;
    let js_pair = dom::child(&readouts, "span", "readout-pair")?;
    dom::bilingual(&dom::child(&js_pair, "span", "")?, js_word)?;
    dom::child(&js_pair, "span", "")?.set_text_content(Some(" = "));
    let js_readout = Readout::span(&js_pair, "anim_js")?;
    let grid_el = dom::child(&section, "div", "plots plots-animate")?;
    let plot = Plot::new(&grid_el, Shape::Line, "animate")?;

    let anim = Rc::new(Anim {
        kind,
        section: section.clone(),
        plot,
        step_readout,
        js_readout,
        x: grid::points(),
        alphas: RefCell::new(Vec::new()),
        frames: RefCell::new(Vec::new()),
        pos: Cell::new(0.0),
        playing: Cell::new(false),
        speed: Cell::new(DEFAULT_SPEED),
        last: Cell::new(None),
        shown_step: Cell::new(None),
        y_max: Cell::new(3.2),
        requested: Cell::new(false),
        stale: Cell::new(false),
        tick: OnceCell::new(),
        measures: Cell::new(0),
    });
    let weak: Weak<Anim> = Rc::downgrade(&anim);
    let _ = anim
        .tick
        .set(Closure::<dyn FnMut(f64)>::new(move |now: f64| {
            if let Some(a) = weak.upgrade() {
                a.requested.set(false);
                a.on_frame(now);
            }
        }));
    anim.set_state("empty");
    if kind != Kind::Converge {
        anim.load();
        let a = Rc::clone(&anim);
        dom::listen(&dom::document(), "dpm:chain", move |_| a.load_soon())?;
    }

    let a = Rc::clone(&anim);
    dom::listen(&play, "click", move |_| a.play())?;
    let a = Rc::clone(&anim);
    dom::listen(&pause, "click", move |_| a.pause())?;
    let a = Rc::clone(&anim);
    dom::listen(&step, "click", move |_| a.step())?;
    let a = Rc::clone(&anim);
    let s = speed.clone();
    dom::listen(&speed, "change", move |_| {
        a.speed.set(s.value().parse().unwrap_or(DEFAULT_SPEED));
    })?;
    let a = Rc::clone(&anim);
    dom::listen(&section, "toggle", move |_| {
        a.plot.fit_to_layout();
        a.draw();
    })?;
    let a = Rc::clone(&anim);
    dom::listen(&dom::document(), "dpm:langchange", move |_| a.draw())?;
    let (a, b) = (Rc::clone(&anim), Rc::clone(&anim));
    crate::canvas::observe_resize(
        vec![anim.plot.canvas.clone()],
        move |_, w, h| a.plot.resize(w, h),
        move |_| b.draw(),
    )?;
    Ok(Animation(anim))
}

fn action(bar: &Element, name: &str, label: Text) -> Result<HtmlButtonElement, JsValue> {
    let b: HtmlButtonElement = dom::child(bar, "button", "demo-button")?.dyn_into()?;
    b.set_type("button");
    b.set_attribute("data-action", name)?;
    dom::bilingual(&b, label)?;
    Ok(b)
}

fn speed_control(bar: &Element) -> Result<HtmlSelectElement, JsValue> {
    let wrap = dom::child(bar, "label", "animate-speed")?;
    dom::bilingual(&dom::child(&wrap, "span", "")?, i18n::SPEED)?;
    let select: HtmlSelectElement = dom::child(&wrap, "select", "")?.dyn_into()?;
    select.set_attribute("data-action", "speed")?;
    for s in SPEEDS {
        let o: web_sys::HtmlOptionElement = dom::child(&select, "option", "")?.dyn_into()?;
        o.set_value(&s.to_string());
        o.set_text(&format!("{s}/s"));
        o.set_selected(s == DEFAULT_SPEED);
    }
    Ok(select)
}

impl Anim {
    /// A new chain: its frames are built when the reader is idle (not in
    /// the apply that published it), or at once if play or step comes first.
    fn load_soon(self: &Rc<Self>) {
        if self.stale.replace(true) {
            return;
        }
        let a = Rc::downgrade(self);
        crate::idle::once(move || {
            if let Some(a) = a.upgrade() {
                a.load_if_stale();
            }
        });
    }

    fn load_if_stale(&self) {
        if self.stale.replace(false) {
            self.load();
        }
    }

    /// Rebuilds the frames from demo 3.1's current chain (a new chain resets).
    fn load(&self) {
        let Some(chain) = crate::shared::chain() else {
            self.set_frames(Vec::new(), Vec::new());
            return;
        };
        let normal = grid::standard_normal();
        let frames: Vec<Frame> = match self.kind {
            Kind::Forward => chain
                .forward()
                .iter()
                .enumerate()
                .map(|(t, f)| Frame {
                    t,
                    main: f.clone(),
                    reference: normal.clone(),
                    js: js_distance(f, &normal),
                })
                .collect(),
            Kind::Restore => match model::restored_from_normal(&chain) {
                Ok(r) => (0..r.pdfs.len())
                    .rev()
                    .map(|t| Frame {
                        t,
                        main: r.pdfs[t].clone(),
                        reference: chain.forward().get(t).cloned().unwrap_or_default(),
                        js: r.js[t],
                    })
                    .collect(),
                Err(_) => Vec::new(),
            },
            Kind::Converge => Vec::new(),
        };
        self.set_frames(frames, chain.alphas().to_vec());
    }

    /// Plays `frames` from the first, paused (`alphas`: the chain's, for
    /// the step titles); no frames empties the section.
    fn set_frames(&self, frames: Vec<Frame>, alphas: Vec<f64>) {
        self.playing.set(false);
        self.pos.set(0.0);
        let shown = self.shown_step.take().is_some();
        let tallest = frames
            .iter()
            .flat_map(|f| f.main.iter().chain(&f.reference))
            .fold(0.0f64, |m, &v| if v.is_finite() { m.max(v) } else { m });
        self.y_max
            .set(((tallest * 1.05) / 0.5).ceil().max(1.0) * 0.5);
        let empty = frames.is_empty();
        *self.frames.borrow_mut() = frames;
        *self.alphas.borrow_mut() = alphas;
        if empty {
            self.set_state("empty");
            if shown {
                // Nothing to show: no step, no distance.
                self.step_readout.set(f64::NAN, "–");
                self.js_readout.set(f64::NAN, "–");
            }
            return;
        }
        self.set_state("paused");
        self.draw();
    }

    fn is_empty(&self) -> bool {
        self.frames.borrow().is_empty()
    }

    fn last_index(&self) -> f64 {
        self.frames.borrow().len().saturating_sub(1) as f64
    }

    fn set_state(&self, s: &str) {
        let _ = self.section.set_attribute("data-anim", s);
    }

    fn play(&self) {
        self.load_if_stale();
        if self.is_empty() {
            return;
        }
        if self.pos.get() >= self.last_index() {
            self.pos.set(0.0);
        }
        self.playing.set(true);
        self.last.set(None);
        self.set_state("playing");
        self.request();
    }

    fn pause(&self) {
        if self.is_empty() {
            return;
        }
        self.playing.set(false);
        // Paused on a whole step, so the readouts match the picture.
        self.pos.set(self.pos.get().floor());
        self.set_state("paused");
        self.draw();
    }

    fn step(&self) {
        self.load_if_stale();
        if self.is_empty() {
            return;
        }
        self.playing.set(false);
        let next = (self.pos.get().floor() + 1.0).min(self.last_index());
        self.pos.set(next);
        self.set_state(if next >= self.last_index() {
            "ended"
        } else {
            "paused"
        });
        self.draw();
    }

    fn request(&self) {
        if self.requested.get() {
            return;
        }
        let (Some(w), Some(cb)) = (web_sys::window(), self.tick.get()) else {
            return;
        };
        if w.request_animation_frame(cb.as_ref().unchecked_ref())
            .is_ok()
        {
            self.requested.set(true);
        }
    }

    fn on_frame(&self, now: f64) {
        if !self.playing.get() || crate::stopped() {
            return;
        }
        let dt = self.last.get().map_or(0.0, |l| (now - l).max(0.0) / 1000.0);
        self.last.set(Some(now));
        let end = self.last_index();
        let pos = (self.pos.get() + dt * self.speed.get()).min(end);
        self.pos.set(pos);
        let start = crate::schedule::now();
        self.draw();
        crate::schedule::measure(self.kind.measure(), start, &self.measures);
        if pos >= end {
            self.playing.set(false);
            self.set_state("ended");
        } else {
            self.request();
        }
    }

    /// Draws the current position: the tweened curve, or with reduced
    /// motion the last whole step.
    fn draw(&self) {
        if !self.plot.is_shown() {
            return;
        }
        let frames = self.frames.borrow();
        let Some(first) = frames.first() else {
            return;
        };
        let pos = self.pos.get().clamp(0.0, self.last_index());
        let reduced = reduced_motion();
        let i = pos.floor() as usize;
        let s = if reduced { 0.0 } else { pos - pos.floor() };
        let a = frames.get(i).unwrap_or(first);
        let b = frames.get(i + 1).unwrap_or(a);
        let blend = |u: &[f64], v: &[f64]| -> Vec<f64> {
            u.iter().zip(v).map(|(p, q)| p + s * (q - p)).collect()
        };
        let main = if s > 0.0 {
            blend(&a.main, &b.main)
        } else {
            a.main.clone()
        };
        let reference = if s > 0.0 {
            blend(&a.reference, &b.reference)
        } else {
            a.reference.clone()
        };
        // The step shown is the nearer one while tweening.
        let near = if s >= 0.5 { b } else { a };
        let lang = dom::page_lang();
        let alphas = self.alphas.borrow();
        let title = match self.kind {
            Kind::Converge if near.t == 0 => i18n::INPUT.get(lang).to_string(),
            Kind::Converge => i18n::iterate_title(near.t as u64),
            _ => i18n::step_title(lang, near.t, &alphas),
        };
        let (main_color, reference_color) = match self.kind {
            Kind::Forward => (PlotColor::Blue, PlotColor::Green),
            Kind::Restore | Kind::Converge => (PlotColor::Green, PlotColor::Blue),
        };
        let chart = LineChart::new(title, &self.x)
            .with_y_max(self.y_max.get())
            .with_series(Series::new(&reference, reference_color).dashed())
            .with_series(Series::new(&main, main_color));
        // Folded (not shown): nothing to draw on; the toggle handler and
        // the resize observer size the canvas when it opens (measuring it
        // here would force a layout of the page on every new chain).
        crate::canvas::report(self.plot.draw_line_chart(&chart));
        if self.shown_step.get() != Some(near.t) {
            self.shown_step.set(Some(near.t));
            let text = match self.kind {
                Kind::Converge => {
                    let last = frames.last().map_or(0, |f| f.t);
                    format!("n = {} / {last}", near.t)
                }
                _ => format!("t = {} / {}", near.t, alphas.len()),
            };
            self.step_readout.set(near.t as f64, &text);
            self.js_readout.set(near.js, &format!("{:.4}", near.js));
        }
    }
}

/// Whether the reader asked for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}
