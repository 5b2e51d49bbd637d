//! Drawing shared by every chart: primitives (lines, boxes, text) here, the
//! frame in `frame`, curves and marker lines in `curves`, legends in
//! `legend`. Coordinates are pixels relative to the drawing area;
//! `PlotRect`s handed to callers are absolute.

mod curves;
mod frame;
mod legend;

pub(crate) use curves::{draw_vline, stroke_paths, stroke_runs, visible_runs};
pub(crate) use frame::{draw_grid, Frame};
pub(crate) use legend::{draw_legend_and_annotations, LegendEntry};

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind};
use plotters::element::{Drawable, PointCollection, Rectangle};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, FontTransform, IntoFont, RGBColor, ShapeStyle, TextStyle};
use plotters_backend::{BackendCoord, DrawingErrorKind};

use crate::layout::{Axis, PlotRect};
use crate::style::Metrics;
use crate::ChartError;

pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

pub(crate) fn area_error<E: std::error::Error + Send + Sync>(
    e: DrawingAreaErrorKind<E>,
) -> ChartError {
    ChartError::Backend(e.to_string())
}

/// Maps data coordinates to area pixels for one plot rectangle (area-relative).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mapping {
    pub rect: PlotRect,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
}

impl Mapping {
    pub fn new(rect: PlotRect, x: &Axis, y: &Axis) -> Self {
        Mapping {
            rect,
            x_min: x.min,
            x_max: x.max,
            y_min: y.min,
            y_max: y.max,
        }
    }

    pub fn x(&self, v: f64) -> f64 {
        f64::from(self.rect.x)
            + (v - self.x_min) / (self.x_max - self.x_min) * f64::from(self.rect.width)
    }

    pub fn y(&self, v: f64) -> f64 {
        f64::from(self.rect.bottom())
            - (v - self.y_min) / (self.y_max - self.y_min) * f64::from(self.rect.height)
    }

    /// The plot rectangle as `(left, top, right, bottom)`.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        (
            f64::from(self.rect.x),
            f64::from(self.rect.y),
            f64::from(self.rect.right()),
            f64::from(self.rect.bottom()),
        )
    }
}

/// `rect` (relative to `area`) in absolute backend pixels.
pub(crate) fn absolute<DB: DrawingBackend>(area: &Area<DB>, rect: PlotRect) -> PlotRect {
    let (bx, by) = area.get_base_pixel();
    PlotRect {
        x: rect.x + bx,
        y: rect.y + by,
        ..rect
    }
}

/// An element plotters hands straight to one backend call.
pub(crate) enum Direct<'b> {
    /// A straight line through the backend's `draw_line`, which
    /// plotters-canvas snaps to half pixels so axis lines stay crisp (a
    /// two-point `PathElement` would be blurred).
    Line {
        ends: [(i32, i32); 2],
        style: ShapeStyle,
    },
    /// An RGB image put with one `blit_bitmap` call at its top-left corner.
    Image {
        top_left: (i32, i32),
        size: (u32, u32),
        rgb: &'b [u8],
    },
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a Direct<'_> {
    type Point = &'a (i32, i32);
    type IntoIter = &'a [(i32, i32)];
    fn point_iter(self) -> Self::IntoIter {
        match self {
            Direct::Line { ends, .. } => ends,
            Direct::Image { top_left, .. } => std::slice::from_ref(top_left),
        }
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Direct<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match (self, points.next(), points.next()) {
            (Direct::Line { style, .. }, Some(from), Some(to)) => {
                backend.draw_line(from, to, style)
            }
            (Direct::Image { size, rgb, .. }, Some(pos), _) => backend.blit_bitmap(pos, *size, rgb),
            _ => Ok(()),
        }
    }
}

/// A point rounded to whole pixels.
pub(crate) fn p(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

pub(crate) fn line<DB: DrawingBackend>(
    area: &Area<DB>,
    from: (f64, f64),
    to: (f64, f64),
    color: RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    area.draw(&Direct::Line {
        ends: [p(from.0, from.1), p(to.0, to.1)],
        style: color.stroke_width(width),
    })
    .map_err(area_error)
}

/// A rectangle from corner `a` to corner `b`, filled or stroked by `style`.
pub(crate) fn rect<DB: DrawingBackend>(
    area: &Area<DB>,
    a: (f64, f64),
    b: (f64, f64),
    style: ShapeStyle,
) -> Result<(), ChartError> {
    area.draw(&Rectangle::new([p(a.0, a.1), p(b.0, b.1)], style))
        .map_err(area_error)
}

/// How a piece of text is set: size in backend pixels, anchor, colour.
pub(crate) struct TextSpec {
    pub px: f64,
    pub h: HPos,
    pub v: VPos,
    /// `None`: the theme's text colour.
    pub color: Option<RGBColor>,
    /// Reads bottom to top.
    pub rotated: bool,
    pub bold: bool,
}

impl TextSpec {
    /// Ordinary text colour, upright, regular weight.
    pub fn new(px: f64, h: HPos, v: VPos) -> Self {
        TextSpec {
            px,
            h,
            v,
            color: None,
            rotated: false,
            bold: false,
        }
    }
}

/// `s` anchored at `at`; empty text draws nothing.
pub(crate) fn text<DB: DrawingBackend>(
    area: &Area<DB>,
    s: &str,
    at: (f64, f64),
    spec: &TextSpec,
    m: &Metrics,
) -> Result<(), ChartError> {
    if s.is_empty() {
        return Ok(());
    }
    let font = ("sans-serif", m.font_size(spec.px)).into_font();
    let font = if spec.bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    let color = spec.color.unwrap_or_else(|| m.palette.text());
    let mut style = TextStyle::from(font)
        .color(&color)
        .pos(Pos::new(spec.h, spec.v));
    if spec.rotated {
        style = style.transform(FontTransform::Rotate270);
    }
    area.draw_text(s, &style, p(at.0, at.1)).map_err(area_error)
}

pub(crate) fn fill_background<DB: DrawingBackend>(
    area: &Area<DB>,
    m: &Metrics,
) -> Result<(), ChartError> {
    area.fill(&m.palette.background()).map_err(area_error)
}
