//! Readouts under the pointer (issue 16): every line chart and heat map of
//! the demos shows, while the pointer is over its plot area, a crosshair on
//! an overlay canvas and a readout `[data-hover]` of the nearest grid point:
//! x and each curve's value there (heat maps: both coordinates and the
//! cell's value). Touch: press and drag (horizontal drags; vertical ones
//! still scroll the page). Keyboard: the chart canvas is focusable
//! (tabindex 0) and the arrow keys move the crosshair one grid step (Shift:
//! ten); Escape hides it.
//!
//! Only the overlay is redrawn, never the chart: each chart drawn on a
//! [`Plot`](crate::canvas::Plot) leaves here a copy of what it showed (the
//! grid, the curves, the heat map's cells as f32) and where its plot area
//! went, so a pointer position maps to data without the demo. The overlay
//! canvas and the readout are made on the first visit, so a chart nobody
//! points at has neither. Each update records the User Timing measure
//! `demo_N:hover` from the moment its handler runs to the overlay and the
//! readout written (the browser's own input queueing before that, up to a
//! frame as pointer moves are aligned to frames, is not the demo's work).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dpm_charts::{Heatmap, LineChart, Orientation, PlotRect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, KeyboardEvent, PointerEvent};

use crate::dom;
use crate::schedule;

/// One curve as drawn.
struct Curve {
    y: Vec<f64>,
    rgb: (u8, u8, u8),
    label: Option<String>,
}

/// Reads cell `i` of a heat map's matrix (row-major) from where its owner
/// keeps it, or NaN if it is gone; saves copying a 461 x 461 matrix on
/// every draw of a panel the pointer may never visit.
pub type CellSource = Rc<dyn Fn(usize) -> Option<f64>>;

/// A heat map's cells as the hover reads them.
enum Cells {
    /// Copied as f32 in one pass on each new matrix.
    Copy(Vec<f32>),
    /// Read from the matrix's owner.
    Source(CellSource),
}

impl Cells {
    fn get(&self, i: usize) -> f64 {
        match self {
            Cells::Copy(cells) => cells.get(i).copied().map_or(f64::NAN, f64::from),
            Cells::Source(read) => read(i).unwrap_or(f64::NAN),
        }
    }
}

/// What the chart showed, and where (device pixels of the chart canvas).
enum Shown {
    Line {
        x: Vec<f64>,
        curves: Vec<Curve>,
        x_range: (f64, f64),
        y_range: (f64, f64),
        rect: PlotRect,
    },
    Heat {
        /// The heat map's matrix contents (see `Plot::draw_heatmap`).
        generation: u64,
        /// The matrix, in its own row-major order (read back through
        /// `orientation`).
        cells: Cells,
        cols: usize,
        orientation: Orientation,
        across: usize,
        up: usize,
        x_range: (f64, f64),
        y_range: (f64, f64),
        x_label: String,
        y_label: String,
        rect: PlotRect,
    },
}

/// The overlay and readout, made on the first visit.
struct Layer {
    overlay: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    readout: Element,
}

/// A chart canvas's hover state.
pub struct Hover {
    canvas: HtmlCanvasElement,
    shown: RefCell<Option<Shown>>,
    layer: RefCell<Option<Layer>>,
    /// The crosshair's grid point (a across, u up), if shown.
    at: Cell<Option<(usize, usize)>>,
    /// A touch press is being dragged.
    pressed: Cell<bool>,
    /// `demo_N:hover`, found on the first visit (None outside a demo).
    measure: RefCell<Option<Option<String>>>,
    measures: Cell<u32>,
}

