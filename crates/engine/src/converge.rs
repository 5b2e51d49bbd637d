//! Demo 4.2 (section 7, Appendix D): iterating the posterior transform from
//! any input converges; `Q^n z` for n up to 1,000,000 and the power matrices
//! `Q^n`, from one symmetric eigendecomposition (see
//! [`SymmetricForm`]).
use crate::contraction::SymmetricForm;
use crate::data::{self, MODAL_COUNTS};
use crate::divergence::js_distance;
use crate::error::{check_len, check_range, EngineError};
use crate::grid::N;
use crate::posterior::ForwardStep;
use crate::rng::LegacyRandom;
use crate::spectral::{axpy, leading_eigenpairs, Eigenpairs};
use alloc::vec;
use alloc::vec::Vec;

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

/// Up to this many transforms are applied one by one (exact); beyond, the
/// eigenbasis takes over, where only eigenvalues above ~0.35 still matter.
const DIRECT_UP_TO: u64 = 32;
/// Lanczos steps for the eigenbasis: the spectrum decays geometrically, so
/// this resolves every eigenpair above ~1e-12 (about 50 of 461 at alpha 0.95).
const LANCZOS_STEPS: usize = 140;

/// The posterior transform ready to be raised to any power.
pub struct PowerIteration {
    /// `Q res` as applied (row-major, rows on x).
    k: Vec<f64>,
    /// Similarity scale of the symmetric form (0 off the support of q(x)).
    p: Vec<f64>,
    /// Leading eigenpairs of the symmetric form S, descending.
    eig: Eigenpairs,
}

impl PowerIteration {
    /// Decomposes the transform of `step` (input `q_x`).
    pub fn new(q_x: &[f64], step: &ForwardStep) -> Result<Self, EngineError> {
        check_len("q_x", q_x, N)?;
        let sym = SymmetricForm::new(q_x, step, false)?;
        check_len("step.posterior", &step.posterior, N * N)?;
        // Slowly mixing chains (alpha near 1) have many eigenvalues near 1:
        // grow the Krylov space until every pair that still matters after
        // the direct steps has converged (at N steps it is the whole space).
        let mut steps = LANCZOS_STEPS;
        let eig = loop {
            let eig = leading_eigenpairs(&sym.s, &[], Some(&sym.p), steps);
            let top = eig.values.first().copied().unwrap_or(0.0);
            let converged = eig
                .values
                .iter()
                .zip(&eig.residuals)
                .filter(|(l, _)| pow_u(libm::fabs(**l), DIRECT_UP_TO) > 1e-15 * top)
                .all(|(_, r)| *r <= 1e-9 * top);
            if converged || steps >= N {
                break eig;
            }
            steps = (steps * 2).min(N);
        };
        let k: Vec<f64> = step
            .posterior
            .iter()
            .map(|&v| v * crate::grid::RES)
            .collect();
        Ok(Self { k, p: sym.p, eig })
    }

    /// The leading eigenvalues of the transform, descending.
    pub fn eigenvalues(&self) -> &[f64] {
        &self.eig.values
    }

    /// One transform: `Q v res`.
    fn once(&self, v: &[f64], out: &mut [f64]) {
        for (o, row) in out.iter_mut().zip(self.k.chunks_exact(N)) {
            *o = row.iter().zip(v).map(|(a, b)| a * b).sum();
        }
    }

    /// `Q^n z` (n posterior transforms of `z`); `n = 0` returns `z`.
    pub fn apply_power(&self, z: &[f64], n: u64) -> Result<Vec<f64>, EngineError> {
        check_len("z", z, N)?;
        let mut cur = z.to_vec();
        let mut next = vec![0.0; N];
        let direct = n.min(DIRECT_UP_TO.max(1));
        for _ in 0..direct {
            self.once(&cur, &mut next);
            core::mem::swap(&mut cur, &mut next);
        }
        if n > direct {
            cur = self.power_from_support(&cur, n - direct);
        }
        Ok(cur)
    }

    /// `K^m y` for `y` already one transform in (so zero off the support):
    /// `p U L^m U^T (y / p)`.
    fn power_from_support(&self, y: &[f64], m: u64) -> Vec<f64> {
        let w: Vec<f64> = y
            .iter()
            .zip(&self.p)
            .map(|(&yi, &pi)| if pi > 0.0 { yi / pi } else { 0.0 })
            .collect();
        let mut out = vec![0.0; N];
        for (l, u) in self.eig.values.iter().zip(&self.eig.vectors) {
            let lp = pow_u(*l, m);
            if lp == 0.0 || !lp.is_finite() {
                continue;
            }
            let c = lp * u.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>();
            axpy(&mut out, c, u);
        }
        out.iter_mut().zip(&self.p).for_each(|(o, &pi)| *o *= pi);
        out
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
        let top = self
            .eig
            .values
            .first()
            .map(|v| pow_u(libm::fabs(*v), m))
            .unwrap_or(0.0)
            .max(f64::MIN_POSITIVE);
        let kept: Vec<(&Vec<f64>, f64)> = self
            .eig
            .vectors
            .iter()
            .zip(&self.eig.values)
            .map(|(u, &l)| (u, pow_u(l, m)))
            .filter(|(_, l)| libm::fabs(*l) > 1e-12 * top)
            .collect();
        // B = U_r^T diag(1/p) K, then K^n = diag(p) U_r L^(n-1) B.
        let mut b = vec![0.0; kept.len() * N];
        for (row, (u, _)) in kept.iter().enumerate() {
            let brow = &mut b[row * N..(row + 1) * N];
            for i in 0..N {
                if self.p[i] <= 0.0 || u[i] == 0.0 {
                    continue;
                }
                axpy(brow, u[i] / self.p[i], &self.k[i * N..(i + 1) * N]);
            }
        }
        let mut out = vec![0.0; N * N];
        for i in 0..N {
            if self.p[i] <= 0.0 {
                continue;
            }
            let orow = &mut out[i * N..(i + 1) * N];
            for (row, (u, l)) in kept.iter().enumerate() {
                axpy(orow, self.p[i] * u[i] * l / res, &b[row * N..(row + 1) * N]);
            }
        }
        out
    }
}

/// `x^n` for a whole n.
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

/// Every displayed iterate for input `z`, compared with `q_x`. Small counts
/// advance one transform at a time from the previous count; large ones start
/// from the state after the direct steps.
pub fn iterate(
    power: &PowerIteration,
    q_x: &[f64],
    z: &[f64],
    n_max: u64,
) -> Result<Vec<Iterate>, EngineError> {
    check_len("z", z, N)?;
    let counts = displayed_counts(n_max)?;
    let mut cur = z.to_vec();
    let mut next = vec![0.0; N];
    let mut applied = 0u64;
    let mut out = Vec::with_capacity(counts.len());
    for n in counts {
        let direct = n.min(DIRECT_UP_TO);
        while applied < direct {
            power.once(&cur, &mut next);
            core::mem::swap(&mut cur, &mut next);
            applied += 1;
        }
        let q = if n > applied {
            power.power_from_support(&cur, n - applied)
        } else {
            cur.clone()
        };
        let js = js_distance(&q, q_x);
        out.push(Iterate { n, q, js });
    }
    Ok(out)
}
