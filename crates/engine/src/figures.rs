//! The numbers behind the article's computed figures: Appendix C (C.1, C.2)
//! and Appendix D (D.1-D.5). Figure 7.1 is a diagram and has none.
//!
//! The demos live on the fixed 461-point grid over [-2.3, 2.3]; these figures
//! need other ranges (C.2 and D.1-D.3 show x, z in [-3, 3], D.5 must reach
//! x = 6 and beyond) and the general transform of eq. D.1,
//! `Z = sqrt(alpha) X + sqrt(beta) eps`, with `alpha = 1` allowed. So this
//! module carries a small grid of its own ([`Grid`], NumPy's `linspace`
//! again) and a posterior on it that follows the demos' conventions exactly:
//! `p(z|x_i)` normalised over the z grid, the joint normalised so that
//! `sum J res^2 = 1`, and `q(x|z) = J / (q(z) + 1e-10)` (eq. 3.1). On the
//! demos' grid with `beta = 1 - alpha` it reproduces
//! [`ForwardStep`](crate::posterior::ForwardStep) (tested).
//!
//! Every figure has one function returning the numbers it shows:
//! [`l1_example`] (C.1), [`posterior_sparsity`] (C.2), [`support_components`]
//! (D.1-D.3), [`centre_deviation`] (D.4), [`deviation_beyond_3_sigma`] (D.5).
use crate::error::{check_range, check_seed, EngineError};
use crate::posterior::DIV_EPS;
use crate::rng::LegacyRandom;
use alloc::vec;
use alloc::vec::Vec;

/// Most points a figure grid may have (a posterior matrix is `n x n`).
pub const MAX_GRID_POINTS: usize = 4001;

/// Largest beta accepted (the noise variance of eq. D.1).
pub const MAX_BETA: f64 = 100.0;

/// Heat maps of these figures show `log2` values down to this floor: about
/// `1e-6`, far below anything visible on a linear scale. "Non-zero" in C.2
/// means above it.
pub const LOG2_FLOOR: f64 = -20.0;

/// An evenly spaced grid, as `numpy.linspace(lo, hi, n)` computes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// First point.
    pub lo: f64,
    /// Last point (pinned, as NumPy does).
    pub hi: f64,
    /// Number of points.
    pub n: usize,
}

impl Grid {
    /// A grid of `n` points from `lo` to `hi`.
    pub fn new(lo: f64, hi: f64, n: usize) -> Result<Self, EngineError> {
        check_range("grid.lo", lo, -1e6, 1e6)?;
        check_range("grid.hi", hi, lo + 1e-9, 1e6)?;
        check_range("grid.n", n as f64, 2.0, MAX_GRID_POINTS as f64)?;
        Ok(Self { lo, hi, n })
    }

    /// The spacing `(hi - lo) / (n - 1)`.
    pub fn res(&self) -> f64 {
        (self.hi - self.lo) / (self.n as f64 - 1.0)
    }

    /// Point `i` (`i * res + lo`, the last one exactly `hi`).
    pub fn x(&self, i: usize) -> f64 {
        if i + 1 >= self.n {
            self.hi
        } else {
            i as f64 * self.res() + self.lo
        }
    }

    /// Every point.
    pub fn points(&self) -> Vec<f64> {
        (0..self.n).map(|i| self.x(i)).collect()
    }

    /// The index of the point nearest to `v`, `None` off the grid (by more
    /// than half a step) or for a non-finite `v`.
    pub fn nearest(&self, v: f64) -> Option<usize> {
        if !v.is_finite() {
            return None;
        }
        let t = libm::round((v - self.lo) / self.res());
        if t < 0.0 || t > (self.n - 1) as f64 {
            None
        } else {
            Some(t as usize)
        }
    }

    /// Scales `pdf` so that `sum * res = 1` (a zero vector stays zero).
    pub fn normalise(&self, pdf: &mut [f64]) {
        let s: f64 = pdf.iter().sum::<f64>() * self.res();
        if s > 0.0 {
            pdf.iter_mut().for_each(|p| *p /= s);
        }
    }
}

/// The grid of C.2 and D.1-D.3: x and z in [-3, 3], 241 points (res 0.025).
pub const WIDE_GRID: Grid = Grid {
    lo: -3.0,
    hi: 3.0,
    n: 241,
};

/// The grid of D.4: [-3, 5] (z = 2 puts GaussFun's centre near 2.6), res 0.01.
pub const D4_GRID: Grid = Grid {
    lo: -3.0,
    hi: 5.0,
    n: 801,
};