impl Hover {
    /// Makes `canvas` focusable and listens to the pointer and keys on it.
    pub fn attach(canvas: &HtmlCanvasElement) -> Result<Rc<Hover>, JsValue> {
        canvas.set_attribute("tabindex", "0")?;
        let hover = Rc::new(Hover {
            canvas: canvas.clone(),
            shown: RefCell::new(None),
            layer: RefCell::new(None),
            at: Cell::new(None),
            pressed: Cell::new(false),
            measure: RefCell::new(None),
            measures: Cell::new(0),
        });
        let h = Rc::clone(&hover);
        dom::listen(canvas, "pointermove", move |ev| {
            if let Some(p) = ev.dyn_ref::<PointerEvent>() {
                if p.pointer_type() != "touch" || h.pressed.get() {
                    h.point(p);
                }
            }
        })?;
        let h = Rc::clone(&hover);
        dom::listen(canvas, "pointerdown", move |ev| {
            if let Some(p) = ev.dyn_ref::<PointerEvent>() {
                if p.pointer_type() == "touch" {
                    h.pressed.set(true);
                    let _ = h.canvas.set_pointer_capture(p.pointer_id());
                }
                h.point(p);
            }
        })?;
        for kind in ["pointerup", "pointercancel"] {
            let h = Rc::clone(&hover);
            dom::listen(canvas, kind, move |ev| {
                if let Some(p) = ev.dyn_ref::<PointerEvent>() {
                    if p.pointer_type() == "touch" {
                        h.pressed.set(false);
                        h.hide();
                    }
                }
            })?;
        }
        let h = Rc::clone(&hover);
        dom::listen(canvas, "pointerleave", move |_| {
            if !h.pressed.get() && !h.focused() {
                h.hide();
            }
        })?;
        let h = Rc::clone(&hover);
        dom::listen(canvas, "blur", move |_| h.hide())?;
        let h = Rc::clone(&hover);
        dom::listen(canvas, "keydown", move |ev| {
            if let Some(k) = ev.dyn_ref::<KeyboardEvent>() {
                if h.key(k) {
                    ev.prevent_default();
                }
            }
        })?;
        Ok(hover)
    }

    fn focused(&self) -> bool {
        let active = dom::document().active_element();
        let me: &Element = self.canvas.as_ref();
        active.as_ref() == Some(me)
    }

    /// A line chart was drawn with its plot area at `rect`.
    pub fn line_drawn(&self, chart: &LineChart<'_>, rect: PlotRect) {
        let curves = chart
            .series
            .iter()
            .map(|s| Curve {
                y: s.y.to_vec(),
                rgb: s.color.rgb(),
                label: s.label.clone(),
            })
            .collect();
        let x_range = (chart.x_axis.min, chart.x_axis.max);
        let y_range = (chart.y_axis.min, chart.y_axis.max);
        self.expose(rect, x_range, y_range);
        *self.shown.borrow_mut() = Some(Shown::Line {
            x: chart.x.to_vec(),
            curves,
            x_range,
            y_range,
            rect,
        });
        self.refresh();
    }

    /// A heat map (contents `generation`) was drawn with its image at `rect`;
    /// `source` reads its cells later, else they are copied now.
    pub fn heat_drawn(
        &self,
        map: &Heatmap<'_>,
        generation: u64,
        rect: PlotRect,
        source: Option<CellSource>,
    ) {
        let x_range = (map.x_axis.min, map.x_axis.max);
        let y_range = (map.y_axis.min, map.y_axis.max);
        self.expose(rect, x_range, y_range);
        let mut shown = self.shown.borrow_mut();
        // The same contents redrawn (demo 2's z marker moving): only the
        // place may have changed.
        if let Some(Shown::Heat {
            generation: g,
            rect: r,
            ..
        }) = shown.as_mut()
        {
            if *g == generation {
                *r = rect;
                drop(shown);
                self.refresh();
                return;
            }
        }
        let (across, up) = match map.orientation {
            Orientation::RowsAlongY => (map.cols, map.rows),
            Orientation::RowsAlongX => (map.rows, map.cols),
        };
        let cells = match source {
            Some(source) => Cells::Source(source),
            None => Cells::Copy(map.matrix.iter().map(|&v| v as f32).collect()),
        };
        *shown = Some(Shown::Heat {
            generation,
            cells,
            cols: map.cols,
            orientation: map.orientation,
            across,
            up,
            x_range,
            y_range,
            x_label: map.x_axis.label.clone().unwrap_or_else(|| "x".into()),
            y_label: map.y_axis.label.clone().unwrap_or_else(|| "y".into()),
            rect,
        });
        drop(shown);
        self.refresh();
    }

