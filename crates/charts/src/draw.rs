//! Drawing shared by every chart: the frame (title, spines, ticks, grid),
//! clipped curves, marker lines, legends. Coordinates here are pixels
//! relative to the drawing area; `PlotRect`s handed to callers are absolute.

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind};
use plotters::element::{Drawable, PathElement, PointCollection, Rectangle};
use plotters::prelude::{DashedLineSeries, DrawingBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontTransform, IntoFont, RGBColor, ShapeStyle, TextStyle};
use plotters_backend::{BackendCoord, DrawingErrorKind};

use crate::layout::{text_width, Axis, Layout, PlotRect};
use crate::marks::{Annotation, Corner, VLine};
use crate::style::{furniture, LineStyle, Metrics, PlotColor};
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

    fn bounds(&self) -> (f64, f64, f64, f64) {
        (
            f64::from(self.rect.x),
            f64::from(self.rect.y),
            f64::from(self.rect.right()),
            f64::from(self.rect.bottom()),
        )
    }
}

/// A straight line drawn with the backend's `draw_line`, which plotters-canvas
/// snaps to half pixels so axis lines stay crisp (a two-point `PathElement`
/// would be blurred).
struct Segment {
    ends: [(i32, i32); 2],
    style: ShapeStyle,
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a Segment {
    type Point = &'a (i32, i32);
    type IntoIter = &'a [(i32, i32)];
    fn point_iter(self) -> Self::IntoIter {
        &self.ends
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Segment {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match (points.next(), points.next()) {
            (Some(from), Some(to)) => backend.draw_line(from, to, &self.style),
            _ => Ok(()),
        }
    }
}

/// An RGB image put with one `blit_bitmap` call at its top-left corner.
pub(crate) struct RgbImage<'b> {
    pub top_left: (i32, i32),
    pub size: (u32, u32),
    pub rgb: &'b [u8],
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a RgbImage<'_> {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Once<&'a (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.top_left)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for RgbImage<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(pos) => backend.blit_bitmap(pos, self.size, self.rgb),
            None => Ok(()),
        }
    }
}

fn p(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

pub(crate) fn line<DB: DrawingBackend>(
    area: &Area<DB>,
    from: (f64, f64),
    to: (f64, f64),
    color: RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    area.draw(&Segment {
        ends: [p(from.0, from.1), p(to.0, to.1)],
        style: color.stroke_width(width),
    })
    .map_err(area_error)
}

pub(crate) struct TextSpec {
    pub px: f64,
    pub h: HPos,
    pub v: VPos,
    pub color: RGBColor,
    pub rotated: bool,
}

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
    let mut style = TextStyle::from(("sans-serif", m.font_size(spec.px)).into_font())
        .color(&spec.color)
        .pos(Pos::new(spec.h, spec.v));
    if spec.rotated {
        style = style.transform(FontTransform::Rotate270);
    }
    area.draw_text(s, &style, p(at.0, at.1)).map_err(area_error)
}

pub(crate) fn fill_background<DB: DrawingBackend>(area: &Area<DB>) -> Result<(), ChartError> {
    area.fill(&furniture::BACKGROUND).map_err(area_error)
}

/// Light grid lines at the major ticks, drawn under the data.
pub(crate) fn draw_grid<DB: DrawingBackend>(
    area: &Area<DB>,
    map: &Mapping,
    layout: &Layout,
    m: &Metrics,
) -> Result<(), ChartError> {
    let (x0, y0, x1, y1) = map.bounds();
    for (v, _) in &layout.x_ticks {
        let x = map.x(*v);
        line(area, (x, y0), (x, y1), furniture::GRID, m.grid_width)?;
    }
    for (v, _) in &layout.y_ticks {
        let y = map.y(*v);
        line(area, (x0, y), (x1, y), furniture::GRID, m.grid_width)?;
    }
    Ok(())
}

