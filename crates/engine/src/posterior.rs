//! One forward transform `Z = sqrt(alpha) X + sqrt(1 - alpha) eps` on the grid
//! (sections 2 and 3): the joint, the likelihood q(z|x), the marginal q(z) and
//! the posterior q(x|z), plus GaussFun of eq. 3.4.
//!
//! Matrices are row-major `N x N` with the row index on x and the column index
//! on z: `m[i * N + j]` is the value at `(x_i, z_j)`.
use crate::error::{check_alpha, check_len, EngineError};
use crate::grid::{normal_pdf, x, N, RES};
use alloc::vec;
use alloc::vec::Vec;

/// Below this distance from 1, alpha is the identity transform (no noise, no
/// posterior to speak of), as in the original.
pub const IDENTITY_EPS: f64 = 1e-5;
/// Added to a marginal before dividing by it, as the original does.
pub const DIV_EPS: f64 = 1e-10;

/// The joint, marginal and posterior of one forward step, with buffers kept
/// for reuse while a slider is dragged. The fields are private so their
/// lengths always hold (`N` or `N x N`; the joint `N x N` or empty): read them
/// through the accessors.
#[derive(Debug, Clone)]
pub struct ForwardStep {
    /// The step's alpha.
    alpha: f64,
    /// `J[i][j] = q(x_i) p(z_j | x_i)`, normalised so `sum(J) res^2 = 1`.
    /// Empty for a step made by [`ForwardStep::posterior_only`].
    joint: Vec<f64>,
    /// `q(z_j) = sum_i J[i][j] res` (eq. 2.1's marginal).
    q_z: Vec<f64>,
    /// `q(x_i | z_j) = J[i][j] / (q(z_j) + 1e-10)` (eq. 3.1).
    posterior: Vec<f64>,
    /// `r_i = sum_j exp(-(z_j - sqrt(alpha) x_i)^2 / (2 (1 - alpha)))`, the
    /// normaliser of each row of p(z | x_i) (kept for the symmetric form).
    row_norms: Vec<f64>,
    /// `sum_j J[i][j]` for each row i.
    row_totals: Vec<f64>,
    /// `sum_i J[i][j]` for each column j.
    col_totals: Vec<f64>,
}

impl Default for ForwardStep {
    fn default() -> Self {
        Self {
            alpha: f64::NAN,
            joint: vec![0.0; N * N],
            q_z: vec![0.0; N],
            posterior: vec![0.0; N * N],
            row_norms: vec![0.0; N],
            row_totals: vec![0.0; N],
            col_totals: vec![0.0; N],
        }
    }
}

impl ForwardStep {
    /// Computes the step for input `q_x` and `alpha`.
    pub fn new(q_x: &[f64], alpha: f64) -> Result<Self, EngineError> {
        let mut s = Self::default();
        s.compute(q_x, alpha)?;
        Ok(s)
    }

    /// A step that keeps only the posterior (no joint matrix): half the
    /// memory traffic, for the chains of demos 3.1-3.3 that never show the joint.
    pub fn posterior_only(q_x: &[f64], alpha: f64) -> Result<Self, EngineError> {
        let mut s = Self {
            joint: Vec::new(),
            ..Self::default_without_joint()
        };
        s.compute_impl(q_x, alpha, false)?;
        Ok(s)
    }

    fn default_without_joint() -> Self {
        Self {
            alpha: f64::NAN,
            joint: Vec::new(),
            q_z: vec![0.0; N],
            posterior: vec![0.0; N * N],
            row_norms: vec![0.0; N],
            row_totals: vec![0.0; N],
            col_totals: vec![0.0; N],
        }
    }

    /// Recomputes in place, reusing the buffers.
    pub fn compute(&mut self, q_x: &[f64], alpha: f64) -> Result<(), EngineError> {
        self.compute_impl(q_x, alpha, true)
    }

    fn compute_impl(
        &mut self,
        q_x: &[f64],
        alpha: f64,
        keep_joint: bool,
    ) -> Result<(), EngineError> {
        check_len("q_x", q_x, N)?;
        check_alpha("alpha", alpha)?;
        self.alpha = alpha;
        // The joint is built in the posterior's buffer, copied out if kept,
        // then divided in place by q(z).
        let m = &mut self.posterior;
        if 1.0 - alpha < IDENTITY_EPS {
            m.iter_mut().for_each(|v| *v = 0.0);
            for i in 0..N {
                m[i * N + i] = q_x[i] / RES;
            }
        } else {
            transition_rows(alpha, m);
            // Each row is p(z | x_i) up to a constant; weight it by q(x_i).
            for (i, row) in m.chunks_exact_mut(N).enumerate() {
                let s: f64 = row.iter().sum();
                self.row_norms[i] = s;
                let w = if s > 0.0 { q_x[i] / s } else { 0.0 };
                row.iter_mut().for_each(|v| *v *= w);
            }
            let total: f64 = m.iter().sum::<f64>() * RES * RES;
            let scale = if total > 0.0 { 1.0 / total } else { 0.0 };
            m.iter_mut().for_each(|v| *v *= scale);
        }
        self.col_totals.iter_mut().for_each(|v| *v = 0.0);
        for (i, row) in m.chunks_exact(N).enumerate() {
            self.row_totals[i] = row.iter().sum();
            for (c, &j) in self.col_totals.iter_mut().zip(row) {
                *c += j;
            }
        }
        for (qz, &c) in self.q_z.iter_mut().zip(&self.col_totals) {
            *qz = c * RES;
        }
        if keep_joint {
            self.joint.resize(N * N, 0.0);
            self.joint.copy_from_slice(m);
        } else {
            self.joint = Vec::new();
        }
        let inv: Vec<f64> = self.q_z.iter().map(|&q| 1.0 / (q + DIV_EPS)).collect();
        for row in m.chunks_exact_mut(N) {
            for (p, &d) in row.iter_mut().zip(&inv) {
                *p *= d;
            }
        }
        Ok(())
    }

