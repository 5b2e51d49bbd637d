//! Demo 4.1 (section 7): the posterior transform `q_out = Q q_in res` is a
//! contraction. Its rate is lambda2, the second largest |eigenvalue| of the
//! column-normalised posterior (eq. 7.12 and Appendix D), and two random
//! inputs come closer after one transform (div_out < div_in).
use crate::data::{self, MODAL_COUNTS};
use crate::divergence::js_distance;
use crate::error::{check_len, EngineError};
use crate::grid::{x, N};
use crate::posterior::{ForwardStep, DIV_EPS};
use crate::rng::LegacyRandom;
use crate::spectral::{dot, orthogonalise, start_vector};
use alloc::vec;
use alloc::vec::Vec;

/// q(x) of demo 4.1: `shape_type` is the first `randint(0, 4)` of the seed's
/// generator; the mixture has 16 components, special seeds apply, and the
/// result is renormalised. Returns `(shape_type, q_x)`.
pub fn data_for_seed(seed: u32) -> Result<(u32, Vec<f64>), EngineError> {
    let shape = LegacyRandom::new(seed).randint(0, 4) as u32;
    let q = data::hijacked_normalised(seed, shape, data::DEFAULT_MODAL_COUNT)?;
    Ok((shape, q))
}

/// The two random inputs of demo 4.1 and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TwoInputs {
    /// Mixture sizes drawn with `choice(MODAL_COUNTS)`.
    pub modal_counts: [usize; 2],
    /// Seeds drawn with `randint(0, 1_000_000)`.
    pub seeds: [u32; 2],
    /// Shapes drawn with `randint(0, 4)`.
    pub shapes: [u32; 2],
    /// The two input pdfs.
    pub inputs: [Vec<f64>; 2],
}

/// Draws demo 4.1's two inputs from `RandomState(inputs_seed)`: both counts,
/// then both seeds, then both shapes, in that order.
pub fn two_inputs(inputs_seed: u32) -> Result<TwoInputs, EngineError> {
    let mut rng = LegacyRandom::new(inputs_seed);
    let mut count = || {
        rng.choice(&MODAL_COUNTS)
            .unwrap_or(data::DEFAULT_MODAL_COUNT)
    };
    let modal_counts = [count(), count()];
    let seeds = [
        rng.randint(0, 1_000_000) as u32,
        rng.randint(0, 1_000_000) as u32,
    ];
    let shapes = [rng.randint(0, 4) as u32, rng.randint(0, 4) as u32];
    let inputs = [
        data::mixture(seeds[0], shapes[0], modal_counts[0])?,
        data::mixture(seeds[1], shapes[1], modal_counts[1])?,
    ];
    Ok(TwoInputs {
        modal_counts,
        seeds,
        shapes,
        inputs,
    })
}

/// One contraction experiment: two inputs, their outputs and distances.
#[derive(Debug, Clone, PartialEq)]
pub struct Contraction {
    /// The inputs and how they were drawn.
    pub inputs: TwoInputs,
    /// `Q z res` for each input.
    pub outputs: [Vec<f64>; 2],
    /// JS distance between the inputs.
    pub js_in: f64,
    /// JS distance between the outputs.
    pub js_out: f64,
}

/// Applies the posterior of `step` to the two inputs of `inputs_seed`.
pub fn contraction(step: &ForwardStep, inputs_seed: u32) -> Result<Contraction, EngineError> {
    let inputs = two_inputs(inputs_seed)?;
    let mut outputs = [vec![0.0; N], vec![0.0; N]];
    for (o, i) in outputs.iter_mut().zip(&inputs.inputs) {
        step.apply_posterior(i, o);
    }
    let js_in = js_distance(&inputs.inputs[0], &inputs.inputs[1]);
    let js_out = js_distance(&outputs[0], &outputs[1]);
    Ok(Contraction {
        inputs,
        outputs,
        js_in,
        js_out,
    })
}

/// The posterior transform in symmetric form.
///
/// Why: the posterior is `K = diag(u) E diag(v)` with `E[i][j] = exp(c x_i x_j)`
/// symmetric (x and z share the grid), so K is reversible and
/// `K = diag(p) S diag(1/p)` with `S = diag(w) E diag(w)` symmetric,
/// `w = sqrt(u v)`, `p = sqrt(u / v)`. The factors are formed in log space
/// because `u` and `v` alone under/overflow for alpha near 1 while `S` and `p`
/// do not. S has K's eigenvalues, so one symmetric eigendecomposition gives
/// lambda2 and every power `K^n = diag(p) U L^n U^T diag(1/p)`.
///
/// The fields are private (S is always `N x N` and `p` has `N` values): read
/// them through [`SymmetricForm::s`] and [`SymmetricForm::p`].
#[derive(Debug, Clone)]
pub struct SymmetricForm {
    /// Row-major symmetric `N x N` matrix S.
    s: Vec<f64>,
    /// The similarity scale `p` (0 outside the support of q(x)).
    p: Vec<f64>,
}