/// Spines, outward ticks, tick labels, axis labels and the title.
pub(crate) fn draw_frame<DB: DrawingBackend>(
    area: &Area<DB>,
    map: &Mapping,
    layout: &Layout,
    axes: (&Axis, &Axis),
    title: &str,
    m: &Metrics,
) -> Result<(), ChartError> {
    let (x_axis, y_axis) = axes;
    let (x0, y0, x1, y1) = map.bounds();
    let w = m.axis_width;
    let spine = furniture::SPINE;
    line(area, (x0, y0), (x1, y0), spine, w)?;
    line(area, (x0, y1), (x1, y1), spine, w)?;
    line(area, (x0, y0), (x0, y1), spine, w)?;
    line(area, (x1, y0), (x1, y1), spine, w)?;

    let label = |h, v| TextSpec {
        px: m.font,
        h,
        v,
        color: furniture::TEXT,
        rotated: false,
    };
    for (v, s) in &layout.x_ticks {
        let x = map.x(*v);
        line(area, (x, y1), (x, y1 + m.major_tick), spine, w)?;
        let at = (x, y1 + m.major_tick + m.gap * 0.75);
        text(area, s, at, &label(HPos::Center, VPos::Top), m)?;
    }
    for v in x_axis.minor_ticks(&layout.x_ticks) {
        let x = map.x(v);
        line(area, (x, y1), (x, y1 + m.minor_tick), spine, w)?;
    }
    let mut widest_y_label: f64 = 0.0;
    for (v, s) in &layout.y_ticks {
        let y = map.y(*v);
        line(area, (x0 - m.major_tick, y), (x0, y), spine, w)?;
        let at = (x0 - m.major_tick - m.gap, y);
        text(area, s, at, &label(HPos::Right, VPos::Center), m)?;
        widest_y_label = widest_y_label.max(text_width(s, m.font));
    }
    for v in y_axis.minor_ticks(&layout.y_ticks) {
        let y = map.y(v);
        line(area, (x0 - m.minor_tick, y), (x0, y), spine, w)?;
    }

    if let Some(s) = &x_axis.label {
        let below_ticks = if layout.x_ticks.is_empty() {
            0.0
        } else {
            m.major_tick + m.gap * 0.75 + m.font * 1.25
        };
        let at = ((x0 + x1) / 2.0, y1 + below_ticks + m.gap);
        let spec = TextSpec {
            px: m.label_font,
            ..label(HPos::Center, VPos::Top)
        };
        text(area, s, at, &spec, m)?;
    }
    if let Some(s) = &y_axis.label {
        let beside_ticks = if layout.y_ticks.is_empty() {
            0.0
        } else {
            m.major_tick + m.gap + widest_y_label
        };
        let at = (
            x0 - beside_ticks - m.gap - m.label_font * 0.625,
            (y0 + y1) / 2.0,
        );
        let spec = TextSpec {
            px: m.label_font,
            rotated: true,
            ..label(HPos::Center, VPos::Center)
        };
        text(area, s, at, &spec, m)?;
    }
    if !title.is_empty() {
        let spec = TextSpec {
            px: m.title_font,
            ..label(HPos::Center, VPos::Bottom)
        };
        text(area, title, ((x0 + x1) / 2.0, y0 - m.gap), &spec, m)?;
    }
    Ok(())
}

