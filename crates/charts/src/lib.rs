//! Charts: draws arrays, computes no mathematics.
//!
//! The plotting layer of the diffusion article. Every demo plot is either a
//! [`LineChart`] (pdfs over the 461-point grid) or a [`Heatmap`] (likelihood
//! and posterior matrices, their powers). A chart is a plain struct the
//! caller fills with arrays from the engine and strings it has already
//! translated; drawing it is one call that is generic over the plotters
//! [`DrawingBackend`](plotters::prelude::DrawingBackend), so the same code
//! draws on a canvas in the page (plotters-canvas, in the web crate) and to
//! SVG or PNG natively (the `dpm figure` command, the tests).
//!
//! **Not for:** mathematics (normalising, log scales, JS distances: the
//! engine's), translations (the article's), the DOM or arranging small
//! multiples (the web crate's: each panel is its own chart on its own canvas,
//! laid out by a CSS grid), or timing.
//!
//! Sizes: a chart fills whatever pixel size it is given. Text, line widths and
//! paddings are in CSS pixels times [`RenderOptions::scale`], so a canvas sized
//! `CSS size x devicePixelRatio` with `RenderOptions::canvas(dpr)` is crisp and
//! looks the same at every ratio.
//!
//! Per demo, [`demos`] has one module (`demos::demo_2`, ...) that builds each
//! of its charts with the colours, dashes, ranges and orientations the
//! article fixes, so a web demo is: controls, engine call, `demos::...` call,
//! draw call.
//!
//! On a canvas (web crate, plotters-canvas `CanvasBackend`, no features):
//! - line charts: [`draw_line_chart`]`(&area, &chart, &RenderOptions::canvas(dpr))`;
//! - heat maps: [`draw_heatmap_with`], which hands the caller the plot
//!   rectangle so it puts the [`rasterize_rgba`] image with one
//!   `putImageData` (plotters-canvas would otherwise draw it pixel by pixel).
//!
//! Cargo features (native only; the web crate enables none, keeping the wasm
//! bundle to plotters and this crate):
//! - `svg`: `line_chart_svg`, `heatmap_svg`, `svg_grid`: standalone SVG
//!   documents.
//! - `png`: `svg_to_png`: the SVG
//!   rasterised by resvg, with DejaVu Sans embedded (`fonts/`), so no system
//!   font lookup can fail. resvg rather than plotters' bitmap backend because
//!   it anti-aliases curves like the browser does and needs no second font
//!   path; only Latin, Greek and symbols have glyphs, so use SVG for Chinese
//!   figures.

pub mod demos;
mod draw;
pub mod figures;
mod heatmap;
mod layout;
mod line_chart;
mod marks;
mod style;
mod viridis;

#[cfg(feature = "png")]
mod png;
#[cfg(feature = "svg")]
mod svg;

pub use heatmap::{
    draw_heatmap, draw_heatmap_with, rasterize_rgba, Heatmap, Orientation, ValueRange,
};
pub use layout::{Axis, PlotRect, Ticks};
pub use line_chart::{draw_line_chart, LineChart, Series};
pub use marks::{Annotation, Corner, HAlign, Ink, Mark, VLine};
pub use style::{LineStyle, Palette, PlotColor, RenderOptions, TextUnits, Theme};
pub use viridis::{viridis, VIRIDIS};

#[cfg(feature = "png")]
pub use png::svg_to_png;
#[cfg(feature = "svg")]
pub use svg::{heatmap_svg, line_chart_svg, merge_strokes, svg_grid};

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChartError {
    /// The chart description is inconsistent (lengths, ranges).
    Spec(String),
    /// The drawing backend failed (or a caller's callback did).
    Backend(String),
    /// Encoding or rasterising a file failed.
    Encode(String),
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChartError::Spec(m) => write!(f, "invalid chart: {m}"),
            ChartError::Backend(m) => write!(f, "drawing failed: {m}"),
            ChartError::Encode(m) => write!(f, "encoding failed: {m}"),
        }
    }
}

impl std::error::Error for ChartError {}
