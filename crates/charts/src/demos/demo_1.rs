//! Demo 1 (`demo_1`): the input pdf, after the linear transform, after the
//! added noise, after both; each a blue curve on 0..3.2.

use crate::LineChart;

/// One of the four plots.
pub fn pdf_plot<'a>(title: impl Into<String>, x: &'a [f64], pdf: &'a [f64]) -> LineChart<'a> {
    super::blue_pdf(title.into(), x, pdf)
}