/// The grid of D.5: [-2, 14], wide enough for x = 6 and a GaussFun centred
/// at 6 / sqrt(alpha), res 0.01.
pub const D5_GRID: Grid = Grid {
    lo: -2.0,
    hi: 14.0,
    n: 1601,
};

/// The normal density `N(x; mean, std)`.
fn normal_pdf(x: f64, mean: f64, std: f64) -> f64 {
    crate::grid::normal_pdf(x, mean, std)
}

fn check_len(param: &'static str, v: &[f64], n: usize) -> Result<(), EngineError> {
    crate::error::check_len(param, v, n)
}

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
    if !alpha.is_finite() {
        return Err(EngineError::NotFinite { param: "alpha" });
    }
    if alpha <= 0.0 || alpha > 1.0 {
        return Err(EngineError::OutOfRange {
            param: "alpha",
            value: alpha,
            min: 0.0,
            max: 1.0,
        });
    }
    Ok(alpha)
}

/// beta of eq. D.1: the variance of the added noise, in (0, MAX_BETA].
fn check_beta(beta: f64) -> Result<f64, EngineError> {
    if !beta.is_finite() {
        return Err(EngineError::NotFinite { param: "beta" });
    }
    if beta <= 0.0 || beta > MAX_BETA {
        return Err(EngineError::OutOfRange {
            param: "beta",
            value: beta,
            min: 0.0,
            max: MAX_BETA,
        });
    }
    Ok(beta)
}

// ---------------------------------------------------------------------------
// Data on any grid

/// Mean and std ranges per `shape_type`, as in [`crate::data`].
const SHAPES: [((f64, f64), (f64, f64)); 4] = [
    ((-1.1, 1.1), (0.03, 0.20)),
    ((-1.5, 1.5), (0.01, 0.09)),
    ((-1.5, 1.5), (0.05, 0.35)),
    ((-0.8, 0.8), (0.05, 0.35)),
];

/// A seeded Gaussian mixture that can be evaluated anywhere: the same draws
/// as [`crate::data::mixture`] (means, then stds, then weights), so on the
/// demos' grid it gives the demos' q(x) (tested).
#[derive(Debug, Clone, PartialEq)]
pub struct Mixture {
    pub means: Vec<f64>,
    pub stds: Vec<f64>,
    /// Normalised to sum 1.
    pub weights: Vec<f64>,
}

impl Mixture {
    /// The mixture of `(seed, shape_type, modal_count)`.
    pub fn seeded(seed: u32, shape_type: u32, modal_count: usize) -> Result<Self, EngineError> {
        check_range("shape_type", shape_type as f64, 0.0, 3.0)?;
        check_range(
            "modal_count",
            modal_count as f64,
            1.0,
            crate::data::MAX_MODAL_COUNT as f64,
        )?;
        let ((m_lo, m_hi), (s_lo, s_hi)) = SHAPES[shape_type as usize];
        let mut rng = LegacyRandom::new(seed);
        let mut draw = |lo: f64, hi: f64| -> Vec<f64> {
            (0..modal_count)
                .map(|_| lo + rng.random_sample() * (hi - lo))
                .collect()
        };
        let means = draw(m_lo, m_hi);
        let stds = draw(s_lo, s_hi);
        let mut weights = draw(1.0, 11.0);
        let total: f64 = weights.iter().sum();
        weights.iter_mut().for_each(|w| *w /= total);
        Ok(Self {
            means,
            stds,
            weights,
        })
    }

    /// The mixture density at `x`.
    pub fn pdf(&self, x: f64) -> f64 {
        let mut p = 0.0;
        for k in 0..self.means.len() {
            p += self.weights[k] * normal_pdf(x, self.means[k], self.stds[k]);
        }
        p
    }

    /// On `grid`, plus `floor` everywhere, normalised (as the demos' q(x)
    /// with `floor = 1e-8`).
    pub fn on_grid(&self, grid: &Grid, floor: f64) -> Vec<f64> {
        let mut pdf: Vec<f64> = (0..grid.n).map(|i| self.pdf(grid.x(i)) + floor).collect();
        grid.normalise(&mut pdf);
        pdf
    }
}

