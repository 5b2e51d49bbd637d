//! The "apply" demos (3.1, 3.2, 3.3, 4.2): work cut into units and run in
//! time slices, so a whole diffusion chain is computed and drawn panel by
//! panel while the page stays responsive.
//!
//! A demo implements [`Work`]: `unit()` does one bounded piece (one chain
//! step, one column-fit pass, one chart) and says whether more is left. A
//! [`Runner`] calls units until its slice of [`SLICE_MS`] is spent, then
//! yields to the browser with a `MessageChannel` message (a task with no
//! `setTimeout` clamp) and continues in the next task; the browser paints
//! and handles input in between. Pressing apply again only resets the
//! demo's stage: the running slices pick up the new work, so a restart never
//! overlaps the old run.
//!
//! An apply's slices draw only the panels in or near the viewport (an
//! IntersectionObserver keeps each canvas's flag); once the computation is
//! complete and those are drawn, the apply records the User Timing measure
//! `demo_N:apply` from the click (and `demo_N:unit`, its longest unit), and
//! the other panels are drawn in idle periods, or as they come near. The
//! root's `data-state` says `idle`, `running` (until every panel is drawn),
//! `done` or `error`.
//!
//! Panels are made once per demo, for the largest number any setting can
//! show, and hidden when unused; a hidden or folded panel has no canvas size,
//! so it is skipped and drawn when it appears (its ResizeObserver report
//! marks it dirty and wakes the runner).

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use dpm_charts::ChartError;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, MessageChannel};

use crate::canvas::{self, Plot, Shape};
use crate::dom;
use crate::idle;
use crate::schedule;

/// Work done per task before yielding to the browser, unless the demo says
/// otherwise ([`Work::SLICE_MS`]): a slice ends when one more unit, as long
/// as its longest so far, would pass it. Units are kept well under the
/// 50 ms long-task mark.
pub const SLICE_MS: f64 = 12.0;

/// The slice of the chain demos (3.1-3.3), whose units (a chain step, one
/// step's fits, one chart) all stay near 15 ms or under. Fewer, longer tasks
/// leave less time to the rendering the browser does between them, which
/// on a page with every panel open costs 5-20 ms a frame (demo 3.3 with
/// 24 ms slices instead of 12: 241-256 ms per 15-step apply instead of
/// 288-344 ms, no long task).
pub const CHAIN_SLICE_MS: f64 = 38.0;

/// The slice run inside the click's own task, which also pays for the
/// click's hit test, events and layout.
const FIRST_SLICE_MS: f64 = 20.0;

/// Idle time left below which far panels wait for the next idle period
/// (a chart takes 1-5 ms).
const IDLE_MARGIN_MS: f64 = 6.0;
/// Longest wait for an idle period to draw the far panels in.
const IDLE_TIMEOUT_MS: u32 = 500;

thread_local! {
    /// How many demos are applying now.
    static RUNNING: Cell<u32> = const { Cell::new(0) };
}

/// Whether any demo is applying now (its root says `running`).
pub fn any_running() -> bool {
    RUNNING.with(|r| r.get() > 0)
}

/// Sets `root`'s `data-state`, counting the demos that are running.
fn set_state(root: &Element, state: &str) {
    let was = root.get_attribute("data-state").as_deref() == Some("running");
    let is = state == "running";
    if was != is {
        RUNNING.with(|r| {
            r.set(if is {
                r.get() + 1
            } else {
                r.get().saturating_sub(1)
            })
        });
    }
    let _ = root.set_attribute("data-state", state);
}

/// What a demo's unit returns.
pub type UnitResult = Result<bool, String>;

/// A demo whose work can be cut into units.
pub trait Work: 'static {
    /// This demo's slice ([`SLICE_MS`], or [`CHAIN_SLICE_MS`]).
    const SLICE_MS: f64 = SLICE_MS;
    /// Draws one stale panel whose data is ready; `Ok(false)` if there is none.
    fn draw(&mut self) -> UnitResult;
    /// Does one bounded piece of computation; `Ok(false)` when nothing is left.
    fn advance(&mut self) -> UnitResult;
    /// Does one bounded piece of work, a ready panel before more computation;
    /// `Ok(false)` when nothing is left.
    fn unit(&mut self) -> UnitResult {
        if self.draw()? {
            return Ok(true);
        }
        self.advance()
    }
    /// Panel sets, for the resize observer to mark redrawn panels dirty.
    fn panels_mut(&mut self) -> Vec<&mut Panels>;
}

