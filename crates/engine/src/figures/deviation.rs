//! Figures D.4 and D.5: the centre deviation of GaussFun.

use crate::error::{check_range, EngineError};
use crate::grid::normal_pdf;
use alloc::vec;
use alloc::vec::Vec;

use super::grid::{Grid, Mixture, D4_GRID, D5_GRID};
use super::transform::{gauss_fun, posterior_at};
use super::{check_alpha_d1, check_beta};

/// One panel of D.4 (or the single panel of D.5).
#[derive(Debug, Clone, PartialEq)]
pub struct CentreDeviation {
    pub alpha: f64,
    pub beta: f64,
    /// The condition z = c.
    pub z: f64,
    pub grid: Grid,
    pub q_x: Vec<f64>,
    /// GaussFun of eq. D.2.
    pub gauss_fun: Vec<f64>,
    /// `q(x|z) = Normalize(GaussFun q(x))`.
    pub posterior: Vec<f64>,
    /// GaussFun's centre `z / sqrt(alpha)`.
    pub centre: f64,
    /// GaussFun's std `sqrt(beta / alpha)`.
    pub sigma: f64,
    /// `|z| (1 - sqrt(alpha)) / sqrt(alpha)`: how far the centre moved from z.
    pub deviation: f64,
    /// The bound of eq. D.3, `3 sqrt(beta) / (1 - sqrt(alpha))` (infinite at
    /// alpha = 1): states closer to 0 move by less than 3 sigma.
    pub bound: f64,
    /// `q(x|z)` at the grid point nearest to x = z.
    pub posterior_at_z: f64,
}

/// Default settings of D.4's panels: (alpha, beta) of the upper row (the
/// general eq. D.1 with alpha = 1) and the lower row's alpha (beta = 1 - alpha).
pub const D4_GENERAL: (f64, f64) = (1.0, 0.6);
pub const D4_ALPHA: f64 = 0.6;
/// D.4's two conditions.
pub const D4_Z: [f64; 2] = [1.0, 2.0];

/// D.4's q(x): a smooth two-component mixture, `0.6 N(-1, 0.45^2) +
/// 0.4 N(1.2, 0.35^2)`, on [`D4_GRID`]. Smooth so that q(x|z), GaussFun
/// times q(x), visibly follows GaussFun as it moves (a spiky q(x) hides it).
pub fn d4_data() -> Result<Vec<f64>, EngineError> {
    let mix = Mixture::new(vec![-1.0, 1.2], vec![0.45, 0.35], vec![0.6, 0.4])?;
    Ok(mix.on_grid(&D4_GRID, 0.0))
}

fn deviation_on(
    grid: &Grid,
    q_x: &[f64],
    alpha: f64,
    beta: f64,
    z: f64,
) -> Result<CentreDeviation, EngineError> {
    check_alpha_d1(alpha)?;
    check_beta(beta)?;
    check_range("z", z, grid.lo(), grid.hi())?;
    let gauss_fun = gauss_fun(grid, alpha, beta, z)?;
    let posterior = posterior_at(grid, q_x, alpha, beta, z)?;
    let sa = libm::sqrt(alpha);
    let at = grid.nearest(z).map_or(0.0, |i| posterior[i]);
    Ok(CentreDeviation {
        alpha,
        beta,
        z,
        grid: *grid,
        q_x: q_x.to_vec(),
        gauss_fun,
        posterior,
        centre: z / sa,
        sigma: libm::sqrt(beta) / sa,
        deviation: libm::fabs(z) * (1.0 - sa) / sa,
        bound: if sa < 1.0 {
            3.0 * libm::sqrt(beta) / (1.0 - sa)
        } else {
            f64::INFINITY
        },
        posterior_at_z: at,
    })
}

/// One panel of Figure D.4 on `q_x` from [`d4_data`]: alpha in (0, 1],
/// beta > 0, z inside [-3, 5].
pub fn centre_deviation(
    q_x: &[f64],
    alpha: f64,
    beta: f64,
    z: f64,
) -> Result<CentreDeviation, EngineError> {
    deviation_on(&D4_GRID, q_x, alpha, beta, z)
}

/// D.5's defaults: alpha = 0.36 puts GaussFun's centre for z = 6 at 10, and
/// beta = 0.0036 makes its std 0.1: the centre is 40 sigma from x = 6, where
/// GaussFun (and so q(x|z=6)) underflows to exactly 0.
pub const D5_ALPHA: f64 = 0.36;
pub const D5_BETA: f64 = 0.0036;
pub const D5_Z: f64 = 6.0;

/// D.5's q(x): `N(6, 3^2)` on [`D5_GRID`], so x = 6 is the mode, well inside
/// the support.
pub fn d5_data() -> Vec<f64> {
    let grid = D5_GRID;
    let mut q: Vec<f64> = (0..grid.n())
        .map(|i| normal_pdf(grid.x(i), 6.0, 3.0))
        .collect();
    grid.normalise(&mut q);
    q
}

/// Figure D.5: q(x|z) for a condition far from the origin (z inside
/// [-2, 14]), where GaussFun has moved so far that q(x = z | z) = 0.
pub fn deviation_beyond_3_sigma(
    alpha: f64,
    beta: f64,
    z: f64,
) -> Result<CentreDeviation, EngineError> {
    deviation_on(&D5_GRID, &d5_data(), alpha, beta, z)
}
