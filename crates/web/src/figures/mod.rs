//! The article's computed figures, made adjustable where a parameter is
//! natural: a new random pair in C.1, the two alphas of C.2, alpha and the
//! two conditions z of D.4.
//!
//! The figures themselves are inline SVG written at build time (crates/article,
//! `figures.rs`); each `<figure class="live-figure" data-figure="fig_c2">`
//! carries its words (`data-words`, JSON: every string the figure shows, in
//! the language of the body it sits in) and its default parameters
//! (`data-params`). This module adds a row of controls under the panels and,
//! when one changes, recomputes with the engine and redraws the affected
//! panels on canvases of the same shape with the same chart builders
//! (`dpm_charts::figures`), so the picture changes and nothing else does.
//!
//! Each language's body holds a copy of each figure, and the page holds one
//! language's bodies at a time (www/page.js swaps in the other's on a
//! language switch, and back). All copies of a figure share one state: a
//! copy that arrives with a switch is mounted then, with the reader's
//! settings, and a copy taken out and put back is redrawn when it is shown.
//!
//! Contract for tests: controls have `data-param` (`fig_c1`: `new_pair`;
//! `fig_c2`: `alpha`, `alpha_b`; `fig_d4`: `alpha`, `z`, `z_b`); numbers are
//! `data-readout` elements with `data-value` (`fig_c1`: `seed`, `l1_in`,
//! `l1_out`; `fig_c2`: `nonzero_a`, `nonzero_b`; `fig_d4`: `centre_c`,
//! `centre_d`); a redrawn panel is a `canvas.fig-canvas` in place of its SVG.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::text_backend::draw_offscreen;
use dpm_charts::figures::{self as cf, FigureChart, Panel};
use dpm_charts::{ChartError, RenderOptions};
use dpm_engine::figures as ef;
use dpm_figures::{self as figs, panels, Computed};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlElement, HtmlInputElement,
};

mod controls;
use controls::mount;

/// Mounts the computed figures with controls in open panels, and the others
/// when their panel opens or they arrive with a language switch. Problems
/// are reported on the console; the static figure stays as it is.
pub fn mount_all() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let states: Rc<States> = Rc::default();
    mount_new(&doc, &states);
    // A language switch brings the other language's copies (mounted here,
    // sharing the state) and shows copies not drawn yet; a resize reshapes.
    let (d, s) = (doc.clone(), Rc::clone(&states));
    listen(doc.as_ref(), "dpm:langchange", move || {
        mount_new(&d, &s);
        redraw_all(&s.borrow(), true);
    });
    if let Some(w) = web_sys::window() {
        let s = Rc::clone(&states);
        listen(w.as_ref(), "resize", move || redraw_all(&s.borrow(), true));
    }
    // A theme change recolours every drawn copy.
    let s = Rc::clone(&states);
    crate::canvas::on_theme_change(move || redraw_all(&s.borrow(), true));
    // A panel opened mounts its figures and shows copies that changed while
    // they were out of sight (`toggle` does not bubble: listen in the
    // capture phase). Once per frame: "expand all" toggles every panel at once.
    let (d, s) = (doc.clone(), Rc::clone(&states));
    let queued = Rc::new(std::cell::Cell::new(false));
    let frame = Closure::<dyn FnMut()>::new({
        let queued = Rc::clone(&queued);
        move || {
            queued.set(false);
            mount_new(&d, &s);
            redraw_all(&s.borrow(), false);
        }
    });
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if queued.replace(true) {
            return;
        }
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(frame.as_ref().unchecked_ref());
        }
    });
    let _ = doc.add_event_listener_with_callback_and_bool(
        "toggle",
        closure.as_ref().unchecked_ref(),
        true,
    );
    closure.forget();
}

/// Each figure's shared state, by figure id.
type States = RefCell<HashMap<String, Rc<RefCell<Shared>>>>;

/// Mounts every computed figure with controls in an open panel and not
/// mounted yet, each into its figure's shared state (made on the first
/// copy), one figure per task: a first mount computes the figure, and
/// "expand all" opens all three at once.
fn mount_new(doc: &Document, states: &Rc<States>) {
    let Ok(list) = doc.query_selector_all(
        "details[open] > .panel-content figure.live-figure[data-figure]:not([data-mounted]):not([data-queued])",
    ) else {
        return;
    };
    for i in 0..list.length() {
        let Some(figure) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let _ = figure.set_attribute("data-queued", "");
        let (doc, states) = (doc.clone(), Rc::clone(states));
        crate::schedule::soon(move || {
            let _ = figure.remove_attribute("data-queued");
            mount_one(&doc, &figure, &states);
        });
    }
}

