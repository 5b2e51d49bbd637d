//! plotters-canvas's backend with one change: the context's `font`, text
//! baseline and alignment are set only when a label's differ from the ones
//! the context already has (remembered across draws until the canvas is
//! resized, which resets its context). And [`draw_offscreen`]: charts are
//! drawn on canvases outside the document and copied onto the page's.
//!
//! plotters-canvas formats and sets the CSS font before every label, and the
//! browser parses and resolves it each time: in a first apply of demo 3.3
//! the `font` setter took 51 ms, five times as long as drawing the text
//! itself. No library offers the canvas backend without that, so this
//! wrapper hands every call to plotters-canvas but `draw_text`, which is
//! written as plotters-canvas writes it (same baseline, alignment, colour
//! and rotation), so the pixels are the same.

use std::cell::RefCell;
use std::rc::Rc;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas outside the document, its context and text settings.
struct Scratch {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    text: SharedTextState,
}

thread_local! {
    /// Scratch canvases, one per size in use, most recent first.
    static SCRATCH: RefCell<Vec<Scratch>> = const { RefCell::new(Vec::new()) };
}

/// Scratch canvases kept (chain panels, square panels, the big plots and a
/// figure's are the usual sizes).
const POOL: usize = 6;

/// Draws a chart with `draw` on a canvas outside the document, `w x h`
/// device pixels, then copies it onto `target` (a canvas of that size).
///
/// Setting a context's `font` makes Chrome bring the document's style up to
/// date first when the canvas is in the document (it resolves the font
/// against the canvas's computed style). On the expanded article, whose
/// style is often dirty (formulas being typeset, panels opening, readouts
/// written), that cost the live demos' first drawings 30-60 ms in all; a
/// canvas outside the document uses the default style (0.008 ms per font
/// set instead of 0.17 ms with a one-class change pending, measured here). The copy of a small
/// chart's pixels costs far less. `draw` gets the backend and the scratch
/// context (to put a heat map's image on); `None` without a 2D context.
pub(crate) fn draw_offscreen<T>(
    target: &CanvasRenderingContext2d,
    (w, h): (u32, u32),
    draw: impl FnOnce(FontCachedCanvas, &CanvasRenderingContext2d) -> T,
) -> Option<T> {
    let scratch = take_scratch(w, h)?;
    let (fw, fh) = (f64::from(w), f64::from(h));
    scratch.ctx.clear_rect(0.0, 0.0, fw, fh);
    let out = FontCachedCanvas::new(scratch.canvas.clone(), Rc::clone(&scratch.text))
        .map(|backend| draw(backend, &scratch.ctx));
    target.clear_rect(0.0, 0.0, fw, fh);
    let _ = target.draw_image_with_html_canvas_element(&scratch.canvas, 0.0, 0.0);
    SCRATCH.with(|pool| {
        let mut pool = pool.borrow_mut();
        pool.insert(0, scratch);
        pool.truncate(POOL);
    });
    out
}

/// A scratch canvas of `w x h` from the pool, or a new one.
fn take_scratch(w: u32, h: u32) -> Option<Scratch> {
    let found = SCRATCH.with(|pool| {
        let mut pool = pool.borrow_mut();
        let at = pool
            .iter()
            .position(|s| s.canvas.width() == w && s.canvas.height() == h)?;
        Some(pool.remove(at))
    });
    if found.is_some() {
        return found;
    }
    let canvas: HtmlCanvasElement = crate::dom::document()
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    Some(Scratch {
        canvas,
        ctx,
        text: SharedTextState::default(),
    })
}

/// The text settings a canvas's context has, as a [`FontCachedCanvas`]
/// last set them (`None`: unknown). A canvas's owner keeps one across
/// draws and clears it when the canvas is resized.
#[derive(Default)]
pub(crate) struct TextState {
    font: Option<String>,
    baseline: Option<&'static str>,
    align: Option<&'static str>,
}

/// A canvas's [`TextState`], shared between its owner and its backends.
pub(crate) type SharedTextState = Rc<RefCell<TextState>>;

/// A canvas backend that remembers the text settings it last set.
pub(crate) struct FontCachedCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    text: SharedTextState,
}

impl FontCachedCanvas {
    /// The backend for `canvas`, whose context's text settings are `text`;
    /// `None` without a 2D context.
    pub(crate) fn new(canvas: HtmlCanvasElement, text: SharedTextState) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(FontCachedCanvas {
            inner,
            context,
            text,
        })
    }

    /// Applies the settings that differ from `known`; with `keep`, records
    /// them (not inside a save/restore, which undoes them).
    fn set_text(&self, font: String, baseline: &'static str, align: &'static str, keep: bool) {
        let ctx = &self.context;
        let mut known = self.text.borrow_mut();
        if known.baseline != Some(baseline) {
            ctx.set_text_baseline(baseline);
        }
        if known.align != Some(align) {
            ctx.set_text_align(align);
        }
        if known.font.as_deref() != Some(font.as_str()) {
            ctx.set_font(&font);
        }
        if keep {
            *known = TextState {
                font: Some(font),
                baseline: Some(baseline),
                align: Some(align),
            };
        }
    }
}

/// A drawing call the canvas refused (the browser's message).
#[derive(Debug)]
pub(crate) struct CanvasFailed(String);

impl std::fmt::Display for CanvasFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasFailed {}

type Drawn = Result<(), DrawingErrorKind<CanvasFailed>>;

/// plotters-canvas's error as this backend's.
fn cast<E: std::error::Error + Send + Sync>(r: Result<(), DrawingErrorKind<E>>) -> Drawn {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(CanvasFailed(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

fn css_color(color: &BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({},{},{},{})", r, g, b, color.alpha)
}

/// Methods that hand the call to plotters-canvas unchanged.
macro_rules! delegate {
    ($(fn $name:ident [$($g:tt)*] ($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<$($g)*>(&mut self, $($arg: $ty),*) -> Drawn {
            cast(self.inner.$name($($arg),*))
        })*
    };
}

impl DrawingBackend for FontCachedCanvas {
    type ErrorType = CanvasFailed;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    delegate! {
        fn ensure_prepared[]();
        fn present[]();
        fn draw_pixel[](point: BackendCoord, color: BackendColor);
        fn draw_line[S: BackendStyle](from: BackendCoord, to: BackendCoord, style: &S);
        fn draw_rect[S: BackendStyle](upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool);
        fn draw_path[S: BackendStyle, I: IntoIterator<Item = BackendCoord>](path: I, style: &S);
        fn fill_polygon[S: BackendStyle, I: IntoIterator<Item = BackendCoord>](vert: I, style: &S);
        fn draw_circle[S: BackendStyle](center: BackendCoord, radius: u32, style: &S, fill: bool);
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let ctx = &self.context;
        let degrees = match style.transform() {
            FontTransform::None => 0.0_f64,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        let rotated = degrees != 0.0;
        if rotated {
            // What is set inside save/restore is undone by restore, so the
            // remembered settings stay the ones outside.
            ctx.save();
            let _ = ctx.translate(x, y);
            let _ = ctx.rotate(degrees / 180.0 * std::f64::consts::PI);
            (x, y) = (0.0, 0.0);
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        ctx.set_fill_style_str(&css_color(&color));
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        self.set_text(font, baseline, align, !rotated);
        let drawn = ctx.fill_text(text, x, y);
        if rotated {
            ctx.restore();
        }
        drawn.map_err(|e| DrawingErrorKind::DrawingError(CanvasFailed(format!("{e:?}"))))
    }
}
