//! The browser front end: mounts the live demos into the pre-rendered page.
//!
//! For: the DOM, events, timing and canvases; the only crate that knows them.
//! Not for: mathematics (dpm-engine) or drawing charts (dpm-charts). A demo
//! here is controls → engine call → chart call, in one file per demo
//! (`demo_1.rs` .. `demo_4_2.rs`), on shared infrastructure: `dom`
//! (controls, labels, readouts), `canvas` (DPR-sharp canvases that follow
//! the page), `schedule` (live demos: one update per animation frame,
//! timed), `apply` (apply demos: work in time slices, panels as they are
//! ready), `shared` (results one demo hands another) and `i18n` (every UI
//! string in English and Chinese).
//!
//! The article builder leaves `<div class="demo-root" data-demo="demo_2">`
//! with a loading placeholder in each demo panel; [`start`] has each demo it
//! knows replace its placeholder when the demo's panel first opens (`lazy`)
//! and leaves the others alone.

pub(crate) mod animate;
pub(crate) mod apply;
pub(crate) mod canvas;
pub(crate) mod demo_1;
pub(crate) mod demo_2;
pub(crate) mod demo_3_1;
pub(crate) mod demo_3_2;
pub(crate) mod demo_3_3;
pub(crate) mod demo_4_1;
pub(crate) mod demo_4_2;
pub(crate) mod describe;
pub(crate) mod dice;
pub(crate) mod dom;
pub(crate) mod figures;
pub(crate) mod hover;
pub(crate) mod i18n;
pub(crate) mod idle;
pub(crate) mod lazy;
pub(crate) mod number;
pub(crate) mod samples;
pub(crate) mod schedule;
pub(crate) mod shared;
pub(crate) mod sketch;
pub(crate) mod text_backend;
pub(crate) mod url_state;
pub(crate) mod warm;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::canvas::Plot;
use crate::dom::Control;
use crate::i18n::Lang;
use crate::schedule::Scheduler;

/// Set by the panic hook: after a panic the module's state cannot be trusted,
/// so every handler stops instead of panicking again on a held borrow.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Whether a panic has stopped the demos.
pub fn stopped() -> bool {
    STOPPED.load(Ordering::Relaxed)
}

#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        STOPPED.store(true, Ordering::Relaxed);
        // console.error with the message and a JS stack.
        console_error_panic_hook::hook(info);
        report_in_demos(i18n::PANIC, &info.to_string());
    }));
    // Charts follow the page's light or dark theme (www/theme.js).
    if let Err(e) = canvas::follow_theme() {
        web_sys::console::warn_2(&"theme changes not followed".into(), &e);
    }
    // The article's adjustable figures (C.1, C.2, D.4).
    figures::mount_all();
    let Ok(roots) = dom::document().query_selector_all(".demo-root[data-demo]") else {
        return;
    };
    let roots = (0..roots.length())
        .filter_map(|i| roots.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .map(|root| (root.get_attribute("data-demo").unwrap_or_default(), root))
        .collect();
    if let Err(e) = url_state::init() {
        web_sys::console::error_2(&"url state: could not start".into(), &e);
    }
    lazy::mount_when_open(roots, mount_demo);
}

/// Mounts demo `id` into `root` (an unknown id is left alone).
fn mount_demo(id: &str, root: &Element) {
    let mounted = match id {
        "demo_1" => demo_1::mount(root),
        "demo_2" => demo_2::mount(root),
        "demo_3_1" => demo_3_1::mount(root),
        "demo_3_2" => demo_3_2::mount(root),
        "demo_3_3" => demo_3_3::mount(root),
        "demo_4_1" => demo_4_1::mount(root),
        "demo_4_2" => demo_4_2::mount(root),
        _ => return,
    };
    if let Err(e) = mounted {
        web_sys::console::error_2(&format!("{id}: could not start").into(), &e);
        report(root, i18n::MOUNT_FAILED, &format!("{e:?}"));
    } else {
        warm::after_mount(id);
        // Its controls from the page's URL, and the URL following them.
        if let Err(e) = url_state::restore_demo(id, root) {
            web_sys::console::error_2(&format!("{id}: could not restore from the URL").into(), &e);
        }
    }
}

