//! The numbers behind the article's computed figures: Appendix C (C.1, C.2)
//! and Appendix D (D.1-D.5). Figure 7.1 is a diagram and has none.
//!
//! The demos live on the fixed 461-point grid over [-2.3, 2.3]; these figures
//! need other ranges (C.2 and D.1-D.3 show x, z in [-3, 3], D.5 must reach
//! x = 6 and beyond) and the general transform of eq. D.1,
//! `Z = sqrt(alpha) X + sqrt(beta) eps`, with `alpha = 1` allowed. So this
//! module carries a small grid of its own ([`Grid`], NumPy's `linspace`
//! again, in `grid`, with seeded data on it, [`Mixture`]) and a posterior on
//! it (`transform`) that follows the demos' conventions exactly:
//! `p(z|x_i)` normalised over the z grid, the joint normalised so that
//! `sum J res^2 = 1`, and `q(x|z) = J / (q(z) + 1e-10)` (eq. 3.1). On the
//! demos' grid with `beta = 1 - alpha` it reproduces
//! [`ForwardStep`](crate::posterior::ForwardStep) (tested).
//!
//! Every figure has one function returning the numbers it shows, in a file
//! of its own: [`l1_example`] (C.1, `c1`), [`posterior_sparsity`] (C.2,
//! `c2`), [`support_components`] (D.1-D.3, `support`), [`centre_deviation`]
//! (D.4) and [`deviation_beyond_3_sigma`] (D.5, both `deviation`).

mod c1;
mod c2;
mod deviation;
mod grid;
mod support;
mod transform;

pub use c1::{
    c1_inputs, c1_transition, l1_example, l1_terms, L1Terms, C1_DATA, C1_NOISE, C1_STATES,
    C1_VALUES,
};
pub use c2::{c2_data, posterior_sparsity, PosteriorSparsity};
pub use deviation::{
    centre_deviation, d4_data, d5_data, deviation_beyond_3_sigma, CentreDeviation, D4_ALPHA,
    D4_GENERAL, D4_Z, D5_ALPHA, D5_BETA, D5_Z,
};
pub use grid::{Grid, Mixture, D4_GRID, D5_GRID, WIDE_GRID};
pub use support::{
    support_components, support_data, SupportCase, SupportComponents, D_BETA, D_POWER,
};
pub use transform::{
    count_above_log2, gauss_fun, log2_floored, posterior_at, posterior_matrix, transform_power,
    GridPosterior,
};

use crate::error::EngineError;

/// Most points a figure grid may have (a posterior matrix is `n x n`).
pub const MAX_GRID_POINTS: usize = 4001;

/// Largest beta accepted (the noise variance of eq. D.1).
pub const MAX_BETA: f64 = 100.0;

/// Heat maps of these figures show `log2` values down to this floor: about
/// `1e-6`, far below anything visible on a linear scale. "Non-zero" in C.2
/// means above it.
pub const LOG2_FLOOR: f64 = -20.0;

/// Every value finite and non-negative.
fn check_pdf(param: &'static str, v: &[f64]) -> Result<(), EngineError> {
    for &x in v {
        if !x.is_finite() {
            return Err(EngineError::NotFinite { param });
        }
        if x < 0.0 {
            return Err(EngineError::OutOfRange {
                param,
                value: x,
                min: 0.0,
                max: f64::INFINITY,
            });
        }
    }
    Ok(())
}

/// alpha of eq. D.1: in (0, 1]; 1 is allowed here (pure smoothing, no squeeze).
fn check_alpha_d1(alpha: f64) -> Result<f64, EngineError> {
    check_positive("alpha", alpha, 1.0)
}

/// beta of eq. D.1: the variance of the added noise, in (0, MAX_BETA].
fn check_beta(beta: f64) -> Result<f64, EngineError> {
    check_positive("beta", beta, MAX_BETA)
}

/// `value` in (0, max].
fn check_positive(param: &'static str, value: f64, max: f64) -> Result<f64, EngineError> {
    if !value.is_finite() {
        return Err(EngineError::NotFinite { param });
    }
    if value <= 0.0 || value > max {
        return Err(EngineError::OutOfRange {
            param,
            value,
            min: 0.0,
            max,
        });
    }
    Ok(value)
}
