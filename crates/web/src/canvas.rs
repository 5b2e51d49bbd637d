//! Canvases that stay sharp and follow the page: each chart is drawn on a
//! canvas whose backing store is its CSS size in device pixels, kept in step
//! by a ResizeObserver, and redrawn when it changes.
//!
//! Heat maps are rasterised once per (matrix, size) into an `ImageData` and
//! put with one `putImageData` (plotters-canvas would draw pixel by pixel);
//! redrawing only the overlay, as Demo 2's z slider does, reuses the image.
//!
//! Charts follow the page's theme (`<html data-theme>`, kept by
//! www/theme.js, which fires `dpm:themechange`): a theme change counts as a
//! resize of every observed canvas, so each demo redraws through the path it
//! already has for resizes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::text_backend::draw_offscreen;
use dpm_charts::{
    draw_heatmap_with, draw_line_chart, ChartError, Heatmap, LineChart, Palette, PlotRect,
    RenderOptions, Theme, ValueRange,
};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, ImageData, IntersectionObserver,
    IntersectionObserverEntry, IntersectionObserverInit, ResizeObserver, ResizeObserverBoxOptions,
    ResizeObserverEntry, ResizeObserverOptions, ResizeObserverSize,
};

use crate::dom;

/// How a plot's box is shaped (CSS classes in www/demos.css).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A pdf line chart.
    Line,
    /// A heat map (square plot area).
    Square,
}

/// Names a live demo's plots: `plot_names!(P { QX => ("q_x", Line), .. })`
/// declares the enum `P` in page order with `P::ALL`, `bit()` (its bit in a
/// redraw mask), `name()` (`data-plot`) and `new_plots(parent, list)`.
macro_rules! plot_names {
    ($enum:ident { $($v:ident => ($name:literal, $shape:ident)),+ $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum $enum {
            $($v),+
        }

        impl $enum {
            #[allow(dead_code)]
            const ALL: &'static [$enum] = &[$($enum::$v),+];

            const fn bit(self) -> u32 {
                1 << self as u32
            }

            fn name(self) -> &'static str {
                match self {
                    $($enum::$v => $name),+
                }
            }

            /// The bits of the plots to redraw: those paired with `true`.
            #[allow(dead_code)]
            fn mask(changes: &[(bool, &[$enum])]) -> u32 {
                changes
                    .iter()
                    .filter(|(changed, _)| *changed)
                    .flat_map(|(_, plots)| plots.iter())
                    .fold(0, |m, p| m | p.bit())
            }

            /// The plots of `list`, in that order, in `parent`.
            fn new_plots(
                parent: &web_sys::Element,
                list: &[$enum],
            ) -> Result<Vec<$crate::canvas::Plot>, wasm_bindgen::JsValue> {
                list.iter()
                    .map(|p| {
                        let shape = match p {
                            $($enum::$v => $crate::canvas::Shape::$shape),+
                        };
                        $crate::canvas::Plot::new(parent, shape, p.name())
                    })
                    .collect()
            }
        }
    };
}
pub(crate) use plot_names;

/// One chart's canvas.
pub struct Plot {
    pub canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// Backing-store size in device pixels; (0, 0) while hidden.
    size: Cell<(u32, u32)>,
    /// Device pixels per CSS pixel of the backing store.
    scale: Cell<f64>,
    /// The last heat map image: (data generation, where it went) and the image.
    raster: RefCell<Option<((u64, PlotRect), ImageData)>>,
    /// The theme the backing store was last sized (and so cleared) in.
    theme: Cell<Theme>,
    /// The last heat map's data generation and value range (its label).
    range: Cell<Option<(u64, (f64, f64))>>,
    /// The readout under the pointer (issue 16).
    hover: Rc<crate::hover::Hover>,
    /// In or near the viewport ([`observe_near`] keeps it; true until then).
    near: Rc<Cell<bool>>,
}

