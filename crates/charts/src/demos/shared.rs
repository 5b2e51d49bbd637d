//! The charts several demos show alike, re-exported under each demo's names.

use crate::heatmap::grid_axis;
use crate::{Heatmap, LineChart, Orientation, PlotColor, Series};

/// A pdf plot: one blue curve on the default 0..3.2 axis.
pub fn pdf_plot<'a>(title: impl Into<String>, x: &'a [f64], pdf: &'a [f64]) -> LineChart<'a> {
    LineChart::new(title, x).with_series(Series::new(pdf, PlotColor::Blue))
}

/// A posterior-like matrix (rows on x): z across, x up, axes labelled.
pub fn posterior_heatmap<'a>(title: impl Into<String>, matrix: &'a [f64], n: usize) -> Heatmap<'a> {
    square_map(title, matrix, n, "z", "x")
}

/// A step's posterior-like matrix (rows on z_{t-1}): z_t across, z_{t-1}
/// up, axes unlabelled (the panels are small).
pub fn step_heatmap<'a>(title: impl Into<String>, matrix: &'a [f64], n: usize) -> Heatmap<'a> {
    square_map(title, matrix, n, "", "")
}

/// Rows along y (z across, x up) over the grid, axes labelled unless a
/// label is empty.
pub(super) fn square_map<'a>(
    title: impl Into<String>,
    matrix: &'a [f64],
    n: usize,
    x_label: &str,
    y_label: &str,
) -> Heatmap<'a> {
    Heatmap::new(title, matrix, n, n, Orientation::RowsAlongY)
        .with_axes(labelled(x_label), labelled(y_label))
}

/// The grid axis of a heat map, labelled unless `label` is empty.
pub(super) fn labelled(label: &str) -> crate::Axis {
    grid_axis().with_label_if_any(label)
}

/// A curve the page may hide, with its legend text.
pub(super) type Labelled<'a> = Option<(&'a [f64], String)>;

/// The forward pdf in blue and two restores in their colours with their
/// legend texts; `None` hides a curve (the demos' checkboxes).
pub(super) fn forward_and_restores<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    forward: Option<&'a [f64]>,
    restores: [(Labelled<'a>, PlotColor); 2],
) -> LineChart<'a> {
    let mut chart = LineChart::new(title, x);
    if let Some(forward) = forward {
        chart = chart.with_series(Series::new(forward, PlotColor::Blue));
    }
    for (restore, color) in restores {
        if let Some((y, label)) = restore {
            chart = chart.with_series(Series::new(y, color).labelled(label));
        }
    }
    chart
}