/// The demo's panels of one kind (the main grid, or a folded sub-panel).
pub struct Panels {
    pub plots: Vec<Plot>,
    /// Drawn for the current result and size; false means "draw me".
    pub fresh: Vec<bool>,
    /// In use for the current result (the others are hidden).
    pub used: usize,
    /// Draw only panels near the viewport (set by the [`Runner`]: an
    /// apply's slices draw those, idle periods the rest).
    near_only: bool,
}

/// The class of a grid of chain panels.
const CHAIN: &str = "plots plots-chain";

impl Panels {
    /// A chain grid of `count` line panels in `parent`.
    pub fn chain(parent: &Element, count: usize) -> Result<Panels, JsValue> {
        Panels::new(&dom::child(parent, "div", CHAIN)?, Shape::Line, count)
    }

    /// `count` hidden `<figure data-plot>` panels in `grid`.
    pub fn new(grid: &Element, shape: Shape, count: usize) -> Result<Panels, JsValue> {
        let mut plots = Vec::with_capacity(count);
        for _ in 0..count {
            let plot = Plot::new(grid, shape, "")?;
            if let Some(f) = plot.figure() {
                // Named when first used (`show`).
                f.remove_attribute("data-plot")?;
                f.set_attribute("hidden", "")?;
            }
            plots.push(plot);
        }
        Ok(Panels {
            fresh: vec![false; count],
            plots,
            used: 0,
            near_only: false,
        })
    }

    /// Shows the first `used` panels, named by `name(i)`, hides the rest,
    /// and marks them all for drawing. The shown canvases are sized at once
    /// (one layout), so the first slices can draw without waiting for the
    /// resize observer.
    pub fn show(&mut self, used: usize, name: impl Fn(usize) -> String) {
        self.used = used.min(self.plots.len());
        for (i, plot) in self.plots.iter().enumerate() {
            let Some(f) = plot.figure() else { continue };
            let _ = f.remove_attribute("data-drawn");
            if i < self.used {
                let _ = f.set_attribute("data-plot", &name(i));
                let _ = f.remove_attribute("hidden");
            } else {
                // An unused panel keeps no name, picture or readout of an
                // earlier result.
                let _ = f.set_attribute("hidden", "");
                let _ = f.remove_attribute("data-plot");
                if let Ok(Some(c)) = f.query_selector("figcaption") {
                    c.remove();
                }
            }
            self.fresh[i] = false;
        }
        // Every size read before any is set: one layout, not one per panel.
        let sizes: Vec<(u32, u32)> = self.plots[..self.used]
            .iter()
            .map(Plot::laid_out_size)
            .collect();
        for (plot, (w, h)) in self.plots.iter().zip(sizes) {
            plot.resize(w, h);
        }
    }

    /// Marks every used panel for drawing (e.g. a checkbox changed).
    pub fn invalidate(&mut self) {
        self.fresh.iter_mut().for_each(|f| *f = false);
    }

    /// The first used panel that needs drawing and can be drawn now (in
    /// an apply's slices, only one near the viewport).
    pub fn next_stale(&self, ready: impl Fn(usize) -> bool) -> Option<usize> {
        (0..self.used)
            .find(|&i| self.is_stale(i) && (!self.near_only || self.plots[i].is_near()) && ready(i))
    }

    /// Whether any panel is shown and not drawn for the current result.
    pub fn has_stale(&self) -> bool {
        (0..self.used).any(|i| self.is_stale(i))
    }

    /// Whether panel `i` is shown and not drawn for the current result.
    fn is_stale(&self, i: usize) -> bool {
        !self.fresh[i] && self.plots[i].is_shown()
    }

    /// Draws `chart` in panel `i` and records it ([`Panels::drawn`]).
    pub fn draw_line_chart(&mut self, i: usize, chart: &dpm_charts::LineChart<'_>) {
        let result = self.plots[i].draw_line_chart(chart);
        self.drawn(i, result);
    }

    /// Draws `map` in panel `i`, its image cached under `generation + i`,
    /// and records it ([`Panels::drawn`]).
    pub fn draw_heatmap(&mut self, i: usize, map: &dpm_charts::Heatmap<'_>, generation: u64) {
        self.draw_heatmap_from(i, map, generation, None);
    }