/// Liang-Barsky: the part of segment `a`-`b` inside the rectangle, if any.
fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    (x0, y0, x1, y1): (f64, f64, f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// The visible pieces of a curve: points are mapped to pixels, non-finite
/// values break the curve, and it is clipped to the plot area as matplotlib
/// clips to the axes.
pub(crate) fn visible_runs(map: &Mapping, xs: &[f64], ys: &[f64]) -> Vec<Vec<(i32, i32)>> {
    let bounds = map.bounds();
    let mut runs: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut current: Vec<(i32, i32)> = Vec::new();
    let mut previous: Option<(f64, f64)> = None;
    let mut flush = |current: &mut Vec<(i32, i32)>| {
        if current.len() > 1 {
            runs.push(std::mem::take(current));
        } else {
            current.clear();
        }
    };
    for (&x, &y) in xs.iter().zip(ys) {
        if !(x.is_finite() && y.is_finite()) {
            flush(&mut current);
            previous = None;
            continue;
        }
        let here = (map.x(x), map.y(y));
        if let Some(before) = previous {
            match clip_segment(before, here, bounds) {
                Some((a, b)) => {
                    let (a, b) = (p(a.0, a.1), p(b.0, b.1));
                    if current.last() != Some(&a) {
                        flush(&mut current);
                        current.push(a);
                    }
                    if current.last() != Some(&b) {
                        current.push(b);
                    }
                    // Left the plot area: the next visible piece is a new run.
                    if b != p(here.0, here.1) {
                        flush(&mut current);
                    }
                }
                None => flush(&mut current),
            }
        }
        previous = Some(here);
    }
    flush(&mut current);
    runs
}

pub(crate) fn stroke_runs<DB: DrawingBackend>(
    area: &Area<DB>,
    runs: Vec<Vec<(i32, i32)>>,
    color: PlotColor,
    style: LineStyle,
    m: &Metrics,
) -> Result<(), ChartError> {
    let shape = color.plotters().stroke_width(m.series_width);
    for run in runs {
        match style {
            LineStyle::Solid => area
                .draw(&PathElement::new(run, shape))
                .map_err(area_error)?,
            LineStyle::Dashed => {
                for dashes in DashedLineSeries::new(run, m.dash_on, m.dash_off, shape) {
                    area.draw(&dashes).map_err(area_error)?;
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn draw_vline<DB: DrawingBackend>(
    area: &Area<DB>,
    map: &Mapping,
    marker: &VLine,
    m: &Metrics,
) -> Result<(), ChartError> {
    let x = map.x(marker.x);
    let (x0, y0, x1, y1) = map.bounds();
    if !(x.is_finite() && x >= x0 && x <= x1) {
        return Ok(());
    }
    let run = vec![p(x, y0), p(x, y1)];
    match marker.style {
        LineStyle::Solid => line(
            area,
            (x, y0),
            (x, y1),
            marker.color.plotters(),
            m.series_width,
        ),
        LineStyle::Dashed => stroke_runs(area, vec![run], marker.color, marker.style, m),
    }
}

/// One row of a legend.
pub(crate) struct LegendEntry<'s> {
    pub label: &'s str,
    pub color: PlotColor,
    pub style: LineStyle,
}

/// The legend (in `legend_corner`) and the annotations, stacked per corner.
pub(crate) fn draw_legend_and_annotations<DB: DrawingBackend>(
    area: &Area<DB>,
    map: &Mapping,
    entries: &[LegendEntry<'_>],
    legend_corner: Corner,
    annotations: &[Annotation],
    m: &Metrics,
) -> Result<(), ChartError> {
    let (x0, y0, x1, y1) = map.bounds();
    let inset = m.gap * 1.5;
    let row = m.font * 1.35;
    let pad = m.font * 0.45;
    let sample = m.font * 2.0;
    // Space already used per corner: stacks grow down from an upper corner
    // and up from a lower one.
    let mut used = [0.0f64; 4];
    let mut take = |corner: Corner, height: f64| -> f64 {
        let slot = corner as usize;
        let top = if corner.is_upper() {
            y0 + inset + used[slot]
        } else {
            y1 - inset - used[slot] - height
        };
        used[slot] += height + m.gap;
        top
    };

    if !entries.is_empty() {
        let label_w = entries
            .iter()
            .map(|e| text_width(e.label, m.font))
            .fold(0.0, f64::max);
        let box_w = pad + sample + pad + label_w + pad;
        let box_h = pad + row * entries.len() as f64 + pad * 0.5;
        let top = take(legend_corner, box_h);
        let left = if legend_corner.is_right() {
            x1 - inset - box_w
        } else {
            x0 + inset
        };
        draw_box(area, (left, top), (box_w, box_h), m)?;
        for (i, entry) in entries.iter().enumerate() {
            let cy = top + pad + row * (i as f64 + 0.5);
            let sx = left + pad;
            let run = vec![p(sx, cy), p(sx + sample, cy)];
            stroke_runs(area, vec![run], entry.color, entry.style, m)?;
            let spec = TextSpec {
                px: m.font,
                h: HPos::Left,
                v: VPos::Center,
                color: furniture::TEXT,
                rotated: false,
            };
            text(area, entry.label, (sx + sample + pad, cy), &spec, m)?;
        }
    }

    for a in annotations {
        let w = text_width(&a.text, m.font) + 2.0 * pad;
        let h = row + pad * 0.5;
        let top = take(a.corner, h);
        let left = if a.corner.is_right() {
            x1 - inset - w
        } else {
            x0 + inset
        };
        draw_box(area, (left, top), (w, h), m)?;
        let spec = TextSpec {
            px: m.font,
            h: HPos::Left,
            v: VPos::Center,
            color: a.color.map_or(furniture::TEXT, PlotColor::plotters),
            rotated: false,
        };
        text(area, &a.text, (left + pad, top + h / 2.0), &spec, m)?;
    }
    Ok(())
}

/// A translucent white box with a light edge, as matplotlib's legend frame.
fn draw_box<DB: DrawingBackend>(
    area: &Area<DB>,
    (left, top): (f64, f64),
    (w, h): (f64, f64),
    m: &Metrics,
) -> Result<(), ChartError> {
    let (a, b) = (p(left, top), p(left + w, top + h));
    area.draw(&Rectangle::new(
        [a, b],
        furniture::BACKGROUND.mix(0.8).filled(),
    ))
    .map_err(area_error)?;
    area.draw(&Rectangle::new(
        [a, b],
        furniture::LEGEND_EDGE.stroke_width(m.grid_width),
    ))
    .map_err(area_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_inside_and_cuts_crossings() {
        let r = (0.0, 0.0, 10.0, 10.0);
        assert_eq!(
            clip_segment((1.0, 1.0), (2.0, 2.0), r),
            Some(((1.0, 1.0), (2.0, 2.0)))
        );
        assert_eq!(
            clip_segment((5.0, 5.0), (5.0, -5.0), r),
            Some(((5.0, 5.0), (5.0, 0.0)))
        );
        assert_eq!(clip_segment((-1.0, -1.0), (-2.0, 5.0), r), None);
    }
}