fn mount_one(doc: &Document, figure: &Element, states: &States) {
    let id = figure.get_attribute("data-figure").unwrap_or_default();
    let Some(kind) = Kind::of(&id) else {
        return;
    };
    let shared = Rc::clone(
        states
            .borrow_mut()
            .entry(id.clone())
            .or_insert_with(|| Rc::new(RefCell::new(Shared::new(kind, &params_of(figure))))),
    );
    if let Err(e) = mount(doc, figure, kind, &shared) {
        web_sys::console::warn_2(&format!("{id}: controls not mounted").into(), &e);
    }
    if let Ok(mut s) = shared.try_borrow_mut() {
        s.redraw_copies(false);
    };
}

/// Draws what is out of date in every shown copy (`all`: every panel
/// already on canvas too, as after a resize).
fn redraw_all(all: &HashMap<String, Rc<RefCell<Shared>>>, all_panels: bool) {
    for s in all.values() {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.redraw_copies(all_panels);
        }
    }
}

fn listen(target: &web_sys::EventTarget, kind: &str, mut f: impl FnMut() + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| f());
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The figures with controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    C1,
    C2,
    D4,
}

impl Kind {
    fn id(self) -> &'static str {
        match self {
            Kind::C1 => "fig_c1",
            Kind::C2 => "fig_c2",
            Kind::D4 => "fig_d4",
        }
    }

    fn of(id: &str) -> Option<Kind> {
        match id {
            "fig_c1" => Some(Kind::C1),
            "fig_c2" => Some(Kind::C2),
            "fig_d4" => Some(Kind::D4),
            _ => None,
        }
    }
}

/// The parameters of a figure (those of its kind are used).
#[derive(Clone, Debug, PartialEq)]
struct Values {
    seed: u32,
    alpha: f64,
    alpha_b: f64,
    beta: f64,
    z: f64,
    z_b: f64,
}

/// The state one figure's copies share.
struct Shared {
    kind: Kind,
    values: Values,
    computed: Option<Computed>,
    copies: Vec<FigureCopy>,
    /// Which panels the last change affects (bit k = panel k).
    dirty_mask: u32,
    frame_pending: bool,
}

/// One copy of a figure (one per language body).
struct FigureCopy {
    figure: Element,
    words: HashMap<String, String>,
    panels: Vec<Element>,
    canvases: Vec<Option<HtmlCanvasElement>>,
    readouts: HashMap<&'static str, Element>,
    inputs: Vec<(&'static str, HtmlInputElement, Element)>,
    /// Panels changed since this copy was last drawn (hidden copies wait).
    stale: u32,
}

/// The JSON object in attribute `attr` of `figure`, its values converted by
/// `value` (entries it refuses are left out; no attribute or bad JSON gives
/// an empty map).
fn json_attr<T>(
    figure: &Element,
    attr: &str,
    value: impl Fn(JsValue) -> Option<T>,
) -> HashMap<String, T> {
    let mut out = HashMap::new();
    let Some(obj) = figure
        .get_attribute(attr)
        .and_then(|text| js_sys::JSON::parse(&text).ok())
    else {
        return out;
    };
    for key in js_sys::Object::keys(obj.unchecked_ref::<js_sys::Object>()).iter() {
        let v = js_sys::Reflect::get(&obj, &key).ok().and_then(&value);
        if let (Some(k), Some(v)) = (key.as_string(), v) {
            out.insert(k, v);
        }
    }
    out
}

fn params_of(figure: &Element) -> HashMap<String, f64> {
    json_attr(figure, "data-params", |v| v.as_f64())
}

fn words_of(figure: &Element) -> HashMap<String, String> {
    json_attr(figure, "data-words", |v| v.as_string())
}

impl Shared {
    fn new(kind: Kind, p: &HashMap<String, f64>) -> Shared {
        // The page writes the defaults into `data-params`; the fallbacks are
        // the same defaults, from the one place that holds them.
        let get = |k: &str, d: f64| p.get(k).copied().filter(|v| v.is_finite()).unwrap_or(d);
        let seed = match kind {
            Kind::C1 => figs::C1_SEED,
            _ => figs::C2_SEED,
        };
        let values = Values {
            seed: get("seed", f64::from(seed)).clamp(0.0, f64::from(u32::MAX)) as u32,
            alpha: get(
                "alpha",
                match kind {
                    Kind::D4 => ef::D4_ALPHA,
                    _ => figs::C2_ALPHAS[0],
                },
            ),
            alpha_b: get("alpha_b", figs::C2_ALPHAS[1]),
            beta: get("beta", ef::D4_GENERAL.1),
            z: get("z", ef::D4_Z[0]),
            z_b: get("z_b", ef::D4_Z[1]),
        };
        Shared {
            kind,
            values,
            computed: None,
            copies: Vec::new(),
            dirty_mask: 0,
            frame_pending: false,
        }
    }

