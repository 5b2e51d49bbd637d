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
use crate::spectral::{axpy, dot, dot4, orthogonalise, start_vector, Lanczos};
use crate::work::{run, Meter};
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
                let e = h[i] + h[j] + c * x(i) * x(j);
                // exp underflows to 0 below ~-745.13: skip the call (most
                // of S at alpha near 1), same matrix to the bit.
                if e < -746.0 {
                    continue;
                }
                let v = libm::exp(e);
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
/// search is deflated against it. S is positive semi-definite (a Gaussian
/// kernel between diagonal scalings), so the largest remaining eigenvalue
/// is also the largest in magnitude.
///
/// How: where S is a narrow band (alpha above ~0.98), Lanczos on
/// `(sigma I - S)^-1`, sigma just above 1, through a Cholesky factor of S's
/// envelope: lambda2 is within 1e-3 of 1 there while the next eigenvalue is
/// ~100x further from 1, so a handful of solves resolve it, where Lanczos
/// on S itself needed 160 products (demo 4.1 drags alpha up to 0.999 at one
/// update per frame). The value is the Rayleigh quotient of S at the Ritz
/// vector, exact to rounding. Elsewhere the band is wide and the
/// eigenvalues apart: Lanczos on S, a few dozen products of its band.
pub fn lambda2(q_x: &[f64], step: &ForwardStep) -> Result<f64, EngineError> {
    let sym = SymmetricForm::new(q_x, step, true)?;
    Ok(second_eigenvalue(&sym.s, &sym.p))
}

/// Entries of S at or below this are left out of its envelope and band
/// (S's eigenvalues move by at most N times this).
const NEGLIGIBLE: f64 = 1e-25;
/// Shift-invert is used when the Cholesky factor of the envelope costs at
/// most this many multiply-adds (alpha above ~0.98 for demo 4.1's q(x)).
const SHIFT_INVERT_WORK: usize = 4_500_000;
/// The shift `sigma = 1 + SHIFT` (above every eigenvalue of S, which are at
/// most 1 + ~1e-14, so `sigma I - S` is positive definite).
const SHIFT: f64 = 1e-6;
/// Shift-invert Lanczos stops when the residual of its top Ritz pair is at
/// most this relative to the Ritz value (the Ritz vector is then within
/// ~1e-10 of the eigenvector, and the Rayleigh quotient within ~1e-20).
const SHIFT_INVERT_TOL: f64 = 1e-10;
/// Steps of shift-invert Lanczos before giving up (not seen: ~6 are used).
const SHIFT_INVERT_MAX: usize = 40;

/// Largest eigenvalue of the symmetric `N x N` matrix `s` on the complement
/// of `top` (S's eigenvector of eigenvalue 1, unnormalised).
fn second_eigenvalue(s: &[f64], top: &[f64]) -> f64 {
    let tn = libm::sqrt(dot(top, top));
    let top: Vec<f64> = top
        .iter()
        .map(|v| if tn > 0.0 { v / tn } else { 0.0 })
        .collect();
    let rows: Vec<(usize, usize)> = s
        .chunks_exact(N)
        .enumerate()
        .map(|(i, row)| {
            let lo = row.iter().position(|&v| libm::fabs(v) > NEGLIGIBLE);
            let hi = row.iter().rposition(|&v| libm::fabs(v) > NEGLIGIBLE);
            match (lo, hi) {
                // The diagonal is always inside (the factor needs it).
                (Some(lo), Some(hi)) => (lo.min(i), (hi + 1).max(i + 1)),
                _ => (i, i + 1),
            }
        })
        .collect();
    let factor_work: usize = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i - r.0).pow(2) / 2)
        .sum();
    if factor_work <= SHIFT_INVERT_WORK {
        if let Some(l) = shift_invert(s, &rows, &top) {
            return l;
        }
    }
    largest_eigenvalue_deflated(s, &rows, top)
}

/// The lower Cholesky factor `L` of a symmetric positive definite matrix
/// within its envelope: row `i` holds columns `lo[i]..=i` (no fill-in falls
/// outside a row's envelope).
struct EnvelopeCholesky {
    lo: Vec<usize>,
    /// Where row `i` starts in `l`.
    start: Vec<usize>,
    l: Vec<f64>,
}

impl EnvelopeCholesky {
    /// The factor of `sigma I - s` (`s` row-major `N x N`, `rows` the ranges
    /// of its entries that matter), or `None` if a pivot is not positive.
    fn new(s: &[f64], rows: &[(usize, usize)], sigma: f64) -> Option<Self> {
        let lo: Vec<usize> = rows.iter().map(|r| r.0).collect();
        let mut start = Vec::with_capacity(N);
        let mut total = 0;
        for (i, &l) in lo.iter().enumerate() {
            start.push(total);
            total += i + 1 - l;
        }
        let mut f = EnvelopeCholesky {
            lo,
            start,
            l: vec![0.0; total],
        };
        for i in 0..N {
            let (li, si) = (f.lo[i], f.start[i]);
            for j in li..i {
                let (lj, sj) = (f.lo[j], f.start[j]);
                let k0 = li.max(lj);
                let a = &f.l[si + k0 - li..si + j - li];
                let b = &f.l[sj + k0 - lj..sj + j - lj];
                let v = (-s[i * N + j] - dot4(a, b)) / f.l[sj + j - lj];
                f.l[si + j - li] = v;
            }
            let row = &f.l[si..si + i - li];
            let d = sigma - s[i * N + i] - dot4(row, row);
            if !(d > 0.0 && d.is_finite()) {
                return None;
            }
            f.l[si + i - li] = libm::sqrt(d);
        }
        Some(f)
    }

