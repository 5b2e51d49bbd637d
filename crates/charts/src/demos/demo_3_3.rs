//! Demo 3.3 (`demo_3_3`): per step, the forward pdf in blue, the restore with
//! the true posteriors in green and with the fitted Gaussian posteriors in
//! orange (labelled with its JS distance); heat maps of the fitted posteriors.

use crate::{Heatmap, LineChart, PlotColor, Series};

/// The curves of one step; `None` hides a curve (the demo's checkboxes).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FitPanel<'a> {
    /// q(z_t) from the forward pass.
    pub forward: Option<&'a [f64]>,
    /// Restored with the true posteriors, and its legend text.
    pub backward: Option<(&'a [f64], String)>,
    /// Restored with the fitted posteriors, and its legend text.
    pub fitted: Option<(&'a [f64], String)>,
}

/// One step's panel.
pub fn fit_panel<'a>(title: impl Into<String>, x: &'a [f64], panel: FitPanel<'a>) -> LineChart<'a> {
    let mut chart = LineChart::new(title, x);
    if let Some(forward) = panel.forward {
        chart = chart.with_series(Series::new(forward, PlotColor::Blue));
    }
    if let Some((y, label)) = panel.backward {
        chart = chart.with_series(Series::new(y, PlotColor::Green).labelled(label));
    }
    if let Some((y, label)) = panel.fitted {
        chart = chart.with_series(Series::new(y, PlotColor::Orange).labelled(label));
    }
    chart
}

/// A fitted posterior matrix (rows on z_{t-1}): z_t across, z_{t-1} up.
pub fn fitted_posterior_heatmap<'a>(
    title: impl Into<String>,
    posterior: &'a [f64],
    n: usize,
) -> Heatmap<'a> {
    super::posterior_map(title.into(), posterior, n, "", "")
}
