//! Figures D.1-D.3: the support of q(x) and the communicate classes
//! (alpha = 1).

use crate::error::{check_range, EngineError};
use crate::posterior::DIV_EPS;
use alloc::vec;
use alloc::vec::Vec;

use super::grid::{Grid, Mixture, WIDE_GRID};
use super::transform::{gauss_fun, log2_floored, posterior_matrix, transform_power};
use super::{check_beta, LOG2_FLOOR};

/// Which of D.1-D.3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportCase {
    /// D.1: one connected component.
    One,
    /// D.2: two components whose gap (0.3, 1.5 sigma at the default beta) is
    /// under 3 sigma.
    Communicating,
    /// D.3: two components whose gap (2.0, 10 sigma at the default beta) no
    /// GaussFun bridges.
    Separated,
}

impl SupportCase {
    /// The support's components.
    pub fn intervals(self) -> &'static [(f64, f64)] {
        match self {
            SupportCase::One => &[(-1.5, 1.5)],
            SupportCase::Communicating => &[(-1.8, -0.15), (0.15, 1.8)],
            SupportCase::Separated => &[(-2.2, -1.0), (1.0, 2.2)],
        }
    }
}

/// Default beta of D.1-D.3 (sigma = 0.2).
pub const D_BETA: f64 = 0.04;
/// Default power of the posterior matrix in D.1-D.3.
pub const D_POWER: u64 = 16384;

/// Everything D.1-D.3 show.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportComponents {
    pub case: SupportCase,
    /// alpha = 1 throughout (the text's first case); beta is the noise.
    pub beta: f64,
    /// GaussFun's std, `sqrt(beta)`.
    pub sigma: f64,
    /// q(x) on [`WIDE_GRID`]: zero outside the support.
    pub q_x: Vec<f64>,
    /// The support's components as they fall on the grid (first and last
    /// grid point with q(x) > 0).
    pub support: Vec<(f64, f64)>,
    /// Gaps between neighbouring components.
    pub gaps: Vec<f64>,
    /// GaussFun at the inner edges of the components (or at both edges of a
    /// single one): `(z, g(x))`.
    pub probes: Vec<(f64, Vec<f64>)>,
    /// q(x|z).
    pub posterior: Vec<f64>,
    /// `log2 q(x|z)`, floored.
    pub log2_posterior: Vec<f64>,
    /// z ranges outside the support whose posterior column is still a
    /// distribution (column mass above 1/2, i.e. q(z) above the 1e-10 of
    /// eq. 3.1): states that move into the support but are never reached
    /// from it.
    pub extension: Vec<(f64, f64)>,
    /// The power shown.
    pub power: u64,
    /// `(Q res)^power / res`.
    pub power_matrix: Vec<f64>,
    /// Its log2, floored.
    pub log2_power: Vec<f64>,
    /// Distinct columns of the power matrix over the support: the number of
    /// communicate classes it has converged to.
    pub classes: usize,
    /// Largest L1 distance between power-matrix columns of one class (how far
    /// from converged).
    pub class_spread: f64,
}

/// The data of D.1-D.3: the shape-2 mixture of seed 100 (the base of the
/// article's special seeds 16002 and 16003, Appendix D's gapped supports),
/// plus a plateau of 5% of its peak so that q(x) is visibly positive across
/// the support, and exactly zero outside it.
pub fn support_data(case: SupportCase) -> Result<Vec<f64>, EngineError> {
    let mix = Mixture::seeded(100, 2, crate::data::DEFAULT_MODAL_COUNT)?;
    let grid = WIDE_GRID;
    let raw: Vec<f64> = (0..grid.n()).map(|i| mix.pdf(grid.x(i))).collect();
    let peak = raw.iter().fold(0.0f64, |m, v| m.max(*v));
    let inside = |x: f64| {
        case.intervals()
            .iter()
            .any(|&(a, b)| x >= a - 1e-9 && x <= b + 1e-9)
    };
    let mut q: Vec<f64> = raw
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            if inside(grid.x(i)) {
                v + 0.05 * peak
            } else {
                0.0
            }
        })
        .collect();
    grid.normalise(&mut q);
    Ok(q)
}

/// Runs of consecutive indices where `pred` holds, as value ranges on `grid`.
fn runs(grid: &Grid, pred: impl Fn(usize) -> bool) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..=grid.n() {
        let on = i < grid.n() && pred(i);
        match (on, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((grid.x(s), grid.x(i - 1)));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Figures D.1-D.3 with `alpha = 1`, noise `beta` and the posterior matrix
/// raised to `power`.
pub fn support_components(
    case: SupportCase,
    beta: f64,
    power: u64,
) -> Result<SupportComponents, EngineError> {
    check_beta(beta)?;
    check_range("power", power as f64, 1.0, (1u64 << 40) as f64)?;
    let grid = WIDE_GRID;
    let n = grid.n();
    let q_x = support_data(case)?;
    let post = posterior_matrix(&grid, &q_x, 1.0, beta)?;
    let in_support: Vec<bool> = q_x.iter().map(|&v| v > 0.0).collect();
    let support = runs(&grid, |i| in_support[i]);
    let gaps: Vec<f64> = support.windows(2).map(|w| w[1].0 - w[0].1).collect();
    let probe_z: Vec<f64> = match support.len() {
        1 => vec![support[0].0, support[0].1],
        _ => support.windows(2).flat_map(|w| [w[0].1, w[1].0]).collect(),
    };
    let mut probes = Vec::with_capacity(probe_z.len());
    for z in probe_z {
        probes.push((z, gauss_fun(&grid, 1.0, beta, z)?));
    }
    let col_mass: Vec<f64> = (0..n)
        .map(|j| post.q_z[j] / (post.q_z[j] + DIV_EPS))
        .collect();
    let extension = runs(&grid, |j| !in_support[j] && col_mass[j] > 0.5);
    let power_matrix = transform_power(&post.matrix, n, grid.res(), power)?;

    // Group the support's columns by where they converged.
    let column = |j: usize| -> Vec<f64> { (0..n).map(|i| power_matrix[i * n + j]).collect() };
    let l1 = |a: &[f64], b: &[f64]| -> f64 {
        a.iter().zip(b).map(|(x, y)| libm::fabs(x - y)).sum::<f64>() * grid.res()
    };
    // Columns of two classes live on disjoint supports (L1 distance 2); those
    // of one class converge to one distribution (distance 0). Half-way
    // between tells them apart; `spread` says how converged a class is.
    let mut reps: Vec<Vec<f64>> = Vec::new();
    let mut spread: f64 = 0.0;
    for j in (0..n).filter(|&j| in_support[j]) {
        let c = column(j);
        match reps.iter().map(|r| l1(r, &c)).find(|d| *d < 0.5) {
            Some(d) => spread = spread.max(d),
            None => reps.push(c),
        }
    }
    Ok(SupportComponents {
        case,
        beta,
        sigma: libm::sqrt(beta),
        log2_posterior: log2_floored(&post.matrix, LOG2_FLOOR),
        posterior: post.matrix,
        q_x,
        support,
        gaps,
        probes,
        extension,
        power,
        log2_power: log2_floored(&power_matrix, LOG2_FLOOR),
        power_matrix,
        classes: reps.len(),
        class_spread: spread,
    })
}
