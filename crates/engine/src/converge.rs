//! Demo 4.2 (section 7, Appendix D): iterating the posterior transform from
//! any input converges; `Q^n z` for n up to 1,000,000 and the power matrices
//! `Q^n`, from one symmetric eigendecomposition (see
//! [`SymmetricForm`](crate::contraction::SymmetricForm)).
use crate::contraction::SymmetricForm;
use crate::data::{self, MODAL_COUNTS};
use crate::divergence::js_distance;
use crate::error::{check_len, check_range, EngineError};
use crate::grid::N;
use crate::posterior::{self, ForwardStep};
use crate::rng::LegacyRandom;
use alloc::vec;
use alloc::vec::Vec;
use nalgebra::{DMatrix, SymmetricEigen};

/// Largest iterate number the demo accepts.
pub const MAX_ITERATE: u64 = 1_000_000;

/// The iteration counts demo 4.2 displays for iterate number `n_max`: all of
/// 1..=n_max up to 23; beyond, 1..=6 then 17 counts
/// `6 + ceil(u^2.5 (n_max - 7)) + 1` for u = linspace(0, 1, 17), each bumped to
/// exceed the one before.
pub fn displayed_counts(n_max: u64) -> Result<Vec<u64>, EngineError> {
    check_range("iterate_number", n_max as f64, 0.0, MAX_ITERATE as f64)?;
    if n_max <= 23 {
        return Ok((1..=n_max).collect());
    }
    let mut out: Vec<u64> = (1..=6).collect();
    let span = (n_max - 1 - 6) as f64;
    for k in 0..17 {
        let u = k as f64 / 16.0;
        let mut c = 6 + libm::ceil(libm::pow(u, 2.5) * span) as u64 + 1;
        let prev = *out.last().unwrap_or(&0);
        if c <= prev {
            c = prev + 1;
        }
        out.push(c);
    }
    Ok(out)
}

/// Demo 4.2's input from `RandomState(seed)`: shape = `randint(0, 4)`, count =
/// `choice(MODAL_COUNTS)`, then the mixture for (seed, shape, count).
pub fn fixed_point_input(seed: u32) -> Result<Vec<f64>, EngineError> {
    let mut rng = LegacyRandom::new(seed);
    let shape = rng.randint(0, 4) as u32;
    let count = rng
        .choice(&MODAL_COUNTS)
        .unwrap_or(data::DEFAULT_MODAL_COUNT);
    data::mixture(seed, shape, count)
}

/// The posterior transform ready to be raised to any power.
pub struct PowerIteration {
    /// `Q res` as applied (row-major, rows on x).
    k: Vec<f64>,
    /// Similarity scale of the symmetric form (0 off the support of q(x)).
    p: Vec<f64>,
    /// Eigenvalues of S, descending.
    values: Vec<f64>,
    /// Eigenvectors of S, column `r` for `values[r]`, row-major `N x N`.
    vectors: Vec<f64>,
}

impl PowerIteration {
    /// Decomposes the transform of `step` (input `q_x`).
    pub fn new(q_x: &[f64], step: &ForwardStep) -> Result<Self, EngineError> {
        check_len("q_x", q_x, N)?;
        let sym = SymmetricForm::new(q_x, step, false)?;
        let eig = SymmetricEigen::new(DMatrix::from_row_slice(N, N, &sym.s));
        let mut order: Vec<usize> = (0..N).collect();
        order.sort_by(|&a, &b| {
            eig.eigenvalues[b]
                .partial_cmp(&eig.eigenvalues[a])
                .unwrap_or(core::cmp::Ordering::Equal)
        });
        let values: Vec<f64> = order.iter().map(|&r| eig.eigenvalues[r]).collect();
        let mut vectors = vec![0.0; N * N];
        for (c, &r) in order.iter().enumerate() {
            for i in 0..N {
                vectors[i * N + c] = eig.eigenvectors[(i, r)];
            }
        }
        let k: Vec<f64> = step
            .posterior
            .iter()
            .map(|&v| v * crate::grid::RES)
            .collect();
        Ok(Self {
            k,
            p: sym.p,
            values,
            vectors,
        })
    }

    /// Eigenvalues of the transform, descending.
    pub fn eigenvalues(&self) -> &[f64] {
        &self.values
    }

