//! A heat-map panel: the heat map (with its marks) in the left part of the
//! area and, for a log scale, a colour bar in a strip at the right.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use crate::draw::{self, Area, TextSpec};
use crate::heatmap::{draw_heatmap_with, Heatmap};
use crate::layout::{text_width, Axis, PlotRect};
use crate::style::{Metrics, RenderOptions};
use crate::viridis::VIRIDIS;
use crate::ChartError;

/// A vertical colour bar beside a heat map: the colour map from `min` to
/// `max` with ticks and a label.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorBar {
    pub min: f64,
    pub max: f64,
    /// Read bottom to top beside the ticks, already translated.
    pub label: String,
}

/// `map` in the left part of `area` and `colorbar` in a strip at the right.
pub(super) fn draw_heat<DB: DrawingBackend>(
    area: &Area<DB>,
    map: &Heatmap<'_>,
    colorbar: Option<&ColorBar>,
    opts: &RenderOptions,
    put_cells: impl FnOnce(PlotRect) -> Result<(), ChartError>,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let m = Metrics::new(opts, (w, h));
    let bar_w = match colorbar {
        Some(_) => ((m.font * 6.4).round() as u32).min(w / 3),
        None => 0,
    };
    let (main, side) = area.split_horizontally(w - bar_w);
    if bar_w > 0 {
        draw::fill_background(&side, &m)?;
    }
    let rect = draw_heatmap_with(&main, map, opts, put_cells)?;
    if let Some(bar) = colorbar {
        let mm = Metrics::new(opts, main.dim_in_pixel());
        let (_, sy) = side.get_base_pixel();
        draw_colorbar(&side, bar, (rect.y - sy, rect.bottom() - sy), &mm)?;
    }
    Ok(())
}

/// The bar between pixel rows `top` and `bottom` of `side`, its ticks and
/// label.
fn draw_colorbar<DB: DrawingBackend>(
    side: &Area<DB>,
    bar: &ColorBar,
    (top, bottom): (i32, i32),
    m: &Metrics,
) -> Result<(), ChartError> {
    if !(bar.min.is_finite() && bar.max.is_finite() && bar.max > bar.min) || bottom <= top {
        return Ok(());
    }
    let x0 = m.gap;
    let x1 = x0 + m.font * 1.1;
    let (t, b) = (f64::from(top), f64::from(bottom));
    const STEPS: usize = 64;
    for k in 0..STEPS {
        let y0 = b - (b - t) * k as f64 / STEPS as f64;
        let y1 = b - (b - t) * (k + 1) as f64 / STEPS as f64;
        let c = VIRIDIS[((k as f64 + 0.5) / STEPS as f64 * 256.0).floor().min(255.0) as usize];
        // Each band overlaps the one below by a pixel: no seams when scaled.
        let fill = RGBColor(c[0], c[1], c[2]).filled();
        draw::rect(side, (x0, y1), (x1, (y0 + 1.0).min(b)), fill)?;
    }
    let spine = m.palette.spine();
    draw::rect(side, (x0, t), (x1, b), spine.stroke_width(m.axis_width))?;
    let axis = Axis::new(bar.min, bar.max);
    let ticks = axis.major_ticks(((b - t) / (2.6 * m.font)).floor().clamp(2.0, 8.0) as usize);
    let mut widest: f64 = 0.0;
    for (v, s) in &ticks {
        let y = b - (v - bar.min) / (bar.max - bar.min) * (b - t);
        draw::line(side, (x1, y), (x1 + m.major_tick, y), spine, m.axis_width)?;
        let spec = TextSpec::new(m.font, HPos::Left, VPos::Center);
        draw::text(side, s, (x1 + m.major_tick + m.gap * 0.5, y), &spec, m)?;
        widest = widest.max(text_width(s, m.font));
    }
    let spec = TextSpec {
        rotated: true,
        ..TextSpec::new(m.font, HPos::Center, VPos::Center)
    };
    let x = x1 + m.major_tick + m.gap + widest + m.font * 0.8;
    draw::text(side, &bar.label, (x, (t + b) / 2.0), &spec, m)
}