    /// The plot area (CSS pixels from the canvas's corner) and its data
    /// extent as attributes, for tests and embedders that point at a value.
    fn expose(&self, rect: PlotRect, x: (f64, f64), y: (f64, f64)) {
        let k = self.css_per_device();
        let area = format!(
            "{} {} {} {}",
            f64::from(rect.x) * k,
            f64::from(rect.y) * k,
            f64::from(rect.width) * k,
            f64::from(rect.height) * k
        );
        let _ = self.canvas.set_attribute("data-plot-area", &area);
        let _ = self
            .canvas
            .set_attribute("data-extent", &format!("{} {} {} {}", x.0, x.1, y.0, y.1));
    }

    /// CSS pixels per backing-store pixel. The backing store is the CSS
    /// size in device pixels (`crate::canvas`), so this is 1 / DPR: reading
    /// the canvas's CSS size instead would force a layout of the whole page
    /// on every chart drawn (measured: the apply demos several times slower).
    fn css_per_device(&self) -> f64 {
        1.0 / crate::canvas::device_pixel_ratio()
    }

    /// The data point `(x, y)` of a line chart under the pointer at `ev`,
    /// clamped into the plot area (for drawing q(x), `crate::sketch`).
    pub fn data_at(&self, ev: &PointerEvent) -> Option<(f64, f64)> {
        let k = self.css_per_device();
        let (px, py) = (f64::from(ev.offset_x()) / k, f64::from(ev.offset_y()) / k);
        match self.shown.borrow().as_ref()? {
            Shown::Line {
                x_range,
                y_range,
                rect,
                ..
            } => {
                let fx = (px - f64::from(rect.x)) / f64::from(rect.width.max(1));
                let fy = (f64::from(rect.bottom()) - py) / f64::from(rect.height.max(1));
                Some((
                    x_range.0 + fx.clamp(0.0, 1.0) * (x_range.1 - x_range.0),
                    y_range.0 + fy.clamp(0.0, 1.0) * (y_range.1 - y_range.0),
                ))
            }
            Shown::Heat { .. } => None,
        }
    }

    /// The pointer at `ev`: the nearest grid point inside the plot area.
    fn point(&self, ev: &PointerEvent) {
        let start = schedule::now();
        let k = self.css_per_device();
        let (px, py) = (f64::from(ev.offset_x()) / k, f64::from(ev.offset_y()) / k);
        let at = self
            .shown
            .borrow()
            .as_ref()
            .and_then(|s| s.index_at(px, py));
        match at {
            Some(at) => self.show(at, start),
            None => self.hide(),
        }
    }

    /// Arrow keys move one grid step (Shift: ten); true if handled.
    fn key(&self, k: &KeyboardEvent) -> bool {
        let start = schedule::now();
        let Some((across, up)) = self.shown.borrow().as_ref().map(Shown::size) else {
            return false;
        };
        let step = if k.shift_key() { 10 } else { 1 };
        let (a, u) = self.at.get().unwrap_or((across / 2, up / 2));
        let fresh = self.at.get().is_none();
        let next = match k.key().as_str() {
            "Escape" => {
                self.hide();
                return true;
            }
            _ if fresh && k.key().starts_with("Arrow") => (a, u),
            "ArrowLeft" => (a.saturating_sub(step), u),
            "ArrowRight" => ((a + step).min(across - 1), u),
            "ArrowDown" if up > 1 => (a, u.saturating_sub(step)),
            "ArrowUp" if up > 1 => (a, (u + step).min(up - 1)),
            "Home" => (0, u),
            "End" => (across - 1, u),
            _ => return false,
        };
        self.show(next, start);
        true
    }