    /// The step's alpha (NaN for a [`Default`] step, never computed).
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// `J[i][j] = q(x_i) p(z_j | x_i)`, normalised so `sum(J) res^2 = 1`,
    /// row-major `N x N`; empty for a step made by
    /// [`ForwardStep::posterior_only`].
    pub fn joint(&self) -> &[f64] {
        &self.joint
    }

    /// `q(z_j) = sum_i J[i][j] res` (eq. 2.1's marginal), `N` values.
    pub fn q_z(&self) -> &[f64] {
        &self.q_z
    }

    /// `q(x_i | z_j) = J[i][j] / (q(z_j) + 1e-10)` (eq. 3.1), row-major `N x N`.
    pub fn posterior(&self) -> &[f64] {
        &self.posterior
    }

    /// `r_i`, the normaliser of each row of p(z | x_i), `N` values.
    pub fn row_norms(&self) -> &[f64] {
        &self.row_norms
    }

    /// `sum_j J[i][j]` for each row i.
    pub fn row_totals(&self) -> &[f64] {
        &self.row_totals
    }

    /// `sum_i J[i][j]` for each column j.
    pub fn col_totals(&self) -> &[f64] {
        &self.col_totals
    }

    /// The joint value `J[i][j]`, from the joint when kept, else recovered
    /// from the posterior.
    fn joint_at(&self, i: usize, j: usize) -> f64 {
        if self.joint.len() == N * N {
            self.joint[i * N + j]
        } else {
            self.posterior[i * N + j] * (self.q_z[j] + DIV_EPS)
        }
    }

    /// The posterior column `q(x | z_j)` over x.
    pub fn posterior_column(&self, j: usize) -> Vec<f64> {
        if j >= N {
            return vec![0.0; N];
        }
        (0..N).map(|i| self.posterior[i * N + j]).collect()
    }

    /// The likelihood `q(z | x_i) = J[i][j] / (q(x_i) + 1e-10)` over z (eq. 2.1).
    pub fn likelihood_row(&self, q_x: &[f64], i: usize) -> Vec<f64> {
        let d = q_x.get(i).copied().unwrap_or(0.0) + DIV_EPS;
        if i >= N {
            return vec![0.0; N];
        }
        (0..N).map(|j| self.joint_at(i, j) / d).collect()
    }

    /// The whole likelihood matrix `q(z_j | x_i)`, rows on x.
    pub fn likelihood(&self, q_x: &[f64]) -> Vec<f64> {
        let mut out: Vec<f64> = (0..N * N).map(|k| self.joint_at(k / N, k % N)).collect();
        for (i, row) in out.chunks_exact_mut(N).enumerate() {
            let d = q_x.get(i).copied().unwrap_or(0.0) + DIV_EPS;
            row.iter_mut().for_each(|v| *v /= d);
        }
        out
    }

    /// The posterior transform `out = Q z res`: the pdf over x reached from a
    /// pdf `z` over z (eq. 5.1; section 7).
    pub fn apply_posterior(&self, z: &[f64], out: &mut [f64]) {
        apply(&self.posterior, z, out);
    }
}

/// `out_i = sum_j m[i][j] v_j res` for a row-major `N x N` matrix.
pub fn apply(m: &[f64], v: &[f64], out: &mut [f64]) {
    for (o, row) in out.iter_mut().zip(m.chunks_exact(N)) {
        let mut acc = 0.0;
        for (&a, &b) in row.iter().zip(v) {
            acc += a * b;
        }
        *o = acc * RES;
    }
}

/// Fills `m` with `exp(-(z_j - sqrt(alpha) x_i)^2 / (2 (1 - alpha)))`, the
/// unnormalised Gaussian p(z | x_i) on each row.
fn transition_rows(alpha: f64, m: &mut [f64]) {
    let var = 1.0 - alpha;
    let sa = libm::sqrt(alpha);
    for (i, row) in m.chunks_exact_mut(N).enumerate() {
        crate::grid::gaussian_kernel(sa * x(i), var, row);
    }
}

/// GaussFun of eq. 3.4: `N(x; z / sqrt(alpha), sqrt((1 - alpha) / alpha))` over
/// x, the factor the posterior multiplies q(x) by. Not normalised on the grid.
pub fn gauss_fun(alpha: f64, z: f64) -> Result<Vec<f64>, EngineError> {
    check_alpha("alpha", alpha)?;
    crate::error::check_range("z", z, -1e6, 1e6)?;
    let mean = z / libm::sqrt(alpha);
    let std = libm::sqrt((1.0 - alpha) / alpha);
    Ok((0..N).map(|i| normal_pdf(x(i), mean, std)).collect())
}

/// Column-normalises a posterior so each column sums to 1 (a Markov matrix);
/// an all-zero column stays zero.
pub fn column_normalised(posterior: &[f64]) -> Vec<f64> {
    let mut sums = vec![0.0; N];
    for row in posterior.chunks_exact(N) {
        for (s, &v) in sums.iter_mut().zip(row) {
            *s += v;
        }
    }
    // Divide (as NumPy's `P / P.sum(0)`), not multiply by a reciprocal that
    // overflows for a subnormal column sum.
    let mut out = posterior.to_vec();
    for row in out.chunks_exact_mut(N) {
        for (v, &d) in row.iter_mut().zip(&sums) {
            *v = if d > 0.0 { *v / d } else { 0.0 };
        }
    }
    out
}
