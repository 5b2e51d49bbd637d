//! The transform of eq. D.1 on a [`Grid`]: the posterior matrix, GaussFun,
//! one posterior column, the transform's powers, and the log2 views the heat
//! maps show.

use crate::error::{check_len, check_range, EngineError};
use crate::grid::normal_pdf;
use crate::posterior::DIV_EPS;
use alloc::vec;
use alloc::vec::Vec;

use super::grid::Grid;
use super::{check_alpha_d1, check_beta, check_pdf, MAX_GRID_POINTS};

/// One forward step `Z = sqrt(alpha) X + sqrt(beta) eps` on a [`Grid`] shared
/// by x and z: the marginal q(z) and the posterior q(x|z).
#[derive(Debug, Clone, PartialEq)]
pub struct GridPosterior {
    pub grid: Grid,
    pub alpha: f64,
    pub beta: f64,
    /// `q(z_j) = sum_i J[i][j] res`.
    pub q_z: Vec<f64>,
    /// `q(x_i | z_j) = J[i][j] / (q(z_j) + 1e-10)`, row-major `n x n`, rows on x.
    pub matrix: Vec<f64>,
}

/// The posterior of eq. D.1's transform for data `q_x` on `grid` (eq. 3.1
/// with the general alpha and beta; D.2 in matrix form).
pub fn posterior_matrix(
    grid: &Grid,
    q_x: &[f64],
    alpha: f64,
    beta: f64,
) -> Result<GridPosterior, EngineError> {
    let grid = Grid::new(grid.lo(), grid.hi(), grid.n())?;
    let n = grid.n();
    check_len("q_x", q_x, n)?;
    check_alpha_d1(alpha)?;
    check_beta(beta)?;
    check_pdf("q_x", q_x)?;
    let res = grid.res();
    let sa = libm::sqrt(alpha);
    let points = grid.points();
    let mut m = vec![0.0; n * n];
    for (i, row) in m.chunks_exact_mut(n).enumerate() {
        let mean = sa * points[i];
        for (v, &z) in row.iter_mut().zip(&points) {
            let d = z - mean;
            *v = libm::exp(-d * d / (2.0 * beta));
        }
        // p(z | x_i) normalised over the z grid, weighted by q(x_i).
        let s: f64 = row.iter().sum();
        let w = if s > 0.0 { q_x[i] / s } else { 0.0 };
        row.iter_mut().for_each(|v| *v *= w);
    }
    let total: f64 = m.iter().sum::<f64>() * res * res;
    let scale = if total > 0.0 { 1.0 / total } else { 0.0 };
    m.iter_mut().for_each(|v| *v *= scale);
    let mut q_z = vec![0.0; n];
    for row in m.chunks_exact(n) {
        for (q, &j) in q_z.iter_mut().zip(row) {
            *q += j;
        }
    }
    q_z.iter_mut().for_each(|q| *q *= res);
    for row in m.chunks_exact_mut(n) {
        for (v, &q) in row.iter_mut().zip(&q_z) {
            *v /= q + DIV_EPS;
        }
    }
    Ok(GridPosterior {
        grid,
        alpha,
        beta,
        q_z,
        matrix: m,
    })
}

/// GaussFun of eq. D.2, `N(x; z / sqrt(alpha), sqrt(beta / alpha))`, on `grid`.
pub fn gauss_fun(grid: &Grid, alpha: f64, beta: f64, z: f64) -> Result<Vec<f64>, EngineError> {
    check_alpha_d1(alpha)?;
    check_beta(beta)?;
    check_range("z", z, -1e6, 1e6)?;
    let sa = libm::sqrt(alpha);
    let (mean, std) = (z / sa, libm::sqrt(beta) / sa);
    Ok((0..grid.n())
        .map(|i| normal_pdf(grid.x(i), mean, std))
        .collect())
}

/// `q(x|z) = Normalize(GaussFun(x) q(x))`, eq. D.2 as written, for one z.
/// All zero when the product underflows everywhere.
pub fn posterior_at(
    grid: &Grid,
    q_x: &[f64],
    alpha: f64,
    beta: f64,
    z: f64,
) -> Result<Vec<f64>, EngineError> {
    check_len("q_x", q_x, grid.n())?;
    let g = gauss_fun(grid, alpha, beta, z)?;
    let mut post: Vec<f64> = g.iter().zip(q_x).map(|(a, b)| a * b).collect();
    grid.normalise(&mut post);
    Ok(post)
}

/// The transform as applied, `K = Q res`, raised to `power`, divided by res
/// again (as demo 4.2 shows `Q^n`): `(Q res)^power / res`, by repeated
/// squaring. `matrix` is row-major `n x n`.
pub fn transform_power(
    matrix: &[f64],
    n: usize,
    res: f64,
    power: u64,
) -> Result<Vec<f64>, EngineError> {
    check_range("n", n as f64, 1.0, MAX_GRID_POINTS as f64)?;
    check_len("matrix", matrix, n * n)?;
    check_range("res", res, 1e-12, 1e6)?;
    check_range("power", power as f64, 1.0, (1u64 << 40) as f64)?;
    let mut base: Vec<f64> = matrix.iter().map(|v| v * res).collect();
    let mut acc: Option<Vec<f64>> = None;
    let mut p = power;
    loop {
        if p & 1 == 1 {
            acc = Some(match acc {
                None => base.clone(),
                Some(a) => mat_mul(&a, &base, n),
            });
        }
        p >>= 1;
        if p == 0 {
            break;
        }
        base = mat_mul(&base, &base, n);
    }
    let mut out = acc.unwrap_or(base);
    out.iter_mut().for_each(|v| *v /= res);
    Ok(out)
}

/// `a b` for row-major `n x n` matrices (i-k-j order: rows stream).
fn mat_mul(a: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n * n];
    for (orow, arow) in out.chunks_exact_mut(n).zip(a.chunks_exact(n)) {
        for (k, &aik) in arow.iter().enumerate() {
            if aik == 0.0 {
                continue;
            }
            for (o, &bkj) in orow.iter_mut().zip(&b[k * n..(k + 1) * n]) {
                *o += aik * bkj;
            }
        }
    }
    out
}

/// `log2(v)`, with zero, negative and tiny values raised to `floor` (the
/// heat maps' colour floor).
pub fn log2_floored(values: &[f64], floor: f64) -> Vec<f64> {
    values
        .iter()
        .map(|&v| {
            if v > 0.0 {
                libm::log2(v).max(floor)
            } else {
                floor
            }
        })
        .collect()
}

/// How many of `values` exceed `2^floor`.
pub fn count_above_log2(values: &[f64], floor: f64) -> usize {
    let t = libm::exp2(floor);
    values.iter().filter(|&&v| v > t).count()
}