    /// Redraws the crosshair at its grid point after the chart changed.
    fn refresh(&self) {
        if let Some(at) = self.at.get() {
            let clamped = self
                .shown
                .borrow()
                .as_ref()
                .map(|s| {
                    let (across, up) = s.size();
                    (at.0.min(across.max(1) - 1), at.1.min(up.max(1) - 1))
                })
                .unwrap_or(at);
            self.show(clamped, schedule::now());
        }
    }

    fn hide(&self) {
        self.at.set(None);
        if let Some(layer) = self.layer.borrow().as_ref() {
            let (w, h) = (layer.overlay.width(), layer.overlay.height());
            layer.ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
            let _ = layer.readout.set_attribute("hidden", "");
        }
    }

    fn show(&self, at: (usize, usize), start: f64) {
        if self.layer.borrow().is_none() {
            match self.make_layer() {
                Ok(layer) => *self.layer.borrow_mut() = Some(layer),
                Err(_) => return,
            }
        }
        {
            let shown = self.shown.borrow();
            let layer = self.layer.borrow();
            let (Some(shown), Some(layer)) = (shown.as_ref(), layer.as_ref()) else {
                return;
            };
            self.at.set(Some(at));
            let (w, h) = (self.canvas.width(), self.canvas.height());
            if layer.overlay.width() != w || layer.overlay.height() != h {
                layer.overlay.set_width(w);
                layer.overlay.set_height(h);
            }
            layer.ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
            let scale = 1.0 / self.css_per_device();
            shown.draw(&layer.ctx, at, scale.max(1.0));
            shown.write(&layer.readout, at);
            // In the plot area's top right corner, clear of the title.
            let r = shown.rect();
            let k = 1.0 / scale.max(f64::MIN_POSITIVE);
            let place = format!(
                "top: {:.1}px; right: {:.1}px",
                f64::from(r.y) * k + 2.0,
                f64::from(w as i32 - r.right()) * k + 2.0
            );
            let _ = layer.readout.set_attribute("style", &place);
            let _ = layer.readout.remove_attribute("hidden");
        }
        self.record(start);
    }

    fn record(&self, start: f64) {
        let mut name = self.measure.borrow_mut();
        let name = name.get_or_insert_with(|| {
            self.canvas
                .closest(".demo-root[data-demo]")
                .ok()
                .flatten()
                .and_then(|r| r.get_attribute("data-demo"))
                .map(|d| format!("{d}:hover"))
        });
        if let Some(name) = name {
            schedule::measure(name, start, &self.measures);
        }
    }

    fn make_layer(&self) -> Result<Layer, JsValue> {
        let figure = self
            .canvas
            .parent_element()
            .ok_or_else(|| JsValue::from_str("canvas outside a figure"))?;
        let overlay: HtmlCanvasElement = dom::el("canvas", "hover-overlay")?.dyn_into()?;
        overlay.set_attribute("aria-hidden", "true")?;
        self.canvas.after_with_node_1(&overlay)?;
        let ctx: CanvasRenderingContext2d = overlay
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2d context"))?
            .dyn_into()?;
        let readout = dom::child(&figure, "div", "hover-readout")?;
        readout.set_attribute("data-hover", "")?;
        readout.set_attribute("aria-live", "polite")?;
        readout.set_attribute("hidden", "")?;
        Ok(Layer {
            overlay,
            ctx,
            readout,
        })
    }
}

impl Shown {
    /// Grid points across and up (up is 1 for a line chart).
    fn size(&self) -> (usize, usize) {
        match self {
            Shown::Line { x, .. } => (x.len(), 1),
            Shown::Heat { across, up, .. } => (*across, *up),
        }
    }

    fn rect(&self) -> PlotRect {
        match self {
            Shown::Line { rect, .. } | Shown::Heat { rect, .. } => *rect,
        }
    }

