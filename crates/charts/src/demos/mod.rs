//! One file per demo: the charts each demo shows, with the colours, dash
//! styles, ranges and orientations the article fixes, filled from engine
//! arrays and strings the caller has already translated.
//!
//! Matrices are the engine's layout: row-major `n x n`, row index on x (or
//! z_{t-1}), column index on z (or z_t). Curves are over the shared grid `x`.

pub mod demo_1;
pub mod demo_2;
pub mod demo_3_1;
pub mod demo_3_2;
pub mod demo_3_3;
pub mod demo_4_1;
pub mod demo_4_2;

use crate::heatmap::grid_axis;
use crate::{Axis, Heatmap, LineChart, Orientation, PlotColor, Series};

/// A pdf plot with one blue curve on the default 0..3.2 axis.
pub(crate) fn blue_pdf<'a>(title: String, x: &'a [f64], pdf: &'a [f64]) -> LineChart<'a> {
    LineChart::new(title, x).with_series(Series::new(pdf, PlotColor::Blue))
}

/// A posterior-like matrix: z across, x up (rows on the y axis), with
/// optional axis labels.
pub(crate) fn posterior_map<'a>(
    title: String,
    matrix: &'a [f64],
    n: usize,
    x_label: &str,
    y_label: &str,
) -> Heatmap<'a> {
    Heatmap::new(title, matrix, n, n, Orientation::RowsAlongY)
        .with_axes(labelled(x_label), labelled(y_label))
}

/// The grid axis of a heat map, labelled unless `label` is empty.
pub(crate) fn labelled(label: &str) -> Axis {
    let axis = grid_axis();
    if label.is_empty() {
        axis
    } else {
        axis.with_label(label)
    }
}
