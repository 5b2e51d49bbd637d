//! Curves: clipped to the plot area as matplotlib clips to the axes, broken
//! at non-finite values, stroked solid or dashed; and vertical marker lines.

use plotters::element::PathElement;
use plotters::prelude::{DashedLineSeries, DrawingBackend};
use plotters::style::Color;

use super::{area_error, line, p, Area, Mapping};
use crate::marks::VLine;
use crate::style::{LineStyle, Metrics, PlotColor};
use crate::ChartError;

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
    stroke_paths(area, runs, m.palette.plot(color), m.series_width, style, m)
}

/// Each run as one path of `color` and `width`, solid or dashed at the
/// chart's dash lengths.
pub(crate) fn stroke_paths<DB: DrawingBackend>(
    area: &Area<DB>,
    runs: Vec<Vec<(i32, i32)>>,
    color: plotters::style::RGBColor,
    width: u32,
    style: LineStyle,
    m: &Metrics,
) -> Result<(), ChartError> {
    let shape = color.stroke_width(width);
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
            m.palette.plot(marker.color),
            m.series_width,
        ),
        LineStyle::Dashed => stroke_runs(area, vec![run], marker.color, marker.style, m),
    }
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
