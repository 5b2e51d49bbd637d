//! Demo 3.1 (`demo_3_1`): q(x), q(z_1)..q(z_T) in blue (eight to a row, laid
//! out by the page), N(0,1) in green on the last, and the per-step posterior
//! heat maps q(z_{t-1}|z_t).

use crate::{LineChart, PlotColor, Series};

/// q(x) or one q(z_t), blue; the title carries alpha_t.
pub use super::shared::pdf_plot as forward_pdf;

/// The last q(z_T), blue, with the standard normal in green.
pub fn last_forward_pdf<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    pdf: &'a [f64],
    standard_normal: &'a [f64],
) -> LineChart<'a> {
    forward_pdf(title, x, pdf).with_series(Series::new(standard_normal, PlotColor::Green))
}

/// q(z_{t-1}|z_t) (rows on z_{t-1}): z_t across, z_{t-1} up.
pub use super::shared::step_heatmap as step_posterior_heatmap;