/// Shows `text` (and `detail` for the curious) at the top of every mounted demo.
fn report_in_demos(text: i18n::Text, detail: &str) {
    let Ok(roots) = dom::document().query_selector_all(".demo-root[data-mounted]") else {
        return;
    };
    for i in 0..roots.length() {
        if let Some(root) = roots.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            report(&root, text, detail);
        }
    }
}

fn report(root: &Element, text: i18n::Text, detail: &str) {
    let Ok(p) = dom::el("p", "demo-error") else {
        return;
    };
    let _ = p.set_attribute("role", "alert");
    let _ = dom::bilingual(&p, text);
    p.set_attribute("title", detail).ok();
    let _ = root.prepend_with_node_1(&p);
}

/// What the shared wiring needs from a demo.
pub trait Demo: 'static {
    /// The measure name, `demo_N:update`.
    const MEASURE: &'static str;
    /// Its charts, in the order of the redraw masks' bits.
    fn plots(&self) -> &[Plot];
    /// Recomputes whatever the changed controls affect and redraws those plots.
    fn update(&mut self);
    /// Redraws the plots in `mask` from the current results (resize, language).
    fn redraw(&mut self, mask: u32);
    /// Takes the new language for chart titles and legends (a `redraw` of
    /// every plot follows).
    fn relabel(&mut self, lang: Lang);
}

/// What every live demo draws with: the grid, its plots in redraw-mask
/// order and the language of its titles.
pub(crate) struct View {
    pub x: Vec<f64>,
    pub plots: Vec<Plot>,
    pub lang: Lang,
}

/// A live demo's own part (demos 1, 2, 4.1): the parameters it wants and
/// the engine model that computes them, and how it draws.
pub(crate) trait LiveDemo: 'static {
    /// The measure name, `demo_N:update`.
    const MEASURE: &'static str;
    /// Recomputes for the wanted parameters; the redraw mask of what changed.
    fn update(&mut self) -> Result<u32, dpm_engine::EngineError>;
    /// Draws the plots in `mask` (nothing before the first good update).
    fn redraw(&mut self, view: &View, mask: u32);
}

/// A live demo: its own part `S` with the view and status line every live
/// demo has; an engine error shows in the status line and draws nothing.
pub(crate) struct Live<S> {
    pub view: View,
    status: Element,
    pub state: S,
}

impl<S: LiveDemo> Live<S> {
    pub fn new(plots: Vec<Plot>, status: Element, state: S) -> Self {
        let view = View {
            x: dpm_engine::grid::points(),
            plots,
            lang: dom::page_lang(),
        };
        Live {
            view,
            status,
            state,
        }
    }
}

impl<S: LiveDemo> Demo for Live<S> {
    const MEASURE: &'static str = S::MEASURE;

    fn plots(&self) -> &[Plot] {
        &self.view.plots
    }

    fn update(&mut self) {
        if let Some(mask) = dom::checked(&self.status, self.state.update()) {
            self.state.redraw(&self.view, mask);
        }
    }

    fn redraw(&mut self, mask: u32) {
        self.state.redraw(&self.view, mask);
    }

    fn relabel(&mut self, lang: Lang) {
        self.view.lang = lang;
    }
}

/// A live demo's control and what its committed value sets in the demo.
pub type Input<D> = (Rc<Control>, fn(&mut D, f64));