    /// Recomputes from the current values; on an engine error keeps the last
    /// result (the controls' ranges make that unreachable).
    fn compute(&mut self) {
        let v = &self.values;
        let params = figs::Params {
            seed: Some(v.seed),
            alpha: Some(v.alpha),
            alpha_b: Some(v.alpha_b),
            beta: Some(v.beta),
            z: Some(v.z),
            z_b: Some(v.z_b),
            power: None,
        };
        match figs::compute(self.kind.id(), &params) {
            Ok(c) => self.computed = Some(c),
            Err(e) => web_sys::console::warn_1(&format!("figure not recomputed: {e}").into()),
        }
    }

    /// Marks `mask` changed in every copy and draws the visible ones (all
    /// panels of a copy already on canvas when `all` is set, as after a
    /// resize).
    fn redraw_copies(&mut self, all: bool) {
        let Some(computed) = &self.computed else {
            return;
        };
        for copy in &mut self.copies {
            copy.stale |= self.dirty_mask;
            if all {
                copy.stale |= copy
                    .canvases
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.is_some())
                    .fold(0, |m, (k, _)| m | (1 << k));
            }
            if copy.stale == 0 || !is_shown(&copy.figure) {
                continue;
            }
            let words = &copy.words;
            let w = move |k: &str| words.get(k).cloned().unwrap_or_default();
            let panels = panels(computed, &w);
            for (k, panel) in panels.iter().enumerate() {
                if copy.stale & (1 << k) != 0 {
                    if let Err(e) = copy.draw_panel(k, panel) {
                        web_sys::console::warn_1(&format!("figure panel not drawn: {e:?}").into());
                    }
                }
            }
            copy.update_readouts(computed);
            copy.stale = 0;
        }
        self.dirty_mask = 0;
    }
}

fn is_shown(e: &Element) -> bool {
    e.dyn_ref::<HtmlElement>()
        .map(|h| h.offset_width() > 0)
        .unwrap_or(false)
}

