//! Demo 4.1 (`demo_4_1`): q(x), the posterior heat map, q(z); then two random
//! inputs (orange, green) with div_in and their outputs with div_out.

use crate::{Annotation, Heatmap, LineChart, PlotColor, Series};

/// q(x) or q(z), blue.
pub fn pdf_plot<'a>(title: impl Into<String>, x: &'a [f64], pdf: &'a [f64]) -> LineChart<'a> {
    super::blue_pdf(title.into(), x, pdf)
}

/// q(x|z) (rows on x): z across, x up.
pub fn posterior_heatmap<'a>(
    title: impl Into<String>,
    posterior: &'a [f64],
    n: usize,
) -> Heatmap<'a> {
    super::posterior_map(title.into(), posterior, n, "z", "x")
}

/// The two inputs, orange and green, with `div` (e.g. `div_in=0.4321`) in
/// the upper-left corner.
pub fn inputs_plot<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    inputs: [&'a [f64]; 2],
    div: impl Into<String>,
) -> LineChart<'a> {
    pair(title.into(), x, inputs, div.into())
}

/// The two outputs `Q z res`, as the inputs, with y up to 3.8.
pub fn outputs_plot<'a>(
    title: impl Into<String>,
    x: &'a [f64],
    outputs: [&'a [f64]; 2],
    div: impl Into<String>,
) -> LineChart<'a> {
    pair(title.into(), x, outputs, div.into()).with_y_max(3.8)
}

fn pair<'a>(title: String, x: &'a [f64], ys: [&'a [f64]; 2], div: String) -> LineChart<'a> {
    LineChart::new(title, x)
        .with_series(Series::new(ys[0], PlotColor::Orange))
        .with_series(Series::new(ys[1], PlotColor::Green))
        .with_annotation(Annotation::new(div))
}