    /// [`Panels::draw_heatmap`], the hover reading the cells from `source`.
    pub fn draw_heatmap_from(
        &mut self,
        i: usize,
        map: &dpm_charts::Heatmap<'_>,
        generation: u64,
        source: Option<crate::hover::CellSource>,
    ) {
        let result = self.plots[i].draw_heatmap_from(map, generation + i as u64, source);
        self.drawn(i, result);
    }

    /// Records that panel `i` was drawn (or reports why not) and flags its
    /// figure with `data-drawn` for tests and styles.
    fn drawn(&mut self, i: usize, result: Result<(), ChartError>) {
        self.fresh[i] = true;
        match result {
            Ok(()) => {
                if let Some(f) = self.plots[i].figure() {
                    let _ = f.set_attribute("data-drawn", "");
                }
            }
            Err(e) => canvas::report(Err(e)),
        }
    }

    /// A `<figcaption>` under panel `i`, emptied.
    pub fn caption(&self, i: usize) -> Result<Element, JsValue> {
        let figure = self.plots[i]
            .figure()
            .ok_or_else(|| JsValue::from_str("plot without figure"))?;
        let caption = match figure.query_selector("figcaption")? {
            Some(c) => c,
            None => dom::child(&figure, "figcaption", "plot-caption")?,
        };
        caption.set_text_content(None);
        Ok(caption)
    }
}

struct Inner<W: Work> {
    work: Rc<RefCell<W>>,
    /// The measure's name, `demo_N:apply`.
    measure: &'static str,
    root: Element,
    status: Element,
    /// Click time of the apply in flight, if any.
    apply_start: Cell<Option<f64>>,
    /// Measures recorded (see `schedule::measure`).
    measures: Cell<u32>,
    /// The longest unit of the apply in flight: (start, end).
    longest: Cell<(f64, f64)>,
    /// A continuation message is posted and not yet handled.
    posted: Cell<bool>,
    /// Idle-period drawing of the far panels is under way.
    idle_posted: Cell<bool>,
    channel: MessageChannel,
    on_message: OnceCell<Closure<dyn FnMut()>>,
}

/// Runs a demo's units in slices.
pub struct Runner<W: Work> {
    inner: Rc<Inner<W>>,
}

impl<W: Work> Clone for Runner<W> {
    fn clone(&self) -> Self {
        Runner {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl<W: Work> Runner<W> {
    /// A runner for `work`, reporting in `root`'s `data-state` and `status`.
    pub fn new(
        work: Rc<RefCell<W>>,
        measure: &'static str,
        root: &Element,
        status: &Element,
    ) -> Result<Runner<W>, JsValue> {
        let inner = Rc::new(Inner {
            work,
            measure,
            root: root.clone(),
            status: status.clone(),
            apply_start: Cell::new(None),
            measures: Cell::new(0),
            longest: Cell::new((0.0, 0.0)),
            posted: Cell::new(false),
            idle_posted: Cell::new(false),
            channel: MessageChannel::new()?,
            on_message: OnceCell::new(),
        });
        // The message handler holds a weak reference: no cycle.
        let weak = Rc::downgrade(&inner);
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.posted.set(false);
                Runner { inner }.slice();
            }
        });
        inner
            .channel
            .port1()
            .set_onmessage(Some(closure.as_ref().unchecked_ref()));
        let _ = inner.on_message.set(closure);
        let _ = root.set_attribute("data-state", "idle");
        Ok(Runner { inner })
    }

    /// Starts (or restarts) an apply clicked at `start`; the caller has
    /// already reset the demo's stage. The first slice runs at once.
    pub fn apply(&self, start: f64) {
        self.inner.apply_start.set(Some(start));
        self.inner.longest.set((start, start));
        set_state(&self.inner.root, "running");
        dom::show_status(&self.inner.status, None);
        self.slice_for(FIRST_SLICE_MS.min(W::SLICE_MS));
    }

    /// Runs units for one slice (redraws after a resize, a checkbox, an
    /// opened sub-panel); continues in a later task if work is left.
    pub fn wake(&self) {
        if !self.inner.posted.get() {
            self.slice();
        }
    }

    fn slice(&self) {
        self.slice_for(W::SLICE_MS);
    }

