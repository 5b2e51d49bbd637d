//! Demo 1 (`demo_1`): the input pdf, after the linear transform, after the
//! added noise, after both; each a blue curve on 0..3.2.

/// One of the four plots.
pub use super::shared::pdf_plot;