impl Plot {
    /// A `<figure class="plot …"><canvas role="img"></canvas></figure>` in `parent`.
    pub fn new(parent: &Element, shape: Shape, name: &str) -> Result<Plot, JsValue> {
        let class = match shape {
            Shape::Line => "plot line",
            Shape::Square => "plot square",
        };
        let figure = dom::child(parent, "figure", class)?;
        figure.set_attribute("data-plot", name)?;
        let canvas: HtmlCanvasElement = dom::child(&figure, "canvas", "")?.dyn_into()?;
        canvas.set_attribute("role", "img")?;
        // Until the first resize report: nothing to draw on.
        canvas.set_width(0);
        canvas.set_height(0);
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2d context"))?
            .dyn_into()?;
        let hover = crate::hover::Hover::attach(&canvas)?;
        Ok(Plot {
            canvas,
            hover,
            ctx,
            size: Cell::new((0, 0)),
            scale: Cell::new(1.0),
            raster: RefCell::new(None),
            theme: Cell::new(theme()),
            range: Cell::new(None),
            near: Rc::new(Cell::new(true)),
        })
    }

    /// The readout under the pointer (and its pixel-to-data mapping).
    pub fn hover(&self) -> &Rc<crate::hover::Hover> {
        &self.hover
    }

    /// The figure element holding the canvas (for captions).
    pub fn figure(&self) -> Option<Element> {
        self.canvas.parent_element()
    }

    /// Whether there is anything to draw on (the panel is open and laid out).
    pub fn is_shown(&self) -> bool {
        let (w, h) = self.size.get();
        w > 0 && h > 0
    }

    /// Whether the panel is in or near the viewport (an apply draws these
    /// first, the others when the reader is idle).
    pub fn is_near(&self) -> bool {
        self.near.get()
    }

    /// The flag [`Plot::is_near`] reads, for [`observe_near`].
    pub fn near_flag(&self) -> Rc<Cell<bool>> {
        Rc::clone(&self.near)
    }

    /// The chart's bare title in `data-title` (tests compare it with
    /// `dpm figure`'s).
    fn set_title(&self, text: &str) {
        if self.canvas.get_attribute("data-title").as_deref() != Some(text) {
            let _ = self.canvas.set_attribute("data-title", text);
        }
    }

    /// Names the canvas for screen readers (see [`crate::describe`]); the
    /// attribute is written only when the text changes.
    pub fn set_label(&self, text: &str) {
        if self.canvas.get_attribute("aria-label").as_deref() != Some(text) {
            let _ = self.canvas.set_attribute("aria-label", text);
        }
    }

    /// Sets the backing store to `(w, h)` device pixels; true if it or the
    /// page's theme changed (which clears the canvas, so the caller must
    /// redraw).
    pub fn resize(&self, w: u32, h: u32) -> bool {
        let scale = device_pixel_ratio();
        let theme = theme();
        if self.size.get() == (w, h) && self.scale.get() == scale && self.theme.get() == theme {
            return false;
        }
        if self.theme.replace(theme) != theme {
            // Empty cells are painted in the background colour.
            self.raster.borrow_mut().take();
        }
        self.size.set((w, h));
        self.scale.set(scale);
        self.canvas.set_width(w);
        self.canvas.set_height(h);
        true
    }

    /// Sizes the backing store from the canvas's laid-out box now (forces a
    /// layout), for a panel just shown that must be drawn before the resize
    /// observer reports; true if the size changed.
    pub fn fit_to_layout(&self) -> bool {
        let (w, h) = self.laid_out_size();
        self.resize(w, h)
    }

    /// The canvas's laid-out box in device pixels (forces a layout if the
    /// page's is stale); also updates [`Plot::is_near`] from the same read.
    /// To size several canvases, read every size first and then
    /// [`Plot::resize`] them: a resize can dirty the layout, so alternating
    /// reads and writes lays out the page once per canvas.
    pub fn laid_out_size(&self) -> (u32, u32) {
        let r = self.canvas.get_bounding_client_rect();
        let view = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let margin = NEAR_MARGIN * view;
        self.near
            .set(r.bottom() > -margin && r.top() < view + margin);
        let dpr = device_pixel_ratio();
        let px = |v: f64| (v * dpr).round().max(0.0) as u32;
        (px(r.width()), px(r.height()))
    }

    fn options(&self) -> RenderOptions {
        RenderOptions::canvas(self.scale.get()).with_theme(theme())
    }