// ---------------------------------------------------------------------------
// The transform of eq. D.1 on a grid

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
    let grid = Grid::new(grid.lo, grid.hi, grid.n)?;
    let n = grid.n;
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
    Ok((0..grid.n)
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
    check_len("q_x", q_x, grid.n)?;
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

// ---------------------------------------------------------------------------
// Figure C.1: the L1 non-expansion, row by row (eq. C.13-C.19)

/// Number of states of the C.1 example.
pub const C1_STATES: usize = 5;

/// The five states (both x and z).
pub const C1_VALUES: [f64; C1_STATES] = [-2.0, -1.0, 0.0, 1.0, 2.0];

/// The data distribution q(x) over the five states from which the
/// transition r(x|z) is the posterior.
pub const C1_DATA: [f64; C1_STATES] = [0.10, 0.30, 0.15, 0.25, 0.20];

/// Default probability that the five-state forward step moves one state.
pub const C1_NOISE: f64 = 0.5;

/// The terms of eq. C.15/C.16 for one transition matrix and two inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct L1Terms {
    /// `r(x_i | z_j)`, row i, column j; every column sums to 1.
    pub transition: [[f64; C1_STATES]; C1_STATES],
    /// The inputs p(z) and q(z) (each sums to 1).
    pub p: [f64; C1_STATES],
    pub q: [f64; C1_STATES],
    /// `p(z_j) - q(z_j)`.
    pub diff: [f64; C1_STATES],
    /// `r(x_i | z_j) (p(z_j) - q(z_j))`: row i is the absolute value of
    /// eq. C.15 for x_i.
    pub terms: [[f64; C1_STATES]; C1_STATES],
    /// `|sum_j terms[i][j]| = |p(x_i) - q(x_i)|` (eq. C.15, per row).
    pub out_terms: [f64; C1_STATES],
    /// `sum_j |terms[i][j]|` (eq. C.16, per row).
    pub bound_terms: [f64; C1_STATES],
    /// Whether all non-zero terms of row i have one sign (then the row's
    /// two values are equal).
    pub signs_agree: [bool; C1_STATES],
    /// `||p(z) - q(z)||_1 = sum_j |diff_j|` (eq. C.19).
    pub l1_in: f64,
    /// `||p(x) - q(x)||_1 = sum_i out_terms[i]` (eq. C.13).
    pub l1_out: f64,
}

/// The terms of eq. C.15-C.16 for `transition` (column-stochastic) and the
/// inputs `p`, `q` (each non-negative, summing to 1 within 1e-9).
pub fn l1_terms(
    transition: &[[f64; C1_STATES]; C1_STATES],
    p: &[f64; C1_STATES],
    q: &[f64; C1_STATES],
) -> Result<L1Terms, EngineError> {
    for j in 0..C1_STATES {
        let column: [f64; C1_STATES] = core::array::from_fn(|i| transition[i][j]);
        check_pdf("transition", &column)?;
        check_range(
            "transition column sum",
            column.iter().sum(),
            1.0 - 1e-9,
            1.0 + 1e-9,
        )?;
    }
    for (name, v) in [("p", p), ("q", q)] {
        check_pdf(name, v)?;
        check_range(name, v.iter().sum(), 1.0 - 1e-9, 1.0 + 1e-9)?;
    }
    let mut diff = [0.0; C1_STATES];
    for j in 0..C1_STATES {
        diff[j] = p[j] - q[j];
    }
    let mut terms = [[0.0; C1_STATES]; C1_STATES];
    let mut out_terms = [0.0; C1_STATES];
    let mut bound_terms = [0.0; C1_STATES];
    let mut signs_agree = [true; C1_STATES];
    for i in 0..C1_STATES {
        let (mut pos, mut neg) = (false, false);
        for j in 0..C1_STATES {
            let t = transition[i][j] * diff[j];
            terms[i][j] = t;
            pos |= t > 0.0;
            neg |= t < 0.0;
        }
        out_terms[i] = libm::fabs(terms[i].iter().sum());
        bound_terms[i] = terms[i].iter().map(|t| libm::fabs(*t)).sum();
        signs_agree[i] = !(pos && neg);
    }
    Ok(L1Terms {
        transition: *transition,
        p: *p,
        q: *q,
        diff,
        terms,
        out_terms,
        bound_terms,
        signs_agree,
        l1_in: diff.iter().map(|d| libm::fabs(*d)).sum(),
        l1_out: out_terms.iter().sum(),
    })
}

