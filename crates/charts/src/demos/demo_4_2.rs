//! Demo 4.2 (`demo_4_2`): panels of q(x) in blue (the converging pdf) and
//! `Q^n z` in green with its JS distance to q(x); heat maps of `Q^n`.

use crate::{Annotation, LineChart, PlotColor, Series};

/// One panel: q(x) and, for n >= 1, `Q^n z` with `div` (e.g. `div=0.0021`)
/// in the upper-left corner. The first panel passes the input as `iterate`.
pub fn converging_panel<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    q_x: &'a [f64],
    iterate: &'a [f64],
    div: Option<String>,
) -> LineChart<'a> {
    let chart = LineChart::new(title, x)
        .with_series(Series::new(q_x, PlotColor::Blue))
        .with_series(Series::new(iterate, PlotColor::Green));
    match div {
        Some(div) => chart.with_annotation(Annotation::new(div)),
        None => chart,
    }
}

/// `Q^n` (rows on x): z across, x up; converged rows show as horizontal bands.
pub use super::shared::posterior_heatmap as power_heatmap;