    /// The grid point under device pixel `(px, py)`, if inside the plot area.
    fn index_at(&self, px: f64, py: f64) -> Option<(usize, usize)> {
        let r = self.rect();
        let (fx, fy) = (
            (px - f64::from(r.x)) / f64::from(r.width.max(1)),
            (f64::from(r.bottom()) - py) / f64::from(r.height.max(1)),
        );
        if !(0.0..=1.0).contains(&fx) || !(0.0..=1.0).contains(&fy) {
            return None;
        }
        match self {
            Shown::Line { x, x_range, .. } => {
                let v = x_range.0 + fx * (x_range.1 - x_range.0);
                nearest(x, v).map(|i| (i, 0))
            }
            Shown::Heat { across, up, .. } => {
                let a = ((fx * *across as f64) as usize).min(across.saturating_sub(1));
                let u = ((fy * *up as f64) as usize).min(up.saturating_sub(1));
                Some((a, u))
            }
        }
    }

    /// Device-pixel position of data `(x, y)` on the plot area.
    fn to_px(&self, x: f64, y: f64) -> (f64, f64) {
        let r = self.rect();
        let ((x0, x1), (y0, y1)) = match self {
            Shown::Line {
                x_range, y_range, ..
            }
            | Shown::Heat {
                x_range, y_range, ..
            } => (*x_range, *y_range),
        };
        (
            f64::from(r.x) + (x - x0) / (x1 - x0) * f64::from(r.width),
            f64::from(r.bottom()) - (y - y0) / (y1 - y0) * f64::from(r.height),
        )
    }

    /// The data coordinates of heat-map cell `(a, u)`: the grid point it
    /// stands for (cells span the extent end to end, first and last on its edges).
    fn cell_xy(&self, a: usize, u: usize) -> (f64, f64) {
        match self {
            Shown::Heat {
                across,
                up,
                x_range,
                y_range,
                ..
            } => (along(*x_range, a, *across), along(*y_range, u, *up)),
            Shown::Line { x, .. } => (x.get(a).copied().unwrap_or(f64::NAN), 0.0),
        }
    }

    fn draw(&self, ctx: &CanvasRenderingContext2d, (a, u): (usize, usize), scale: f64) {
        let r = self.rect();
        let (top, bottom) = (f64::from(r.y), f64::from(r.bottom()));
        let (left, right) = (f64::from(r.x), f64::from(r.right()));
        ctx.set_line_width(scale);
        ctx.set_stroke_style_str("rgba(0, 0, 0, 0.55)");
        ctx.begin_path();
        match self {
            Shown::Line { x, curves, .. } => {
                let xv = x.get(a).copied().unwrap_or(f64::NAN);
                let (px, _) = self.to_px(xv, 0.0);
                let px = px.round() + 0.5;
                ctx.move_to(px, top);
                ctx.line_to(px, bottom);
                ctx.stroke();
                for c in curves {
                    let Some(&y) = c.y.get(a) else { continue };
                    if !y.is_finite() {
                        continue;
                    }
                    let (_, py) = self.to_px(xv, y);
                    if py < top || py > bottom {
                        continue;
                    }
                    let (r8, g8, b8) = c.rgb;
                    ctx.set_fill_style_str(&format!("rgb({r8}, {g8}, {b8})"));
                    ctx.begin_path();
                    let _ = ctx.arc(px, py, 3.5 * scale, 0.0, std::f64::consts::TAU);
                    ctx.fill();
                    ctx.set_stroke_style_str("#ffffff");
                    ctx.stroke();
                }
            }
            Shown::Heat { .. } => {
                let (xv, yv) = self.cell_xy(a, u);
                let (px, py) = self.to_px(xv, yv);
                let (px, py) = (px.round() + 0.5, py.round() + 0.5);
                ctx.set_stroke_style_str("rgba(255, 255, 255, 0.8)");
                ctx.move_to(px, top);
                ctx.line_to(px, bottom);
                ctx.move_to(left, py);
                ctx.line_to(right, py);
                ctx.stroke();
            }
        }
    }

