//! Demo 3.2 (`demo_3_2`): one panel per step, the forward pdf in blue, the
//! restore from N(0,1) in green and the restore from a noisy tail in red, each
//! restore labelled with its JS distance to the forward pdf.

use crate::{LineChart, PlotColor};

/// The curves of one step; `None` hides a curve (the demo's checkboxes).
/// Labels are formatted and translated by the caller, e.g. `div=0.0012`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RestorePanel<'a> {
    /// q(z_t) from the forward pass.
    pub forward: Option<&'a [f64]>,
    /// Restored from N(0,1), and its legend text.
    pub backward: Option<(&'a [f64], String)>,
    /// Restored from the noisy tail, and its legend text.
    pub noisy: Option<(&'a [f64], String)>,
}

/// One step's panel.
pub fn restore_panel<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    panel: RestorePanel<'a>,
) -> LineChart<'a> {
    let restores = [
        (panel.backward, PlotColor::Green),
        (panel.noisy, PlotColor::Red),
    ];
    super::shared::forward_and_restores(title, x, panel.forward, restores)
}