    /// Draws a line chart over the whole canvas.
    pub fn draw_line_chart(&self, chart: &LineChart<'_>) -> Result<(), ChartError> {
        if !self.is_shown() {
            return Ok(());
        }
        self.set_title(&chart.title);
        self.set_label(&crate::describe::line_chart(chart, dom::page_lang()));
        let opts = self.options();
        let rect = draw_offscreen(&self.ctx, self.size.get(), |backend, _| {
            draw_line_chart(&backend.into_drawing_area(), chart, &opts)
        })
        .ok_or_else(|| ChartError::Backend("no canvas context".into()))??;
        self.hover.line_drawn(chart, rect);
        Ok(())
    }

    /// Draws a heat map; `generation` identifies the matrix's contents, so the
    /// image is rasterised again only when they or the plot size change.
    pub fn draw_heatmap(&self, heatmap: &Heatmap<'_>, generation: u64) -> Result<(), ChartError> {
        self.draw_heatmap_from(heatmap, generation, None)
    }

    /// [`Plot::draw_heatmap`], with the hover reading the cells from
    /// `source` (if any) instead of a copy.
    pub fn draw_heatmap_from(
        &self,
        heatmap: &Heatmap<'_>,
        generation: u64,
        source: Option<crate::hover::CellSource>,
    ) -> Result<(), ChartError> {
        if !self.is_shown() {
            return Ok(());
        }
        let range = match self.range.get() {
            Some((g, range)) if g == generation => range,
            _ => {
                let range = crate::describe::value_range(heatmap);
                self.range.set(Some((generation, range)));
                range
            }
        };
        // The range just found is the one rasterising would find again.
        let resolved;
        let heatmap = match heatmap.values {
            ValueRange::Auto if range.0 <= range.1 => {
                resolved = Heatmap {
                    values: ValueRange::Fixed {
                        min: range.0,
                        max: range.1,
                    },
                    ..heatmap.clone()
                };
                &resolved
            }
            _ => heatmap,
        };
        self.set_title(&heatmap.title);
        self.set_label(&crate::describe::heatmap(heatmap, range, dom::page_lang()));
        let opts = self.options();
        let rect = draw_offscreen(&self.ctx, self.size.get(), |backend, scratch| {
            let area = backend.into_drawing_area();
            draw_heatmap_with(&area, heatmap, &opts, |rect| {
                let key = (generation, rect);
                let mut cached = self.raster.borrow_mut();
                if cached.as_ref().map(|(k, _)| *k) != Some(key) {
                    let rgba = heatmap.rasterize_rgba(rect.width, rect.height);
                    let image = image_data(rgba, rect.width, rect.height)?;
                    *cached = Some((key, image));
                }
                let (_, image) = cached.as_ref().expect("just stored");
                scratch
                    .put_image_data(image, f64::from(rect.x), f64::from(rect.y))
                    .map_err(js_error)
            })
        })
        .ok_or_else(|| ChartError::Backend("no canvas context".into()))??;
        self.hover.heat_drawn(heatmap, generation, rect, source);
        Ok(())
    }
}

thread_local! {
    static GENERATION: Cell<u64> = const { Cell::new(1 << 40) };
    static THEME: Cell<Theme> = const { Cell::new(Theme::Light) };
    static ON_THEME: RefCell<Vec<Rc<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
}

/// The theme the charts are drawn in: the page's, as of the last
/// `dpm:themechange` (see [`follow_theme`]).
pub fn theme() -> Theme {
    THEME.with(Cell::get)
}