impl SymmetricForm {
    /// The symmetric form of the posterior of `step` for input `q_x`.
    /// `normalised` picks the column-normalised posterior (a Markov matrix,
    /// lambda1 = 1) or the transform as applied, `Q res` with the 1e-10 of
    /// eq. 3.1's denominator.
    pub fn new(q_x: &[f64], step: &ForwardStep, normalised: bool) -> Result<Self, EngineError> {
        check_len("q_x", q_x, N)?;
        crate::error::check_alpha("step.alpha", step.alpha())?;
        let alpha = step.alpha();
        if 1.0 - alpha < crate::posterior::IDENTITY_EPS {
            // The identity transform: S = I, p = 1.
            let mut s = vec![0.0; N * N];
            (0..N).for_each(|i| s[i * N + i] = 1.0);
            return Ok(Self { s, p: vec![1.0; N] });
        }
        let var = 1.0 - alpha;
        let sa = libm::sqrt(alpha);
        // Row weights of the joint: J[i][j] = q_i G_ij / r_i / Z with
        // G_ij = exp(-(z_j - sa x_i)^2 / 2var); recover log(q_i / (r_i Z)) from
        // the joint's own row sums, so this stays consistent with `step`.
        let mut log_u = vec![f64::NEG_INFINITY; N];
        let mut log_v = vec![0.0; N];
        let total_row = step.row_totals();
        let col = step.col_totals();
        for i in 0..N {
            let xi = x(i);
            // sum_j J[i][j] = q_i / Z  (row normalised), so u_i = (row sum) / r_i.
            let r_i = step.row_norms()[i];
            if total_row[i] > 0.0 && r_i > 0.0 {
                log_u[i] = libm::log(total_row[i] / r_i) - alpha * xi * xi / (2.0 * var);
            }
            let d = if normalised {
                col[i]
            } else {
                (step.q_z()[i] + DIV_EPS) / crate::grid::RES
            };
            log_v[i] = -xi * xi / (2.0 * var) - libm::log(d);
        }
        let c = sa / var;
        let h: Vec<f64> = (0..N).map(|i| 0.5 * (log_u[i] + log_v[i])).collect();
        let mut s = vec![0.0; N * N];
        for i in 0..N {
            if log_u[i] == f64::NEG_INFINITY {
                continue;
            }
            for j in i..N {
                if log_u[j] == f64::NEG_INFINITY {
                    continue;
                }
                let v = libm::exp(h[i] + h[j] + c * x(i) * x(j));
                s[i * N + j] = v;
                s[j * N + i] = v;
            }
        }
        let p = (0..N)
            .map(|i| {
                if log_u[i] == f64::NEG_INFINITY {
                    0.0
                } else {
                    libm::exp(0.5 * (log_u[i] - log_v[i]))
                }
            })
            .collect();
        Ok(Self { s, p })
    }

    /// The row-major symmetric `N x N` matrix S.
    pub fn s(&self) -> &[f64] {
        &self.s
    }

    /// The similarity scale `p` (0 outside the support of q(x)).
    pub fn p(&self) -> &[f64] {
        &self.p
    }
}

/// lambda2: the second largest |eigenvalue| of the column-normalised posterior
/// (Appendix D: the rate at which the posterior transform contracts).
///
/// The largest is 1 with S-eigenvector `p`, known in closed form, so the
/// search is deflated against it and Lanczos finds the next one in a few
/// dozen matrix-vector products (a full eigendecomposition costs ~30x more).
/// S is positive semi-definite (a Gaussian kernel between diagonal scalings),
/// so the largest remaining eigenvalue is also the largest in magnitude.
pub fn lambda2(q_x: &[f64], step: &ForwardStep) -> Result<f64, EngineError> {
    let sym = SymmetricForm::new(q_x, step, true)?;
    Ok(largest_eigenvalue_deflated(&sym.s, &sym.p))
}

/// Largest eigenvalue of the symmetric `s` on the complement of `top`, by
/// Lanczos with full reorthogonalisation.
fn largest_eigenvalue_deflated(s: &[f64], top: &[f64]) -> f64 {
    const KMAX: usize = 160;
    let tn = libm::sqrt(dot(top, top));
    let top: Vec<f64> = top
        .iter()
        .map(|v| if tn > 0.0 { v / tn } else { 0.0 })
        .collect();
    let top = [top];
    let mut q = start_vector(None);
    let mut basis: Vec<Vec<f64>> = Vec::with_capacity(KMAX);
    let orth = |w: &mut Vec<f64>, basis: &[Vec<f64>]| {
        orthogonalise(w, &top);
        orthogonalise(w, basis);
    };
    orth(&mut q, &basis);
    let n0 = libm::sqrt(dot(&q, &q));
    if n0 == 0.0 {
        return 0.0;
    }
    q.iter_mut().for_each(|v| *v /= n0);
    let mut alphas: Vec<f64> = Vec::new();
    let mut betas: Vec<f64> = Vec::new();
    let mut prev = f64::NAN;
    let mut w = vec![0.0; N];
    for k in 0..KMAX {
        for (wi, row) in w.iter_mut().zip(s.chunks_exact(N)) {
            *wi = dot(row, &q);
        }
        let a = dot(&w, &q);
        alphas.push(a);
        basis.push(core::mem::take(&mut q));
        orth(&mut w, &basis);
        let b = libm::sqrt(dot(&w, &w));
        let done = b <= 1e-13;
        if k % 6 == 5 || done || k == KMAX - 1 {
            let est = tridiagonal_max(&alphas, &betas);
            if done || libm::fabs(est - prev) <= 1e-15 {
                return est;
            }
            prev = est;
        }
        betas.push(b);
        q = w.iter().map(|v| v / b).collect();
    }
    prev
}

/// Largest eigenvalue of the symmetric tridiagonal matrix with diagonal `a`
/// and off-diagonal `b`.
fn tridiagonal_max(a: &[f64], b: &[f64]) -> f64 {
    crate::spectral::tridiagonal(a, b)
        .symmetric_eigenvalues()
        .iter()
        .fold(f64::NEG_INFINITY, |m, &v| m.max(v))
}