    /// Runs units while one more, as long as the longest of this slice,
    /// fits in `budget` ms; posts the rest to a later task.
    fn slice_for(&self, budget: f64) {
        if crate::stopped() {
            return;
        }
        let i = &self.inner;
        let t0 = schedule::now();
        let mut unit_ms: f64 = 0.0;
        loop {
            // A unit never runs inside another (a resize report during a
            // unit waits for the next slice).
            let Ok(mut work) = i.work.try_borrow_mut() else {
                self.post();
                return;
            };
            near_only(&mut *work, true);
            let u0 = schedule::now();
            let more = work.unit();
            drop(work);
            let (a, b) = i.longest.get();
            let u1 = schedule::now();
            if u1 - u0 > b - a {
                i.longest.set((u0, u1));
            }
            unit_ms = unit_ms.max(u1 - u0);
            match more {
                Ok(true) if u1 - t0 + unit_ms < budget => continue,
                Ok(true) => {
                    self.post();
                    return;
                }
                Ok(false) => {
                    self.near_done();
                    return;
                }
                Err(message) => {
                    self.fail(&message);
                    return;
                }
            }
        }
    }

    fn post(&self) {
        let i = &self.inner;
        if i.posted.get() {
            return;
        }
        if i.channel.port2().post_message(&JsValue::NULL).is_ok() {
            i.posted.set(true);
        }
    }

    /// The computation is complete and every panel near the viewport is
    /// drawn: what the reader sees is whole, and the apply's measure ends.
    /// Panels further away are drawn in idle periods, then the demo is
    /// `done`.
    fn near_done(&self) {
        let i = &self.inner;
        if let Some(start) = i.apply_start.take() {
            let (a, b) = i.longest.get();
            schedule::measure_span(
                &format!("{}:unit", i.measure.trim_end_matches(":apply")),
                a,
                b,
            );
            schedule::measure(i.measure, start, &i.measures);
        }
        let far = i
            .work
            .try_borrow_mut()
            .is_ok_and(|mut w| w.panels_mut().iter().any(|p| p.has_stale()));
        if far {
            self.draw_when_idle();
        } else {
            self.done();
        }
    }

    /// Every panel is drawn: a running apply is `done`.
    fn done(&self) {
        let root = &self.inner.root;
        if root.get_attribute("data-state").as_deref() == Some("running") {
            set_state(root, "done");
        }
    }

    fn fail(&self, message: &str) {
        let i = &self.inner;
        i.apply_start.set(None);
        set_state(&i.root, "error");
        dom::show_status(&i.status, Some(message));
    }

    /// Draws the panels away from the viewport in idle periods.
    fn draw_when_idle(&self) {
        if self.inner.idle_posted.replace(true) {
            return;
        }
        let runner = self.clone();
        idle::run(IDLE_MARGIN_MS, Some(IDLE_TIMEOUT_MS), move || {
            let more = runner.idle_unit();
            if !more {
                runner.inner.idle_posted.set(false);
            }
            more
        });
    }

    /// One unit in an idle period, any panel; false when nothing is left or
    /// an apply has begun (its slices take over, and call for idle
    /// drawing again when they are done).
    fn idle_unit(&self) -> bool {
        let i = &self.inner;
        if i.apply_start.get().is_some() {
            return false;
        }
        // Nothing holds it during an idle callback; if something did, the
        // next piece tries again (idle.rs bounds a callback's share).
        let Ok(mut work) = i.work.try_borrow_mut() else {
            return true;
        };
        near_only(&mut *work, false);
        let more = work.unit();
        drop(work);
        match more {
            Ok(true) => true,
            Ok(false) => {
                self.done();
                false
            }
            Err(message) => {
                self.fail(&message);
                false
            }
        }
    }

    /// Marks panels dirty when the resize observer resizes their canvases,
    /// and draws them; draws a stale panel as it comes near the viewport.
    /// Observes every panel of the demo for the page's life.
    pub fn observe_panels(&self) -> Result<(), JsValue> {
        let (canvases, flags): (Vec<_>, Vec<_>) = {
            let mut work = self.inner.work.borrow_mut();
            work.panels_mut()
                .iter()
                .flat_map(|p| p.plots.iter().map(|pl| (pl.canvas.clone(), pl.near_flag())))
                .unzip()
        };
        let waker = |runner: Self| {
            move || {
                if !crate::stopped() {
                    runner.wake();
                }
            }
        };
        canvas::observe_near(canvases.clone(), flags, waker(self.clone()))?;
        let work = Rc::clone(&self.inner.work);
        canvas::observe_resize_each(
            canvases,
            move |k, w, h| {
                let Ok(mut work) = work.try_borrow_mut() else {
                    return false;
                };
                locate(&mut work.panels_mut(), k, |panels, i| {
                    let changed = panels.plots[i].resize(w, h);
                    if changed {
                        panels.fresh[i] = false;
                    }
                    changed
                })
                .unwrap_or(false)
            },
            waker(self.clone()),
        )
    }
}