/// `<html data-theme>`: "dark" or anything else (light).
fn page_theme() -> Theme {
    let dark = dom::document()
        .document_element()
        .and_then(|e| e.get_attribute("data-theme"))
        .is_some_and(|t| t == "dark");
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Reads the page's theme now and on every `dpm:themechange`, and then
/// redraws every observed canvas. Call once, before anything is mounted.
pub fn follow_theme() -> Result<(), JsValue> {
    THEME.with(|t| t.set(page_theme()));
    dom::listen(&dom::document(), "dpm:themechange", |_| {
        let next = page_theme();
        if THEME.with(|t| t.replace(next)) == next {
            return;
        }
        // Cloned out first: a hook may not re-enter the list.
        let hooks: Vec<Rc<dyn Fn()>> = ON_THEME.with(|h| h.borrow().clone());
        for hook in hooks {
            hook();
        }
    })
}

/// Calls `f` after every theme change (for canvases drawn outside [`Plot`]).
pub fn on_theme_change(f: impl Fn() + 'static) {
    ON_THEME.with(|h| h.borrow_mut().push(Rc::new(f)));
}

/// `count` fresh heat-map generations (see [`Plot::draw_heatmap`]); the
/// first is returned. Apply demos number their matrices from it, clear of
/// the small counters the live demos use.
pub fn next_generation(count: u64) -> u64 {
    GENERATION.with(|g| {
        let first = g.get();
        g.set(first + count.max(1));
        first
    })
}

/// A chart that cannot be drawn is a bug, not bad input: say so in the
/// console (as a warning; the plot keeps its last picture).
pub fn report(result: Result<(), dpm_charts::ChartError>) {
    if let Err(e) = result {
        web_sys::console::warn_1(&format!("chart not drawn: {e}").into());
    }
}

/// A heat map's RGBA cells as an `ImageData` that owns its pixels: an
/// ImageData over wasm memory is detached when that memory grows (another
/// demo allocating), and a cached one would then fail to draw.
/// putImageData replaces pixels rather than blending, so transparent (NaN)
/// cells get the chart background of the current theme.
pub fn image_data(mut rgba: Vec<u8>, width: u32, height: u32) -> Result<ImageData, ChartError> {
    let (r, g, b) = Palette::of(theme()).background;
    for px in rgba.chunks_exact_mut(4) {
        if px[3] == 0 {
            px.copy_from_slice(&[r, g, b, 255]);
        }
    }
    let pixels = js_sys::Uint8ClampedArray::from(&rgba[..]);
    ImageData::new_with_js_u8_clamped_array_and_sh(&pixels, width, height).map_err(js_error)
}

fn js_error(e: JsValue) -> ChartError {
    ChartError::Backend(format!("{e:?}"))
}

/// `window.devicePixelRatio` (1 if unknown).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
}

/// Watches the plots' canvases; on a size change, resizes their backing
/// stores and calls `redraw` with a bit mask of the plots (bit `i` = `plots[i]`)
/// that need drawing. Runs before the page is painted, so no blank frame
/// shows. Observes for the page's lifetime.
pub fn observe_resize(
    canvases: Vec<HtmlCanvasElement>,
    resize: impl Fn(usize, u32, u32) -> bool + 'static,
    redraw: impl Fn(u32) + 'static,
) -> Result<(), JsValue> {
    let mask = Rc::new(Cell::new(0u32));
    let m = Rc::clone(&mask);
    observe_resize_each(
        canvases,
        move |i, w, h| {
            let changed = resize(i, w, h);
            if changed && i < 32 {
                m.set(m.get() | 1 << i);
            }
            changed
        },
        move || redraw(mask.replace(0)),
    )
}

/// Watches `canvases`; for each size report calls `resize(i, w, h)` with
/// the canvas's index and device-pixel size (true if that changed it), then
/// `after()` once if any did. After a theme change, calls them again with
/// the last sizes reported ([`Plot::resize`] says true then). Observes for
/// the page's lifetime.
pub fn observe_resize_each(
    canvases: Vec<HtmlCanvasElement>,
    resize: impl Fn(usize, u32, u32) -> bool + 'static,
    after: impl Fn() + 'static,
) -> Result<(), JsValue> {
    let resize = Rc::new(resize);
    let after = Rc::new(after);
    let sizes = Rc::new(RefCell::new(vec![None::<(u32, u32)>; canvases.len()]));
    {
        let (resize, after, sizes) = (Rc::clone(&resize), Rc::clone(&after), Rc::clone(&sizes));
        on_theme_change(move || {
            let known: Vec<_> = sizes.borrow().clone();
            let mut any = false;
            for (i, size) in known.into_iter().enumerate() {
                if let Some((w, h)) = size {
                    any |= resize(i, w, h);
                }
            }
            if any {
                after();
            }
        });
    }
    let targets = canvases.clone();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let mut any = false;
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<ResizeObserverEntry>() else {
                continue;
            };
            let Some(i) = index_of(&targets, &entry.target()) else {
                continue;
            };
            let (w, h) = device_pixel_size(&entry);
            if let Some(size) = sizes.borrow_mut().get_mut(i) {
                *size = Some((w, h));
            }
            any |= resize(i, w, h);
        }
        if any {
            after();
        }
    });
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())?;
    // Observing the device-pixel box also reports a devicePixelRatio change
    // (a window moved to another screen), where the CSS size stays the same.
    let options = ResizeObserverOptions::new();
    options.set_box(ResizeObserverBoxOptions::DevicePixelContentBox);
    let device_box = supports_device_pixel_box();
    for c in &canvases {
        if device_box {
            observer.observe_with_options(c, &options);
        } else {
            observer.observe(c);
        }
    }
    callback.forget();
    Ok(())
}