impl FigureCopy {
    /// Draws panel `k` on its canvas, putting the canvas in place of the
    /// static SVG the first time.
    fn draw_panel(&mut self, k: usize, panel: &Panel<'_>) -> Result<(), JsValue> {
        let Some(holder) = self.panels.get(k) else {
            return Ok(());
        };
        let canvas = match &self.canvases[k] {
            Some(c) => c.clone(),
            None => {
                let doc = document()?;
                let c: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
                c.set_class_name("fig-canvas");
                c.set_attribute("role", "img")?;
                holder.replace_children_with_node_1(&c);
                self.canvases[k] = Some(c.clone());
                c
            }
        };
        let _ = canvas.set_attribute(
            "aria-label",
            &format!("{}. {}", panel.chart.title(), panel.desc),
        );
        let css_w = f64::from(canvas.client_width());
        if css_w <= 0.0 {
            return Ok(());
        }
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .filter(|r| r.is_finite() && *r > 0.0)
            .unwrap_or(1.0);
        let (pw, ph) = panel.size;
        let w = (css_w * dpr).round().max(1.0) as u32;
        let h = (css_w * dpr * f64::from(ph) / f64::from(pw))
            .round()
            .max(1.0) as u32;
        if canvas.width() != w || canvas.height() != h {
            canvas.set_width(w);
            canvas.set_height(h);
        }
        // The panel is laid out at `panel.size`; scale it as the SVG scales.
        let opts =
            RenderOptions::canvas(f64::from(w) / f64::from(pw)).with_theme(crate::canvas::theme());
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2d context"))?
            .dyn_into()?;
        let chart: &FigureChart<'_> = &panel.chart;
        draw_offscreen(&ctx, (w, h), |backend, scratch| {
            cf::draw_figure_chart(&backend.into_drawing_area(), chart, &opts, |rect| {
                let FigureChart::Heat { map, .. } = chart else {
                    return Ok(());
                };
                let rgba = map.rasterize_rgba(rect.width, rect.height);
                let image = crate::canvas::image_data(rgba, rect.width, rect.height)?;
                scratch
                    .put_image_data(&image, f64::from(rect.x), f64::from(rect.y))
                    .map_err(|e| ChartError::Backend(format!("{e:?}")))
            })
        })
        .ok_or_else(|| JsValue::from_str("no canvas backend"))?
        .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    fn word(&self, key: &str) -> String {
        self.words.get(key).cloned().unwrap_or_default()
    }

    fn set_readout(&self, name: &str, value: f64, text: &str) {
        if let Some(e) = self.readouts.get(name) {
            let _ = e.set_attribute("data-value", &value.to_string());
            e.set_text_content(Some(text));
        }
    }

    fn update_readouts(&self, c: &Computed) {
        match c {
            Computed::C1(t) => {
                let relation = if (t.l1_in - t.l1_out).abs() <= 1e-12 {
                    "="
                } else {
                    "<"
                };
                self.set_readout(
                    "l1_out",
                    t.l1_out,
                    &cf::fill(
                        &self.word("ctl.c1_readout"),
                        &[
                            ("out", &cf::num(t.l1_out, 3)),
                            ("relation", relation),
                            ("in", &cf::num(t.l1_in, 3)),
                        ],
                    ),
                );
                if let Some(e) = self.readouts.get("l1_in") {
                    let _ = e.set_attribute("data-value", &t.l1_in.to_string());
                }
            }
            Computed::C2(_, ps) => {
                let pct = |s: &ef::PosteriorSparsity| 100.0 * s.nonzero as f64 / s.total as f64;
                if let [a, b] = &ps[..] {
                    self.set_readout(
                        "nonzero_a",
                        a.nonzero as f64 / a.total as f64,
                        &cf::fill(
                            &self.word("ctl.c2_readout"),
                            &[("a", &cf::num(pct(a), 1)), ("b", &cf::num(pct(b), 1))],
                        ),
                    );
                    if let Some(e) = self.readouts.get("nonzero_b") {
                        let _ = e.set_attribute(
                            "data-value",
                            &(b.nonzero as f64 / b.total as f64).to_string(),
                        );
                    }
                }
            }
            Computed::D4(_, ps) => {
                if let (Some(c), Some(d)) = (ps.get(2), ps.get(3)) {
                    self.set_readout(
                        "centre_c",
                        c.centre,
                        &cf::fill(
                            &self.word("ctl.d4_readout"),
                            &[("c", &cf::num(c.centre, 2)), ("d", &cf::num(d.centre, 2))],
                        ),
                    );
                    if let Some(e) = self.readouts.get("centre_d") {
                        let _ = e.set_attribute("data-value", &d.centre.to_string());
                    }
                }
            }
            // Figures without controls have no readouts.
            Computed::Support(..) | Computed::D5(..) => {}
        }
    }
}

fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// Which panels a parameter changes.
fn affected(kind: Kind, param: &str) -> u32 {
    match (kind, param) {
        (Kind::C2, "alpha") => 0b01,
        (Kind::C2, "alpha_b") => 0b10,
        // D.4's panels share one y range: any change redraws all four.
        _ => u32::MAX,
    }
}

fn value_of(v: &Values, param: &str) -> f64 {
    match param {
        "alpha" => v.alpha,
        "alpha_b" => v.alpha_b,
        "z" => v.z,
        "z_b" => v.z_b,
        _ => f64::NAN,
    }
}

fn set_value(v: &mut Values, param: &str, x: f64) {
    match param {
        "alpha" => v.alpha = x,
        "alpha_b" => v.alpha_b = x,
        "z" => v.z = x,
        "z_b" => v.z_b = x,
        _ => {}
    }
}

/// Takes a new value and schedules one recompute and redraw for the next
/// animation frame (a dragged slider fires faster than that).
fn request(shared: &Rc<RefCell<Shared>>, param: &'static str, x: f64, decimals: usize) {
    let schedule = {
        let Ok(mut s) = shared.try_borrow_mut() else {
            return;
        };
        set_value(&mut s.values, param, x);
        let kind = s.kind;
        s.dirty_mask |= affected(kind, param);
        // Keep every copy's controls in step.
        let seed = s.values.seed;
        for copy in &s.copies {
            for (p, input, output) in &copy.inputs {
                if *p == param {
                    input.set_value(&x.to_string());
                    output.set_text_content(Some(&cf::num(x, decimals)));
                }
            }
            if let Some(e) = copy.readouts.get("seed") {
                let _ = e.set_attribute("data-value", &seed.to_string());
                e.set_text_content(Some(&format!("{} {}", copy.word("ctl.seed"), seed)));
            }
        }
        !std::mem::replace(&mut s.frame_pending, true)
    };
    if !schedule {
        return;
    }
    let shared = Rc::clone(shared);
    let frame = Closure::once_into_js(move || {
        if let Ok(mut s) = shared.try_borrow_mut() {
            s.frame_pending = false;
            s.compute();
            s.redraw_copies(false);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(frame.unchecked_ref());
    }
}