    /// `out = (L L^T)^-1 b`.
    fn solve(&self, b: &[f64], out: &mut [f64]) {
        let y = out;
        for i in 0..N {
            let (li, si) = (self.lo[i], self.start[i]);
            let row = &self.l[si..si + i - li];
            y[i] = (b[i] - dot4(row, &y[li..i])) / self.l[si + i - li];
        }
        for i in (0..N).rev() {
            let (li, si) = (self.lo[i], self.start[i]);
            let xi = y[i] / self.l[si + i - li];
            y[i] = xi;
            axpy(&mut y[li..i], -xi, &self.l[si..si + i - li]);
        }
    }
}

/// `out = S v` over the band `rows`.
fn apply_band(s: &[f64], rows: &[(usize, usize)], v: &[f64], out: &mut [f64]) {
    for (i, &(lo, hi)) in rows.iter().enumerate() {
        out[i] = dot4(&s[i * N + lo..i * N + hi], &v[lo..hi]);
    }
}

/// lambda2 by Lanczos on `(sigma I - S)^-1` in the complement of `top`
/// (see [`lambda2`]); `None` if the factor or the iteration fails.
fn shift_invert(s: &[f64], rows: &[(usize, usize)], top: &[f64]) -> Option<f64> {
    let chol = EnvelopeCholesky::new(s, rows, 1.0 + SHIFT)?;
    let mut lanczos = Lanczos::new(start_vector(None), vec![top.to_vec()]);
    let meter = Meter::unlimited();
    while lanczos.len() < SHIFT_INVERT_MAX && !lanczos.finished() {
        lanczos.extend(1, |v, out| chol.solve(v, out));
        let ritz = lanczos.ritz();
        let (Some(&theta), Some(&r)) = (ritz.values.first(), ritz.residuals.first()) else {
            return None;
        };
        if lanczos.len() >= 2 && r <= SHIFT_INVERT_TOL * theta || lanczos.finished() {
            let y = run(&meter, lanczos.vectors_metered(&ritz, 1, &meter));
            let y = y.first()?;
            let mut sy = vec![0.0; N];
            apply_band(s, rows, y, &mut sy);
            let l = dot(y, &sy) / dot(y, y);
            return l.is_finite().then_some(l);
        }
    }
    None
}

/// Largest eigenvalue of the symmetric `s` (its band `rows`) on the
/// complement of the unit vector `top`, by Lanczos with full
/// reorthogonalisation.
fn largest_eigenvalue_deflated(s: &[f64], rows: &[(usize, usize)], top: Vec<f64>) -> f64 {
    const KMAX: usize = 160;
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
        apply_band(s, rows, &q, &mut w);
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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    /// The second largest eigenvalue of S from the full decomposition (of
    /// its rows that are not all zero: eigenvalue 0 for the others).
    fn dense_second(s: &[f64]) -> f64 {
        let live: Vec<usize> = (0..N)
            .filter(|&i| s[i * N..(i + 1) * N].iter().any(|&v| v != 0.0))
            .collect();
        let k = live.len();
        // (nalgebra's QR gives NaN on subnormal entries: they are dropped.)
        let m = nalgebra::DMatrix::from_fn(k, k, |a, b| {
            let v = s[live[a] * N + live[b]];
            if v.abs() < 1e-250 {
                0.0
            } else {
                v
            }
        });
        let mut ev: Vec<f64> = m.symmetric_eigenvalues().iter().copied().collect();
        assert!(ev.iter().all(|v| v.is_finite()), "{k} live rows");
        ev.sort_by(|a, b| b.total_cmp(a));
        ev[1]
    }

    #[test]
    fn lambda2_is_the_second_eigenvalue_by_either_method() {
        for (seed, alpha) in [
            (100u32, 0.5),
            (100, 0.95),
            (100, 0.98),
            (100, 0.99),
            (100, 0.999),
            (7, 0.997),
            (16003, 0.999),
            // (A narrow q(x), 17650, is checked against the original's
            // lambda2 in tests/golden_demo4.rs: nalgebra's decomposition of
            // its S gives NaN.)
        ] {
            let (_, q) = data_for_seed(seed).unwrap();
            let step = ForwardStep::new(&q, alpha).unwrap();
            let sym = SymmetricForm::new(&q, &step, true).unwrap();
            let want = dense_second(&sym.s);
            let got = lambda2(&q, &step).unwrap();
            let what = format!("seed {seed} alpha {alpha}");
            assert!((got - want).abs() <= 1e-12, "{what}: {got} vs {want}");
            // Where S is a narrow band both methods apply: they agree.
            if alpha >= 0.98 {
                let n = libm::sqrt(dot(&sym.p, &sym.p));
                let top: Vec<f64> = sym.p.iter().map(|v| v / n).collect();
                let rows: Vec<(usize, usize)> = (0..N).map(|_| (0, N)).collect();
                let si = shift_invert(&sym.s, &rows, &top).expect("a factor");
                let plain = largest_eigenvalue_deflated(&sym.s, &rows, top);
                assert!((si - want).abs() <= 1e-12, "{what}: shift-invert {si}");
                assert!((plain - want).abs() <= 1e-9, "{what}: Lanczos {plain}");
            }
        }
    }
}