/// The C.1 transition: the posterior `r(x|z)` of a five-state forward step
/// `z = x + e` (e = -1 or +1 with probability `noise / 2` each, else 0; a
/// step off either end stays put) for the data [`C1_DATA`]. Tridiagonal, so
/// each row has at most three non-zero terms.
pub fn c1_transition(noise: f64) -> Result<[[f64; C1_STATES]; C1_STATES], EngineError> {
    check_range("noise", noise, 0.0, 1.0)?;
    let mut forward = [[0.0; C1_STATES]; C1_STATES]; // p(z_j | x_i)
    for i in 0..C1_STATES {
        forward[i][i] += 1.0 - noise;
        forward[i][i.saturating_sub(1)] += noise / 2.0;
        forward[i][(i + 1).min(C1_STATES - 1)] += noise / 2.0;
    }
    let mut r = [[0.0; C1_STATES]; C1_STATES];
    for j in 0..C1_STATES {
        let q_z: f64 = (0..C1_STATES).map(|i| forward[i][j] * C1_DATA[i]).sum();
        for i in 0..C1_STATES {
            r[i][j] = forward[i][j] * C1_DATA[i] / q_z;
        }
    }
    Ok(r)
}

/// The two C.1 inputs from `RandomState(seed)`: five `random_sample()`s for
/// p(z), then five for q(z), each normalised to sum 1.
pub fn c1_inputs(seed: u32) -> ([f64; C1_STATES], [f64; C1_STATES]) {
    let mut rng = LegacyRandom::new(seed);
    let mut draw = || {
        let mut v = [0.0; C1_STATES];
        v.iter_mut().for_each(|x| *x = rng.random_sample());
        let s: f64 = v.iter().sum();
        v.iter_mut().for_each(|x| *x /= s);
        v
    };
    let p = draw();
    let q = draw();
    (p, q)
}

/// Figure C.1: the five-state transition for `noise` and the inputs of `seed`.
pub fn l1_example(seed: f64, noise: f64) -> Result<L1Terms, EngineError> {
    let seed = check_seed("seed", seed)?;
    let r = c1_transition(noise)?;
    let (p, q) = c1_inputs(seed);
    l1_terms(&r, &p, &q)
}

// ---------------------------------------------------------------------------
// Figure C.2: fewer non-zero posterior elements as alpha grows

/// One panel of C.2.
#[derive(Debug, Clone, PartialEq)]
pub struct PosteriorSparsity {
    pub alpha: f64,
    /// q(x) on [`WIDE_GRID`].
    pub q_x: Vec<f64>,
    /// The posterior q(x|z) (with `beta = 1 - alpha`).
    pub posterior: GridPosterior,
    /// `log2 q(x|z)`, floored at [`LOG2_FLOOR`].
    pub log2_posterior: Vec<f64>,
    /// Elements above `2^LOG2_FLOOR`.
    pub nonzero: usize,
    /// All elements.
    pub total: usize,
}

/// C.2's q(x): the demos' default data (the seed's 16-component shape-0
/// mixture plus 1e-8, as demos 1 and 2 draw it) evaluated on [-3, 3].
pub fn c2_data(seed: u32) -> Result<Vec<f64>, EngineError> {
    Ok(Mixture::seeded(seed, 0, crate::data::DEFAULT_MODAL_COUNT)?.on_grid(&WIDE_GRID, 1e-8))
}

/// Figure C.2 for one alpha (0 < alpha < 1, `beta = 1 - alpha`), on `q_x`
/// from [`c2_data`].
pub fn posterior_sparsity(q_x: &[f64], alpha: f64) -> Result<PosteriorSparsity, EngineError> {
    crate::error::check_alpha("alpha", alpha)?;
    let posterior = posterior_matrix(&WIDE_GRID, q_x, alpha, 1.0 - alpha)?;
    let log2_posterior = log2_floored(&posterior.matrix, LOG2_FLOOR);
    let nonzero = count_above_log2(&posterior.matrix, LOG2_FLOOR);
    Ok(PosteriorSparsity {
        alpha,
        q_x: q_x.to_vec(),
        total: posterior.matrix.len(),
        posterior,
        log2_posterior,
        nonzero,
    })
}

// ---------------------------------------------------------------------------
// Figures D.1-D.3: the support of q(x) and the communicate classes (alpha = 1)

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
    let raw: Vec<f64> = (0..grid.n).map(|i| mix.pdf(grid.x(i))).collect();
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
    for i in 0..=grid.n {
        let on = i < grid.n && pred(i);
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
    let n = grid.n;
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

// ---------------------------------------------------------------------------
// Figures D.4 and D.5: the centre deviation of GaussFun

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
    let mix = Mixture {
        means: vec![-1.0, 1.2],
        stds: vec![0.45, 0.35],
        weights: vec![0.6, 0.4],
    };
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
    check_range("z", z, grid.lo, grid.hi)?;
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
    let mut q: Vec<f64> = (0..grid.n)
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