    /// `Q^n z` (n posterior transforms of `z`); `n = 0` returns `z`.
    pub fn apply_power(&self, z: &[f64], n: u64) -> Result<Vec<f64>, EngineError> {
        check_len("z", z, N)?;
        if n == 0 {
            return Ok(z.to_vec());
        }
        // First transform exactly (it reaches off-support columns), the
        // remaining n - 1 in the eigenbasis: K^(n-1) y = p U L^(n-1) U^T (y / p).
        let mut y = vec![0.0; N];
        posterior::apply(&self.k, z, &mut y);
        for v in y.iter_mut() {
            *v /= crate::grid::RES;
        }
        if n == 1 {
            return Ok(y);
        }
        let w: Vec<f64> = y
            .iter()
            .zip(&self.p)
            .map(|(&yi, &pi)| if pi > 0.0 { yi / pi } else { 0.0 })
            .collect();
        let m = n - 1;
        let mut coef = vec![0.0; N];
        for (r, c) in coef.iter_mut().enumerate() {
            let lp = pow_u(self.values[r], m);
            if lp == 0.0 {
                continue;
            }
            let mut acc = 0.0;
            for i in 0..N {
                acc += self.vectors[i * N + r] * w[i];
            }
            *c = acc * lp;
        }
        let mut out = vec![0.0; N];
        for (i, o) in out.iter_mut().enumerate() {
            let row = &self.vectors[i * N..(i + 1) * N];
            let s: f64 = row.iter().zip(&coef).map(|(a, b)| a * b).sum();
            *o = s * self.p[i];
        }
        Ok(out)
    }

    /// The power matrix `Q^n` (as applied, i.e. `(Q res)^n / res`, row-major,
    /// rows on x), for display. Eigenpairs whose `lambda^(n-1)` falls below
    /// `1e-12` of the largest are dropped (invisible on a heat map).
    pub fn power_matrix(&self, n: u64) -> Vec<f64> {
        let res = crate::grid::RES;
        if n <= 1 {
            return self.k.iter().map(|v| v / res).collect();
        }
        let m = n - 1;
        let top = pow_u(self.values[0].abs(), m).max(f64::MIN_POSITIVE);
        let kept: Vec<(usize, f64)> = (0..N)
            .map(|r| (r, pow_u(self.values[r], m)))
            .filter(|(_, l)| l.abs() > 1e-12 * top)
            .collect();
        // B = U_r^T diag(1/p) K, then K^n = diag(p) U_r L^(n-1) B.
        let mut b = vec![0.0; kept.len() * N];
        for (row, &(r, _)) in kept.iter().enumerate() {
            let brow = &mut b[row * N..(row + 1) * N];
            for i in 0..N {
                if self.p[i] <= 0.0 {
                    continue;
                }
                let f = self.vectors[i * N + r] / self.p[i];
                if f == 0.0 {
                    continue;
                }
                let krow = &self.k[i * N..(i + 1) * N];
                for (bv, &kv) in brow.iter_mut().zip(krow) {
                    *bv += f * kv;
                }
            }
        }
        let mut out = vec![0.0; N * N];
        for i in 0..N {
            if self.p[i] <= 0.0 {
                continue;
            }
            let orow = &mut out[i * N..(i + 1) * N];
            for (row, &(r, l)) in kept.iter().enumerate() {
                let f = self.p[i] * self.vectors[i * N + r] * l / res;
                let brow = &b[row * N..(row + 1) * N];
                for (o, &bv) in orow.iter_mut().zip(brow) {
                    *o += f * bv;
                }
            }
        }
        out
    }
}

/// `x^n` for a whole n by squaring (exact enough and fast for n up to 10^6).
fn pow_u(x: f64, n: u64) -> f64 {
    libm::pow(x, n as f64)
}

/// One displayed iteration of demo 4.2.
#[derive(Debug, Clone, PartialEq)]
pub struct Iterate {
    /// Number of transforms applied.
    pub n: u64,
    /// `Q^n z`.
    pub q: Vec<f64>,
    /// JS distance of `Q^n z` to q(x).
    pub js: f64,
}

/// Every displayed iterate for input `z`, compared with `q_x`.
pub fn iterate(
    power: &PowerIteration,
    q_x: &[f64],
    z: &[f64],
    n_max: u64,
) -> Result<Vec<Iterate>, EngineError> {
    let counts = displayed_counts(n_max)?;
    counts
        .into_iter()
        .map(|n| {
            let q = power.apply_power(z, n)?;
            let js = js_distance(&q, q_x);
            Ok(Iterate { n, q, js })
        })
        .collect()
}
