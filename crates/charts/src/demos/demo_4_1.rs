//! Demo 4.1 (`demo_4_1`): q(x), the posterior heat map, q(z); then two random
//! inputs (orange, green) with div_in and their outputs with div_out.

use crate::{Annotation, LineChart, PlotColor, Series};

/// q(x) or q(z), blue.
pub use super::shared::pdf_plot;

/// q(x|z) (rows on x): z across, x up.
pub use super::shared::posterior_heatmap;

/// The two inputs, orange and green, with `div` (e.g. `div_in=0.4321`) in
/// the upper-left corner.
pub fn inputs_plot<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    inputs: [&'a [f64]; 2],
    div: impl Into<String>,
) -> LineChart<'a> {
    LineChart::new(title, x)
        .with_series(Series::new(inputs[0], PlotColor::Orange))
        .with_series(Series::new(inputs[1], PlotColor::Green))
        .with_annotation(Annotation::new(div))
}

/// The two outputs `Q z res`, as the inputs, with y up to 3.8.
pub fn outputs_plot<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    outputs: [&'a [f64]; 2],
    div: impl Into<String>,
) -> LineChart<'a> {
    inputs_plot(title, x, outputs, div).with_y_max(3.8)
}