/// Which of `canvases` an observer entry's `target` is.
fn index_of(canvases: &[HtmlCanvasElement], target: &Element) -> Option<usize> {
    canvases.iter().position(|c| {
        let e: &Element = c.as_ref();
        e == target
    })
}

/// How far beyond the viewport, above and below, a panel counts as near:
/// this fraction of the viewport's height. None: what the reader sees is
/// drawn first, and the panels beyond in the idle periods right after the
/// apply (a few milliseconds each), before a reader can scroll to them.
const NEAR_MARGIN: f64 = 0.0;

/// Keeps each canvas's near-the-viewport flag (`flags[i]` for
/// `canvases[i]`) with an IntersectionObserver, and calls `closer()` when
/// any canvas has come near. Observes for the page's lifetime.
pub fn observe_near(
    canvases: Vec<HtmlCanvasElement>,
    flags: Vec<Rc<Cell<bool>>>,
    closer: impl Fn() + 'static,
) -> Result<(), JsValue> {
    let targets = canvases.clone();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let mut came_near = false;
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                continue;
            };
            if let Some(flag) = index_of(&targets, &entry.target()).and_then(|i| flags.get(i)) {
                let near = entry.is_intersecting();
                came_near |= near && !flag.replace(near);
            }
        }
        if came_near {
            closer();
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(&format!("{}% 0px", NEAR_MARGIN * 100.0));
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)?;
    for c in &canvases {
        observer.observe(c);
    }
    callback.forget();
    Ok(())
}

/// Whether ResizeObserver knows the `device-pixel-content-box` (Chromium,
/// Firefox); elsewhere observing it would throw.
fn supports_device_pixel_box() -> bool {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &JsValue::from_str("ResizeObserverEntry"))
        .and_then(|ctor| js_sys::Reflect::get(&ctor, &JsValue::from_str("prototype")))
        .and_then(|proto| {
            js_sys::Reflect::has(&proto, &JsValue::from_str("devicePixelContentBoxSize"))
        })
        .unwrap_or(false)
}

/// The entry's content box in device pixels: CSS size x devicePixelRatio,
/// or the browser's exact `devicePixelContentBoxSize` (which accounts for
/// how the box is snapped to pixels) when it agrees with that within a pixel.
/// (Chromium's device emulation reports it unscaled: trusting it blindly
/// would draw a DPR-2 chart at half resolution.)
fn device_pixel_size(entry: &ResizeObserverEntry) -> (u32, u32) {
    let r = entry.content_rect();
    let dpr = device_pixel_ratio();
    let (w, h) = (r.width() * dpr, r.height() * dpr);
    let exact = js_sys::Reflect::get(entry, &JsValue::from_str("devicePixelContentBoxSize"))
        .ok()
        .filter(|v| !v.is_undefined())
        .and_then(|_| entry.device_pixel_content_box_size().get(0).dyn_into().ok())
        .map(|size: ResizeObserverSize| (size.inline_size(), size.block_size()))
        .filter(|(ew, eh)| (ew - w).abs() <= 1.0 && (eh - h).abs() <= 1.0);
    let (w, h) = exact.unwrap_or((w, h));
    (w.round().max(0.0) as u32, h.round().max(0.0) as u32)
}