/// Replaces `root`'s placeholder with `ui`, then wires a built demo: its
/// scheduler (returned, for other handlers to call), redraws on resize, on
/// `dpm:langchange` relabels the demo and the inline messages of its
/// controls and redraws every chart without recomputing, and sends each
/// input's committed values to the demo (asking for an update).
pub fn wire<D: Demo>(
    root: &Element,
    ui: &Element,
    demo: D,
    inputs: Vec<Input<D>>,
) -> Result<(Rc<RefCell<D>>, Scheduler), JsValue> {
    let controls: Vec<Rc<Control>> = inputs.iter().map(|(c, _)| Rc::clone(c)).collect();
    let demo = Rc::new(RefCell::new(demo));
    let canvases = demo
        .borrow()
        .plots()
        .iter()
        .map(|p| p.canvas.clone())
        .collect();

    let d = Rc::clone(&demo);
    let scheduler = Scheduler::new(D::MEASURE, move || d.borrow_mut().update());

    let (d1, d2) = (Rc::clone(&demo), Rc::clone(&demo));
    let first = Cell::new(true);
    canvas::observe_resize(
        canvases,
        move |i, w, h| !stopped() && d1.borrow().plots()[i].resize(w, h),
        move |mask| {
            if stopped() {
                return;
            }
            if first.replace(false) {
                // The first sizes arrive in the frame that lays out the
                // panel just opened: drawing there too would make one long
                // task of both. The plots are empty yet; they are drawn in
                // the next task.
                let d = Rc::clone(&d2);
                schedule::soon(move || {
                    if !stopped() {
                        d.borrow_mut().redraw(u32::MAX);
                    }
                });
            } else {
                d2.borrow_mut().redraw(mask);
            }
        },
    )?;

    let d = Rc::clone(&demo);
    dom::listen(&dom::document(), "dpm:langchange", move |_| {
        if stopped() {
            return;
        }
        let lang = dom::page_lang();
        controls.iter().for_each(|c| c.relabel(lang));
        let mut demo = d.borrow_mut();
        demo.relabel(lang);
        demo.redraw(u32::MAX);
    })?;

    root.replace_children_with_node_1(ui);
    root.set_attribute("data-mounted", "")?;
    demo.borrow_mut().update();
    for (control, apply) in &inputs {
        connect(control, &demo, &scheduler, *apply)?;
    }
    Ok((demo, scheduler))
}

/// Wires an apply demo: its controls validate what is typed (values are
/// read when apply is pressed), its panels redraw on resize, and on
/// `dpm:langchange` it relabels and redraws every panel without
/// recomputing. Then replaces `root`'s placeholder with `ui`.
pub fn wire_apply<W: apply::Work>(
    root: &Element,
    ui: &Element,
    demo: &Rc<RefCell<W>>,
    runner: &apply::Runner<W>,
    controls: Vec<Rc<Control>>,
    relabel: fn(&mut W, Lang),
) -> Result<(), JsValue> {
    wire_apply_with(root, ui, demo, runner, controls, || {}, relabel)
}

/// [`wire_apply`], with `on_commit` hearing of each committed change of a
/// control (demo 3.1 warms the chain for the new values).
pub fn wire_apply_with<W: apply::Work>(
    root: &Element,
    ui: &Element,
    demo: &Rc<RefCell<W>>,
    runner: &apply::Runner<W>,
    controls: Vec<Rc<Control>>,
    on_commit: impl Fn() + 'static,
    relabel: fn(&mut W, Lang),
) -> Result<(), JsValue> {
    let on_commit = Rc::new(on_commit);
    for c in &controls {
        let f = Rc::clone(&on_commit);
        c.connect(Rc::new(move |_, _| f()))?;
    }
    let (d, r) = (Rc::clone(demo), runner.clone());
    dom::listen(&dom::document(), "dpm:langchange", move |_| {
        if stopped() {
            return;
        }
        let lang = dom::page_lang();
        controls.iter().for_each(|c| c.relabel(lang));
        if let Ok(mut demo) = d.try_borrow_mut() {
            relabel(&mut demo, lang);
            demo.panels_mut().into_iter().for_each(|p| p.invalidate());
        }
        r.wake();
    })?;
    root.replace_children_with_node_1(ui);
    root.set_attribute("data-mounted", "")?;
    runner.observe_panels()
}

/// Sends `control`'s committed values to `demo` (through `apply`) and asks
/// for an update at the time of the event.
fn connect<D: Demo>(
    control: &Rc<Control>,
    demo: &Rc<RefCell<D>>,
    scheduler: &Scheduler,
    apply: fn(&mut D, f64),
) -> Result<(), JsValue> {
    let (demo, scheduler) = (Rc::clone(demo), scheduler.clone());
    control.connect(Rc::new(move |v, t| {
        apply(&mut demo.borrow_mut(), v);
        scheduler.request(t);
    }))
}