/// Sets whether `work`'s next units draw only panels near the viewport.
fn near_only<W: Work>(work: &mut W, on: bool) {
    work.panels_mut().into_iter().for_each(|p| p.near_only = on);
}

/// Calls `f` with the panel set and index of the `k`-th canvas overall.
fn locate<T>(
    sets: &mut [&mut Panels],
    mut k: usize,
    f: impl FnOnce(&mut Panels, usize) -> T,
) -> Option<T> {
    for set in sets.iter_mut() {
        if k < set.plots.len() {
            return Some(f(set, k));
        }
        k -= set.plots.len();
    }
    None
}

/// A chart for a small panel: its values are in the DOM caption under it,
/// so the chart carries no legend or annotation (the SVG/PNG export of
/// `dpm figure`, with no captions, keeps them).
pub fn captioned(mut chart: dpm_charts::LineChart<'_>) -> dpm_charts::LineChart<'_> {
    chart.series.iter_mut().for_each(|s| s.label = None);
    chart.annotations.clear();
    chart
}

/// Appends `"JS = <value>"` to `caption` as the readout `name`, marked with
/// its curve's colour (`green`, `red`, `orange`) if any.
pub fn js_readout(
    caption: &Element,
    name: &str,
    colour: Option<&str>,
    value: f64,
) -> Result<(), JsValue> {
    let readout = dom::readout_pair(caption, "JS", name)?;
    if let (Some(colour), Some(pair)) = (colour, caption.last_element_child()) {
        pair.class_list().add_1(colour)?;
    }
    readout.set(value, &format!("{value:.4}"));
    Ok(())
}

/// Wires a "show …" checkbox: `set` takes its new state (and marks what to
/// redraw), then the runner redraws, without recomputing.
pub fn on_check<W: Work>(
    input: &web_sys::HtmlInputElement,
    demo: &Rc<RefCell<W>>,
    runner: &Runner<W>,
    set: impl Fn(&mut W, bool) + 'static,
) -> Result<(), JsValue> {
    let (d, r, i) = (Rc::clone(demo), runner.clone(), input.clone());
    dom::listen(input, "change", move |_| {
        if let Ok(mut d) = d.try_borrow_mut() {
            set(&mut d, i.checked());
        }
        r.wake();
    })
}

/// A hint paragraph (shown while there is nothing to show).
pub fn note(parent: &Element, name: &str, text: crate::i18n::Text) -> Result<Element, JsValue> {
    let p = dom::child(parent, "p", "demo-note")?;
    p.set_attribute("data-note", name)?;
    dom::bilingual(&p, text)?;
    Ok(p)
}

/// Shows or hides an element.
pub fn set_hidden(e: &Element, hidden: bool) {
    let _ = if hidden {
        e.set_attribute("hidden", "")
    } else {
        e.remove_attribute("hidden")
    };
}

/// A folded `<details class="demo-sub" data-sub>` with a bilingual summary
/// and a chain grid of `count` square panels inside; returns (details, panels).
pub fn sub_panel(
    parent: &Element,
    name: &str,
    summary: crate::i18n::Text,
    count: usize,
) -> Result<(Element, Panels), JsValue> {
    let details = dom::child(parent, "details", "demo-sub")?;
    details.set_attribute("data-sub", name)?;
    let s = dom::child(&details, "summary", "")?;
    dom::bilingual(&s, summary)?;
    let panels = Panels::new(&dom::child(&details, "div", CHAIN)?, Shape::Square, count)?;
    Ok((details, panels))
}

/// Shows `note` and replays its highlight (apply pressed too early).
pub fn call_attention(note: &Element) {
    set_hidden(note, false);
    let _ = note.class_list().remove_1("attention");
    // Reading the layout restarts the CSS animation.
    let _ = dom::html(note).map(|n| n.offset_width());
    let _ = note.class_list().add_1("attention");
}
