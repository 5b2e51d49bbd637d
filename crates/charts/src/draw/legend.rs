//! Legends and corner annotations, stacked per corner of the plot area in
//! translucent boxes as matplotlib's legend frame.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::{p, rect, stroke_runs, text, Area, Mapping, TextSpec};
use crate::layout::text_width;
use crate::marks::{Annotation, Corner};
use crate::style::{LineStyle, Metrics, PlotColor};
use crate::ChartError;

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
    // The top-left of a `w x h` box stacked into `corner`.
    let mut place = |corner: Corner, (w, h): (f64, f64)| -> (f64, f64) {
        let slot = corner as usize;
        let top = if corner.is_upper() {
            y0 + inset + used[slot]
        } else {
            y1 - inset - used[slot] - h
        };
        used[slot] += h + m.gap;
        let left = if corner.is_right() {
            x1 - inset - w
        } else {
            x0 + inset
        };
        (left, top)
    };

    if !entries.is_empty() {
        let label_w = entries
            .iter()
            .map(|e| text_width(e.label, m.font))
            .fold(0.0, f64::max);
        let size = (
            pad + sample + pad + label_w + pad,
            pad + row * entries.len() as f64 + pad * 0.5,
        );
        let (left, top) = place(legend_corner, size);
        draw_box(area, (left, top), size, m)?;
        for (i, entry) in entries.iter().enumerate() {
            let cy = top + pad + row * (i as f64 + 0.5);
            let sx = left + pad;
            let run = vec![p(sx, cy), p(sx + sample, cy)];
            stroke_runs(area, vec![run], entry.color, entry.style, m)?;
            let spec = TextSpec::new(m.font, HPos::Left, VPos::Center);
            text(area, entry.label, (sx + sample + pad, cy), &spec, m)?;
        }
    }

    for a in annotations {
        let size = (text_width(&a.text, m.font) + 2.0 * pad, row + pad * 0.5);
        let (left, top) = place(a.corner, size);
        draw_box(area, (left, top), size, m)?;
        let spec = TextSpec {
            color: a.color.map(|c| m.palette.plot(c)),
            ..TextSpec::new(m.font, HPos::Left, VPos::Center)
        };
        text(area, &a.text, (left + pad, top + size.1 / 2.0), &spec, m)?;
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
    let (a, b) = ((left, top), (left + w, top + h));
    rect(area, a, b, m.palette.background().mix(0.8).filled())?;
    rect(
        area,
        a,
        b,
        m.palette.legend_edge().stroke_width(m.grid_width),
    )
}
