//! Demo 2 (`demo_2`): q(x), q(z), the likelihood and posterior heat maps, and
//! the posterior at a fixed z against q(x) and GaussFun.

use super::shared::{labelled, posterior_heatmap as zx_map};
use crate::{Heatmap, LineChart, Orientation, PlotColor, Series, VLine};

/// q(x), blue.
pub use super::shared::pdf_plot as q_x_plot;

/// q(z), blue.
pub use super::shared::pdf_plot as q_z_plot;

/// q(z|x) (engine layout, rows on x) with x across and z up.
pub fn likelihood_heatmap<'a>(
    title: impl Into<String>,
    likelihood: &'a [f64],
    n: usize,
) -> Heatmap<'a> {
    Heatmap::new(title, likelihood, n, n, Orientation::RowsAlongX)
        .with_axes(labelled("x"), labelled("z"))
}

/// q(x|z) (rows on x) with z across, x up, and an orange line at the chosen z.
pub fn posterior_heatmap<'a>(
    title: impl Into<String>,
    posterior: &'a [f64],
    n: usize,
    z: f64,
) -> Heatmap<'a> {
    zx_map(title, posterior, n).with_marker(VLine::at(z))
}

/// Legend texts of the fixed-condition plot, translated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedConditionLabels {
    /// For GaussFun (eq. 3.4).
    pub gauss_fun: String,
    /// For q(x).
    pub q_x: String,
    /// For q(x|z=fixed).
    pub posterior: String,
}

/// "Posterior with fixed condition": GaussFun green dashed, q(x) blue dashed,
/// q(x|z) orange solid, y from 0 to 5.
pub fn posterior_fixed_condition<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    gauss_fun: &'a [f64],
    q_x: &'a [f64],
    posterior: &'a [f64],
    labels: FixedConditionLabels,
) -> LineChart<'a> {
    LineChart::new(title, x)
        .with_y_max(5.0)
        .with_series(
            Series::new(gauss_fun, PlotColor::Green)
                .dashed()
                .labelled(labels.gauss_fun),
        )
        .with_series(
            Series::new(q_x, PlotColor::Blue)
                .dashed()
                .labelled(labels.q_x),
        )
        .with_series(Series::new(posterior, PlotColor::Orange).labelled(labels.posterior))
}
