//! Demo 3.3 (section 6): each posterior column q(x | z_j) replaced by the
//! Gaussian `N(x; mu, sigma)` that fits it best in least squares, as SciPy's
//! `curve_fit` does (its start `mu = 0, sigma = 1` is replaced by the column's
//! moments, which reaches the same fits 3x faster; see `start`).
//!
//! Written by hand: `curve_fit` is MINPACK's Levenberg-Marquardt, and no
//! no_std crate offers LM. With two parameters the normal equations are a 2x2
//! solve, so a compact LM with the analytic Jacobian is both exact and fast.
use crate::error::{check_len, EngineError};
use crate::grid::{x, N};
use alloc::vec;
use alloc::vec::Vec;

const SQRT_2PI: f64 = 2.506_628_274_631_000_7;
const MAX_ITER: usize = 400;
/// `curve_fit`'s default `xtol` and `ftol` (MINPACK's sqrt(machine eps)).
const XTOL: f64 = 1.49012e-8;
const FTOL: f64 = 1.49012e-8;

/// A fitted Gaussian column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaussFit {
    /// Mean.
    pub mu: f64,
    /// Standard deviation (may come out negative, as with `curve_fit`; the
    /// density uses it as written).
    pub sigma: f64,
}

impl GaussFit {
    /// The fitted density at `x`.
    #[inline]
    pub fn pdf(&self, x: f64) -> f64 {
        gauss(x, self.mu, self.sigma)
    }
}

#[inline]
fn gauss(x: f64, mu: f64, sigma: f64) -> f64 {
    let t = (x - mu) / sigma;
    libm::exp(-0.5 * t * t) / (SQRT_2PI * sigma)
}

/// The model on the whole grid into `g` (two `exp` calls, see
/// [`gaussian_kernel`](crate::grid::gaussian_kernel)).
fn model(mu: f64, sigma: f64, g: &mut [f64]) {
    crate::grid::gaussian_kernel(mu, sigma * sigma, g);
    let c = 1.0 / (SQRT_2PI * sigma);
    g.iter_mut().for_each(|v| *v *= c);
}

fn cost(y: &[f64], mu: f64, sigma: f64, g: &mut [f64]) -> f64 {
    model(mu, sigma, g);
    y.iter()
        .zip(g.iter())
        .map(|(&yi, &gi)| (gi - yi) * (gi - yi))
        .sum()
}

/// Where the search starts. SciPy starts at (0, 1); starting at the column's
/// own mean and spread reaches the same minimum for these unimodal-ish
/// columns in a few iterations instead of dozens (golden parity holds), and
/// falls back to (0, 1) when the column has no mass.
fn start(y: &[f64]) -> (f64, f64) {
    let m0: f64 = y.iter().sum();
    if m0.is_nan() || m0 <= 0.0 || !m0.is_finite() {
        return (0.0, 1.0);
    }
    let m1: f64 = y.iter().enumerate().map(|(i, &v)| v * x(i)).sum::<f64>() / m0;
    let m2: f64 = y
        .iter()
        .enumerate()
        .map(|(i, &v)| v * (x(i) - m1) * (x(i) - m1))
        .sum::<f64>()
        / m0;
    let sd = libm::sqrt(m2);
    if sd.is_finite() && sd > 1e-6 {
        (m1, sd)
    } else {
        (0.0, 1.0)
    }
}

/// Least-squares fit of `N(x; mu, sigma)` to `y` on the grid (Levenberg-Marquardt
/// with `curve_fit`'s tolerances, started from the column's own mean and
/// spread rather than `curve_fit`'s (0, 1)).
pub fn fit_gaussian(y: &[f64]) -> Result<GaussFit, EngineError> {
    check_len("column", y, N)?;
    let mut g = [0.0; N];
    let (mut mu, mut sigma) = start(y);
    let mut c = cost(y, mu, sigma, &mut g);
    let mut lambda = 1e-3;
    for _ in 0..MAX_ITER {
        // Normal equations A d = -grad with A = J^T J, grad = J^T r; `g` holds
        // the model at the current (mu, sigma).
        let (mut a11, mut a12, mut a22, mut g1, mut g2) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let inv_s2 = 1.0 / (sigma * sigma);
        let inv_s = 1.0 / sigma;
        for ((&yi, &v), &xi) in y.iter().zip(g.iter()).zip(crate::grid::POINTS.iter()) {
            let d = xi - mu;
            let r = v - yi;
            let jm = v * d * inv_s2;
            let js = v * (d * d * inv_s2 - 1.0) * inv_s;
            a11 += jm * jm;
            a12 += jm * js;
            a22 += js * js;
            g1 += jm * r;
            g2 += js * r;
        }
        let mut improved = false;
        for _ in 0..60 {
            let b11 = a11 * (1.0 + lambda);
            let b22 = a22 * (1.0 + lambda);
            let det = b11 * b22 - a12 * a12;
            if !det.is_finite() || det == 0.0 {
                lambda *= 10.0;
                continue;
            }
            let dm = (-g1 * b22 + g2 * a12) / det;
            let ds = (-g2 * b11 + g1 * a12) / det;
            let (nm, ns) = (mu + dm, sigma + ds);
            let mut trial = [0.0; N];
            let nc = if ns != 0.0 && ns.is_finite() && nm.is_finite() {
                cost(y, nm, ns, &mut trial)
            } else {
                f64::INFINITY
            };
            if nc.is_finite() && nc <= c {
                // MINPACK's default tolerances, as curve_fit uses them.
                let small_step = libm::fabs(dm) <= XTOL * libm::fabs(mu).max(1e-300)
                    && libm::fabs(ds) <= XTOL * libm::fabs(sigma);
                let small_gain = c - nc <= FTOL * c;
                mu = nm;
                sigma = ns;
                c = nc;
                g = trial;
                lambda = (lambda * 0.3).max(1e-12);
                improved = !(small_step || small_gain);
                break;
            }
            lambda *= 10.0;
            if lambda > 1e16 {
                break;
            }
        }
        if !improved {
            break;
        }
    }
    Ok(GaussFit { mu, sigma })
}

/// Fits every column of a posterior matrix (row-major, rows on x) and returns
/// the fits and the fitted matrix `F[i][j] = N(x_i; mu_j, sigma_j)`.
pub fn fit_posterior(posterior: &[f64]) -> Result<(Vec<GaussFit>, Vec<f64>), EngineError> {
    check_len("posterior", posterior, N * N)?;
    let mut fits = Vec::with_capacity(N);
    let mut col = vec![0.0; N];
    for j in 0..N {
        for (i, c) in col.iter_mut().enumerate() {
            *c = posterior[i * N + j];
        }
        fits.push(fit_gaussian(&col)?);
    }
    let mut m = vec![0.0; N * N];
    let mut g = [0.0; N];
    for (j, f) in fits.iter().enumerate() {
        model(f.mu, f.sigma, &mut g);
        for (i, &v) in g.iter().enumerate() {
            m[i * N + j] = v;
        }
    }
    Ok((fits, m))
}