    fn write(&self, readout: &Element, (a, u): (usize, usize)) {
        readout.set_text_content(None);
        let r = readout;
        match self {
            Shown::Line { x, curves, .. } => {
                let xv = x.get(a).copied().unwrap_or(f64::NAN);
                pair(
                    r,
                    "hover_x",
                    Symbol::Plain("x"),
                    xv,
                    &format!("{xv:.2}"),
                    None,
                );
                for (i, c) in curves.iter().enumerate() {
                    let y = c.y.get(a).copied().unwrap_or(f64::NAN);
                    let symbol = Symbol::Plain(c.label.as_deref().unwrap_or(""));
                    let text = format!("{y:.4}");
                    pair(r, &format!("hover_{i}"), symbol, y, &text, Some(c.rgb));
                }
            }
            Shown::Heat {
                cells,
                cols,
                orientation,
                x_label,
                y_label,
                ..
            } => {
                let (xv, yv) = self.cell_xy(a, u);
                let i = match orientation {
                    Orientation::RowsAlongY => u * cols + a,
                    Orientation::RowsAlongX => a * cols + u,
                };
                let v = cells.get(i);
                pair(
                    r,
                    "hover_x",
                    Symbol::Plain(x_label),
                    xv,
                    &format!("{xv:.2}"),
                    None,
                );
                pair(
                    r,
                    "hover_y",
                    Symbol::Plain(y_label),
                    yv,
                    &format!("{yv:.2}"),
                    None,
                );
                let word = Symbol::Word(crate::i18n::HOVER_VALUE);
                pair(r, "hover_value", word, v, &format!("{v:.4}"), None);
            }
        }
    }
}

/// What names a value in the readout.
enum Symbol<'a> {
    /// A symbol or an already translated label ("x", "z"); empty for none.
    Plain(&'a str),
    /// A word in both languages.
    Word(crate::i18n::Text),
}

/// Appends `[swatch] symbol = value` to `readout`, the value a readout
/// `name` with `v` in `data-value`.
fn pair(
    readout: &Element,
    name: &str,
    symbol: Symbol<'_>,
    v: f64,
    text: &str,
    rgb: Option<(u8, u8, u8)>,
) {
    let Ok(span) = dom::child(readout, "span", "hover-pair") else {
        return;
    };
    if let Some((r, g, b)) = rgb {
        if let Ok(sw) = dom::child(&span, "span", "hover-swatch") {
            let _ = sw.set_attribute("style", &format!("background: rgb({r}, {g}, {b})"));
        }
    }
    if let Ok(s) = dom::child(&span, "span", "hover-symbol") {
        match symbol {
            Symbol::Plain("") => {}
            Symbol::Plain(p) => s.set_text_content(Some(p)),
            Symbol::Word(w) => {
                let _ = dom::bilingual(&s, w);
            }
        }
        if s.child_nodes().length() > 0 {
            let _ = dom::child(&span, "span", "").map(|e| e.set_text_content(Some(" = ")));
        }
    }
    if let Ok(value) = dom::Readout::span(&span, name) {
        value.set(v, text);
    }
}

/// Point `i` of `n` spread evenly from `range.0` to `range.1`.
fn along(range: (f64, f64), i: usize, n: usize) -> f64 {
    if n <= 1 {
        return range.0;
    }
    range.0 + i as f64 * (range.1 - range.0) / (n - 1) as f64
}

/// The index of the value of the ascending `xs` nearest to `v`.
fn nearest(xs: &[f64], v: f64) -> Option<usize> {
    if xs.is_empty() || !v.is_finite() {
        return None;
    }
    let i = xs.partition_point(|&x| x < v);
    Some(match i {
        0 => 0,
        i if i >= xs.len() => xs.len() - 1,
        i if (v - xs[i - 1]) <= (xs[i] - v) => i - 1,
        i => i,
    })
}
