//! Demo 3.3 (`demo_3_3`): per step, the forward pdf in blue, the restore with
//! the true posteriors in green and with the fitted Gaussian posteriors in
//! orange (labelled with its JS distance); heat maps of the fitted posteriors.

use crate::{LineChart, PlotColor};

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
    let restores = [
        (panel.backward, PlotColor::Green),
        (panel.fitted, PlotColor::Orange),
    ];
    super::shared::forward_and_restores(title, x, panel.forward, restores)
}

/// A fitted posterior matrix (rows on z_{t-1}): z_t across, z_{t-1} up.
pub use super::shared::step_heatmap as fitted_posterior_heatmap;
