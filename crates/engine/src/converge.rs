//! Demo 4.2 (section 7, Appendix D): iterating the posterior transform from
//! any input converges; `Q^n z` for n up to 1,000,000 and the power matrices
//! `Q^n`.
//!
//! The trap (SPEC, demo 4.2): the original renormalises every column after
//! each product, which is the plain power of the column-normalised posterior
//! `Q̂` ([`transition`]), a Markov matrix that keeps the whole mass. The
//! posterior as it is loses mass wherever q(z) is tiny, so it is not what is
//! powered here (demo 4.1's one transform keeps it as it is).
//!
//! How: `Q̂` is reversible, `Q̂ = diag(p) S diag(1/p)` with `S` symmetric
//! (`S = sqrt(Q̂ * Q̂^T)` entrywise, `p^2` the stationary pdf), so
//! `Q̂^n = diag(p) U L^n U^T diag(1/p)`. The first transforms are applied one
//! by one, exactly (banded products); by then every eigenvalue Lanczos has
//! not resolved has decayed below 1e-16, and the input goes on in the
//! eigenbasis of the resolved ones, once a check shows nothing measurable
//! left outside it. An input with mass where q(x) is ~1e-8 gets coordinates
//! ~1e5 on the modes that live there, so the eigenbasis must be exact
//! relative to each mode's own size: slow modes living there are polished by
//! transforms, all pairs are Rayleigh-Ritz rotated with `S` applied exactly,
//! and eigenvalues above 1/2 come from the Dirichlet form of `1 - lambda`
//! (exact to its own rounding, so `lambda^(10^6)` is). Every `Q̂^n z` then
//! equals repeated products to ~1e-12 (`tests/converge_exact.rs`).
//!
//! The power matrices are for display: a column comes from the eigenbasis
//! where that is exact to the eye, else from products of `Q̂` (small n) or
//! from its own walk as an input (large n; cached between counts).
use crate::data::{self, MODAL_COUNTS};
use crate::divergence::js_distance;
use crate::error::{check_alpha, check_len, check_range, EngineError};
use crate::grid::{x, N, RES};
use crate::posterior::{ForwardStep, IDENTITY_EPS};
use crate::rng::LegacyRandom;
use crate::spectral::{axpy, dot4, start_vector, Lanczos};
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

/// A column whose posterior sums below this is normalised in log space
/// (its entries would be subnormal or zero: alpha near 1, far from q(x)).
const TINY_COLUMN: f64 = 1e-280;
/// Matrix entries at or below this are skipped in products (their share of
/// any result is below 1e-22 of it).
const NEGLIGIBLE: f64 = 1e-25;
/// A Ritz pair is resolved when its residual is at most this.
const RESOLVED: f64 = 1e-12;
/// A mode whose unit coordinate can show as more than this in a result
/// (`max |u / p| * max p`) lives far from q(x)'s mass and is polished.
const FAR_MODE: f64 = 1e3;
/// Far modes at least this slow are polished (faster ones decay during the
/// exact transforms).
const POLISH_FROM: f64 = 0.8;
/// A column of a power matrix comes from the eigenbasis when what that
/// lacks is at most this (columns sum to 1; invisible on a heat map), else
/// from exact transforms.
const HEAT_TOL: f64 = 1e-6;
/// Where `S` keeps more than this many entries per row on average, Lanczos
/// goes on for the power matrices until the Krylov space is invariant or
/// for `HEAT_LANCZOS_MAX` steps.
const WIDE_BAND: usize = 120;
const HEAT_LANCZOS_MAX: usize = 160;
/// Absolute error of the eigenbasis in `S^n` (its vectors' rounding).
const EIGEN_ERROR: f64 = 1e-15;
/// Columns the eigenbasis cannot give are products of `Q̂` up to this n,
/// beyond it walks (exact transforms, then the eigenbasis, as inputs).
const PRODUCTS_UP_TO: u64 = 64;
/// A column of a power matrix that walks switches to the eigenbasis at most
/// this many transforms after the plan (the display's bound on work: mass
/// deep where q(x) is ~0 may still carry errors of ~1e-3 of the largest
/// entry, seen for the narrow special seeds at alpha 0.999).
const DISPLAY_WALK: u64 = 64;
/// Entries of a power matrix below this are left out of products (columns
/// sum to 1: invisible on a heat map).
const HEAT_DROP: f64 = 1e-15;
/// What the unresolved eigenvalues must have decayed to at the switch.
const DECAYED: f64 = 1e-16;
/// Lanczos steps between looks at the Ritz values.
const LANCZOS_CHUNK: usize = 16;
/// Lanczos stops once the exact transforms needed are at most
/// `max(DIRECT_FLOOR, steps taken / 2)` (a Lanczos step costs several
/// transforms) or after `LANCZOS_MAX` steps.
const DIRECT_FLOOR: u64 = 32;
const LANCZOS_MAX: usize = 320;
/// The part of the input outside the eigenbasis at the switch, weighted as
/// it can show in the result, must be below this times the input's peak.
const LEFT_OVER: f64 = 1e-11;

/// Demo 4.2's transform `Q̂`: the posterior of `step` with each column divided
/// by its sum, so every column is a distribution over x (row-major, rows on
/// x). A column whose sum underflows is formed in log space from `q_x`; for
/// alpha within 1e-5 of 1 (the identity transform) `Q̂` is the identity.
pub fn transition(q_x: &[f64], step: &ForwardStep) -> Result<Vec<f64>, EngineError> {
    check_len("q_x", q_x, N)?;
    check_len("step.posterior", &step.posterior, N * N)?;
    check_len("step.row_norms", &step.row_norms, N)?;
    let alpha = check_alpha("step.alpha", step.alpha)?;
    let mut t = vec![0.0; N * N];
    if 1.0 - alpha < IDENTITY_EPS {
        (0..N).for_each(|i| t[i * N + i] = 1.0);
        return Ok(t);
    }
    // Column sums with Neumaier's compensation: the columns of `Q̂` then sum
    // to 1 within rounding, so a million products keep the mass.
    let mut sum = [0.0f64; N];
    let mut comp = [0.0f64; N];
    for row in step.posterior.chunks_exact(N) {
        for ((s, c), &v) in sum.iter_mut().zip(comp.iter_mut()).zip(row) {
            let t = *s + v;
            *c += if libm::fabs(*s) >= libm::fabs(v) {
                (*s - t) + v
            } else {
                (v - t) + *s
            };
            *s = t;
        }
    }
    let sums: Vec<f64> = sum.iter().zip(&comp).map(|(s, c)| s + c).collect();
    // False also for a NaN sum.
    let normal: Vec<bool> = sums.iter().map(|&s| s >= TINY_COLUMN).collect();
    for (trow, prow) in t.chunks_exact_mut(N).zip(step.posterior.chunks_exact(N)) {
        for (((o, &v), &s), &ok) in trow.iter_mut().zip(prow).zip(&sums).zip(&normal) {
            *o = if ok { v / s } else { 0.0 };
        }
    }
    // log J[i][j] = log(q_i / r_i) - (z_j - sqrt(alpha) x_i)^2 / 2(1 - alpha) + const.
    let var = 1.0 - alpha;
    let sa = libm::sqrt(alpha);
    let log_w: Vec<f64> = (0..N)
        .map(|i| {
            let (q, r) = (q_x[i], step.row_norms[i]);
            if q > 0.0 && r > 0.0 && q.is_finite() && r.is_finite() {
                libm::log(q) - libm::log(r)
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect();
    let mut l = vec![0.0; N];
    for j in (0..N).filter(|&j| !normal[j]) {
        let zj = x(j);
        for (i, li) in l.iter_mut().enumerate() {
            let d = zj - sa * x(i);
            *li = log_w[i] - d * d / (2.0 * var);
        }
        let top = l.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
        if !top.is_finite() {
            continue;
        }
        let total: f64 = l.iter().map(|&v| libm::exp(v - top)).sum();
        for (i, &li) in l.iter().enumerate() {
            t[i * N + j] = libm::exp(li - top) / total;
        }
    }
    Ok(t)
}

/// A square matrix with, for each row, the range of columns outside which
/// every entry is negligible; `apply` skips the rest.
struct Banded {
    n: usize,
    m: Vec<f64>,
    rows: Vec<(usize, usize)>,
}

impl Banded {
    fn new(m: Vec<f64>, n: usize) -> Self {
        let rows = m
            .chunks_exact(n)
            .map(|row| {
                let lo = row.iter().position(|v| libm::fabs(*v) > NEGLIGIBLE);
                let hi = row.iter().rposition(|v| libm::fabs(*v) > NEGLIGIBLE);
                match (lo, hi) {
                    (Some(lo), Some(hi)) => (lo, hi + 1),
                    _ => (0, 0),
                }
            })
            .collect();
        Self { n, m, rows }
    }

    /// Mean number of entries kept per row.
    fn mean_band(&self) -> usize {
        let total: usize = self.rows.iter().map(|(lo, hi)| hi - lo).sum();
        total / self.rows.len().max(1)
    }

    fn apply(&self, v: &[f64], out: &mut [f64]) {
        self.apply_within(v, (0, self.n), out);
    }

    /// `apply` for a `v` that is zero outside `lo..hi`.
    fn apply_within(&self, v: &[f64], (lo, hi): (usize, usize), out: &mut [f64]) {
        for ((o, row), &(a, b)) in out
            .iter_mut()
            .zip(self.m.chunks_exact(self.n))
            .zip(&self.rows)
        {
            let (a, b) = (a.max(lo), b.min(hi));
            *o = if a < b {
                dot4(&row[a..b], &v[a..b])
            } else {
                0.0
            };
        }
    }
}

/// The range of indices outside which `v` is zero.
fn nonzero_range(v: &[f64]) -> (usize, usize) {
    match (
        v.iter().position(|&x| x != 0.0),
        v.iter().rposition(|&x| x != 0.0),
    ) {
        (Some(lo), Some(hi)) => (lo, hi + 1),
        _ => (0, 0),
    }
}

/// Demo 4.2's transform `Q̂` ready to be raised to any power.
pub struct PowerIteration {
    /// `Q̂`, banded.
    t: Banded,
    /// Grid indices of the states the chain lives on after one transform
    /// (q(x) > 0): the eigenbasis is over these.
    support: Vec<usize>,
    /// The similarity scale on `support` (`p^2` is the stationary pdf).
    p: Vec<f64>,
    /// Resolved eigenvalues of S, descending; the first is 1 (mass).
    values: Vec<f64>,
    /// Their unit eigenvectors over `support`; the first is `p / |p|`.
    vectors: Vec<Vec<f64>>,
    /// Transforms applied one by one before the eigenbasis takes over.
    direct: u64,
    /// Bound on the eigenvalues not resolved (they fall off as `tau^n`).
    tau: f64,
    /// Alpha within 1e-5 of 1: every power is the identity.
    identity: bool,
}

impl PowerIteration {
    /// Prepares `Q̂` of `step` (whose input is `q_x`): builds it, its
    /// symmetric form and the eigenpairs that still matter after the exact
    /// transforms.
    pub fn new(q_x: &[f64], step: &ForwardStep) -> Result<Self, EngineError> {
        check_len("q_x", q_x, N)?;
        check_len("step.row_totals", &step.row_totals, N)?;
        check_len("step.col_totals", &step.col_totals, N)?;
        let t = transition(q_x, step)?;
        let identity = 1.0 - step.alpha < IDENTITY_EPS;
        // p_i = sqrt(u_i / v_i) of `Q̂ = diag(u) E diag(v)`, E[i][j] = exp(c x_i x_j):
        // u_i v_i-free form sqrt(row total * column total / row norm) * exp(x_i^2 / 4).
        let mut support = Vec::new();
        let mut p = Vec::new();
        if !identity {
            for i in 0..N {
                let (a, b, r) = (step.row_totals[i], step.col_totals[i], step.row_norms[i]);
                let v =
                    libm::sqrt(a) * libm::sqrt(b) / libm::sqrt(r) * libm::exp(x(i) * x(i) / 4.0);
                let row_alive = t[i * N..(i + 1) * N].iter().any(|&e| e > 0.0);
                if v > 0.0 && v.is_finite() && row_alive {
                    support.push(i);
                    p.push(v);
                }
            }
        }
        let m = support.len();
        // S on the support from Q̂ itself: S_ab = sqrt(Q̂_ab Q̂_ba), symmetric to
        // the last bit, so its eigenvalues are Q̂'s.
        let mut s = vec![0.0; m * m];
        for (a, &i) in support.iter().enumerate() {
            for (b, &j) in support.iter().enumerate().skip(a) {
                let v = libm::sqrt(t[i * N + j] * t[j * N + i]);
                s[a * m + b] = v;
                s[b * m + a] = v;
            }
        }
        let s = Banded::new(s, m.max(1));
        let t = Banded::new(t, N);
        let norm = libm::sqrt(dot4(&p, &p));
        let top: Vec<f64> = p.iter().map(|v| v / norm).collect();
        let mut out = Self {
            t,
            support,
            p,
            values: Vec::new(),
            vectors: Vec::new(),
            direct: 1,
            tau: 0.0,
            identity,
        };
        if m == 0 || identity || !(norm > 0.0 && norm.is_finite()) {
            return Ok(out);
        }
        // Lanczos on S in the complement of the known top eigenvector.
        let narrow = s.mean_band() <= WIDE_BAND;
        let full = start_vector(None);
        let start: Vec<f64> = out.support.iter().map(|&i| full[i]).collect();
        let mut lanczos = Lanczos::new(start, vec![top.clone()]);
        let (ritz, resolved, floor, direct) = loop {
            lanczos.extend(LANCZOS_CHUNK, |v, o| s.apply(v, o));
            let ritz = lanczos.ritz();
            let resolved = ritz
                .residuals
                .iter()
                .take_while(|&&r| r <= RESOLVED)
                .count();
            // Largest eigenvalue not resolved (Ritz values approach from below;
            // the residual bounds the distance to an eigenvalue).
            let tau = match (lanczos.finished(), ritz.values.get(resolved)) {
                (false, Some(&v)) => (v + ritz.residuals[resolved]).min(1.0),
                _ => 1e-13,
            };
            let direct = steps_to_decay(tau);
            let k = lanczos.len();
            // Enough for the iterates: the exact transforms cost less than
            // more Lanczos steps would.
            let iterates = direct <= DIRECT_FLOOR.max(k as u64 / 2) || k >= LANCZOS_MAX;
            // Enough for the power matrices: where Q̂ is a wide band (alpha
            // not near 1) products of it are dear, but its spectrum decays
            // fast, so Lanczos goes on to (nearly) the whole of it.
            let matrices = narrow || k >= HEAT_LANCZOS_MAX;
            if lanczos.finished() || (iterates && matrices) {
                break (ritz, resolved, tau, direct);
            }
        };
        let mut pairs: Vec<(f64, Vec<f64>)> = ritz
            .values
            .iter()
            .copied()
            .zip(lanczos.vectors(&ritz, resolved))
            .collect();
        // One start vector finds one vector of each (nearly) repeated
        // eigenvalue: two wells of q(x) alike in shape give such pairs. A
        // second vector, run through the exact transforms in the complement
        // of what was found, shows any eigenvector missed above tau; a
        // Lanczos run from what is left of it resolves them.
        let mut rng = LegacyRandom::new(4242);
        for _ in 0..3 {
            let mut found: Vec<Vec<f64>> = vec![top.clone()];
            found.extend(pairs.iter().map(|(_, v)| v.clone()));
            let mut v: Vec<f64> = (0..m).map(|_| rng.random_sample() - 0.5).collect();
            orthonormalise(&mut v, &found);
            let mut w = vec![0.0; m];
            for _ in 0..direct.min(4 * DIRECT_FLOOR + 4 * LANCZOS_MAX as u64) {
                s.apply(&v, &mut w);
                core::mem::swap(&mut v, &mut w);
            }
            if orthonormalise(&mut v, &found) <= DECAYED {
                break;
            }
            let mut more = Lanczos::new(v, found);
            let mut fresh = Vec::new();
            for _ in 0..LANCZOS_MAX / LANCZOS_CHUNK {
                more.extend(LANCZOS_CHUNK, |v, o| s.apply(v, o));
                let ritz = more.ritz();
                let ok = ritz
                    .values
                    .iter()
                    .zip(&ritz.residuals)
                    .take_while(|(&v, _)| v >= floor)
                    .all(|(_, &r)| r <= RESOLVED);
                if ok || more.finished() {
                    let n_ok = ritz
                        .values
                        .iter()
                        .zip(&ritz.residuals)
                        .take_while(|(&v, &r)| v >= floor && r <= RESOLVED)
                        .count();
                    fresh = ritz
                        .values
                        .iter()
                        .copied()
                        .zip(more.vectors(&ritz, n_ok))
                        .collect();
                    break;
                }
            }
            if fresh.is_empty() {
                break;
            }
            pairs.extend(fresh);
        }
        polish_far_modes(&s, &out.p, &top, &mut pairs, floor);
        let pairs = refine(&s, pairs.into_iter().map(|(_, v)| v).collect());
        out.values.push(1.0);
        out.vectors.push(top);
        for (theta, v) in pairs {
            // Near 1, 1 - lambda from the Dirichlet form is exact to its own
            // rounding where the Ritz value is only exact to ~1e-15.
            let lambda = if theta > 0.5 {
                1.0 - out.dirichlet(&s, &v)
            } else {
                theta
            };
            out.values.push(lambda.clamp(-1.0, 1.0));
            out.vectors.push(v);
        }
        out.direct = direct;
        out.tau = floor;
        Ok(out)
    }

    /// `1 - u^T S u` for a unit `u`, as `1/2 sum_ab S_ab p_a p_b (u_a/p_a - u_b/p_b)^2`
    /// (S p = p): a sum of non-negative terms.
    fn dirichlet(&self, s: &Banded, u: &[f64]) -> f64 {
        let f: Vec<f64> = u.iter().zip(&self.p).map(|(a, b)| a / b).collect();
        let mut total = 0.0;
        for (a, &(lo, hi)) in s.rows.iter().enumerate() {
            let row = &s.m[a * s.n..(a + 1) * s.n];
            let mut acc = 0.0;
            for b in lo.max(a + 1)..hi {
                let d = f[a] - f[b];
                acc += row[b] * self.p[b] * d * d;
            }
            total += self.p[a] * acc;
        }
        total / dot4(u, u)
    }

    /// Eigenvalues of `Q̂` resolved and used beyond the exact transforms,
    /// descending (the first is 1).
    pub fn eigenvalues(&self) -> &[f64] {
        &self.values
    }

    /// How many transforms are applied one by one before the eigenbasis
    /// takes over (for an input whose remainder has decayed by then).
    pub fn direct_steps(&self) -> u64 {
        self.direct
    }

    /// One transform: `out = Q̂ v`.
    fn once(&self, v: &[f64], out: &mut [f64]) {
        if self.identity {
            out.copy_from_slice(v);
        } else {
            self.t.apply_within(v, nonzero_range(v), out);
        }
    }

    /// The coordinates of `y` in the eigenbasis and a bound on what the
    /// eigenbasis leaves out, as it can show in a result.
    fn project(&self, y: &[f64]) -> (Vec<f64>, f64) {
        let mut w: Vec<f64> = self
            .support
            .iter()
            .zip(&self.p)
            .map(|(&i, &pi)| y[i] / pi)
            .collect();
        let c: Vec<f64> = self.vectors.iter().map(|u| dot4(u, &w)).collect();
        for (u, &ci) in self.vectors.iter().zip(&c) {
            axpy(&mut w, -ci, u);
        }
        let mut off = 0.0f64;
        let mut k = 0;
        for (i, &yi) in y.iter().enumerate() {
            if self.support.get(k) == Some(&i) {
                k += 1;
            } else {
                off = off.max(libm::fabs(yi));
            }
        }
        // What is left, as it shows in the result now; it only decays later.
        let left = w
            .iter()
            .zip(&self.p)
            .fold(0.0f64, |m, (a, b)| m.max(libm::fabs(a * b)));
        (c, left.max(off))
    }

    /// `Q̂^m` applied to the vector with eigen-coordinates `c`.
    fn expand(&self, c: &[f64], m: u64) -> Vec<f64> {
        let mut w = vec![0.0; self.support.len()];
        for ((u, &l), &ci) in self.vectors.iter().zip(&self.values).zip(c) {
            let a = ci * pow_u(l, m);
            if a != 0.0 && a.is_finite() {
                axpy(&mut w, a, u);
            }
        }
        let mut out = vec![0.0; N];
        for ((&i, &pi), &wi) in self.support.iter().zip(&self.p).zip(&w) {
            out[i] = pi * wi;
        }
        out
    }

    /// `Q̂^n z` (n transforms of `z`, n up to [`MAX_ITERATE`]); `n = 0`
    /// returns `z`.
    pub fn apply_power(&self, z: &[f64], n: u64) -> Result<Vec<f64>, EngineError> {
        check_len("z", z, N)?;
        check_range("n", n as f64, 0.0, MAX_ITERATE as f64)?;
        let mut walk = Walk::new(self, z);
        Ok(walk.at(self, n))
    }

    /// `Q̂^n z` for each n of `counts` (in any order, each up to
    /// [`MAX_ITERATE`]), in one walk.
    pub fn apply_powers(&self, z: &[f64], counts: &[u64]) -> Result<Vec<Vec<f64>>, EngineError> {
        check_len("z", z, N)?;
        for &n in counts {
            check_range("n", n as f64, 0.0, MAX_ITERATE as f64)?;
        }
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by_key(|&k| counts[k]);
        let mut walk = Walk::new(self, z);
        let mut out = vec![Vec::new(); counts.len()];
        for k in order {
            out[k] = walk.at(self, counts[k]);
        }
        Ok(out)
    }

    /// The power matrix `Q̂^n / res` (row-major, rows on x; each column a pdf
    /// over x, as the posterior is), for display. A column comes from the
    /// eigenbasis where what the eigenbasis lacks (eigenvalues below `tau`
    /// and its own rounding, magnified by `max p / p_j` where q(x) is tiny)
    /// stays below 1e-6; the other columns are products of `Q̂` (all terms
    /// non-negative: exact), or for large n walk as inputs do.
    pub fn power_matrix(&self, n: u64) -> Vec<f64> {
        self.power_matrix_cached(n, &mut PowerMatrixCache::default())
    }

    /// [`power_matrix`](Self::power_matrix) for counts drawn one after
    /// another (increasing): the exact work on columns where q(x) is ~0 is
    /// resumed from `cache` instead of redone. A cache belongs to one
    /// `PowerIteration`; start a new one with a new decomposition.
    pub fn power_matrix_cached(&self, n: u64, cache: &mut PowerMatrixCache) -> Vec<f64> {
        let mut out = vec![0.0; N * N];
        if n == 0 || self.identity {
            (0..N).for_each(|i| out[i * N + i] = 1.0 / RES);
            return out;
        }
        if n == 1 {
            for (o, v) in out.iter_mut().zip(&self.t.m) {
                *o = v / RES;
            }
            return out;
        }
        let pmax = self.p.iter().fold(0.0f64, |m, &v| m.max(v));
        // What the eigenbasis misses in a column: the unresolved eigenvalues
        // and the eigenvectors' own error, magnified by max p / p_j.
        let miss = |k: u64, scale: f64| (pow_u(self.tau, k) + EIGEN_ERROR) * pmax / scale;
        let mut eig_cols: Vec<usize> = Vec::new();
        let mut off_cols: Vec<usize> = Vec::new();
        let mut exact_cols: Vec<usize> = Vec::new();
        let mut a = 0;
        for j in 0..N {
            if self.support.get(a) == Some(&j) {
                if miss(n, self.p[a]) <= HEAT_TOL {
                    eig_cols.push(a);
                } else {
                    exact_cols.push(j);
                }
                a += 1;
            } else {
                // Off the support: one exact transform, then n - 1 more.
                let land = self.landing_scale(j);
                if land > 0.0 && miss(n - 1, land) <= HEAT_TOL {
                    off_cols.push(j);
                } else {
                    exact_cols.push(j);
                }
            }
        }
        // U L^n U^T on the support, for the columns kept.
        let m = self.support.len();
        let kept: Vec<usize> = (0..self.values.len())
            .filter(|&r| libm::fabs(pow_u(self.values[r], n)) > 1e-10)
            .collect();
        let mut g = vec![0.0; m];
        for &b in &eig_cols {
            g.iter_mut().for_each(|v| *v = 0.0);
            for &r in &kept {
                let u = &self.vectors[r];
                let f = pow_u(self.values[r], n) * u[b];
                if f != 0.0 {
                    axpy(&mut g, f, u);
                }
            }
            let j = self.support[b];
            for (a, &i) in self.support.iter().enumerate() {
                out[i * N + j] = self.p[a] * g[a] / self.p[b];
            }
        }
        for &j in &off_cols {
            let col: Vec<f64> = (0..N).map(|i| self.t.m[i * N + j]).collect();
            let (c, _) = self.project(&col);
            for (i, v) in self.expand(&c, n - 1).into_iter().enumerate() {
                out[i * N + j] = v;
            }
        }
        if n <= PRODUCTS_UP_TO && !exact_cols.is_empty() {
            let block = self.power_columns(&exact_cols, n);
            let w = exact_cols.len();
            for i in 0..N {
                for (c, &j) in exact_cols.iter().enumerate() {
                    out[i * N + j] = block[i * w + c];
                }
            }
        } else {
            // Far out: each column walks as an input does (exact transforms
            // until the eigenbasis holds it), resumed from the cache.
            if cache.walks.len() != N {
                cache.walks = (0..N).map(|_| None).collect();
            }
            let mut e = vec![0.0; N];
            for &j in &exact_cols {
                let walk = match cache.walks[j].take() {
                    Some(w) if w.applied <= n => w,
                    _ => {
                        e[j] = 1.0;
                        let give_up = self.direct.saturating_add(DISPLAY_WALK);
                        let w = Walk::with_tolerance(&e, HEAT_TOL, give_up, HEAT_DROP);
                        e[j] = 0.0;
                        w
                    }
                };
                let mut walk = walk;
                for (i, x) in walk.at(self, n).into_iter().enumerate() {
                    out[i * N + j] = x;
                }
                cache.walks[j] = Some(walk);
            }
        }
        out.iter_mut().for_each(|v| *v /= RES);
        out
    }

    /// The smallest `p` where one transform of a point mass at `j` puts a
    /// visible share (0 if it lands off the support).
    fn landing_scale(&self, j: usize) -> f64 {
        let col = (0..N).map(|i| self.t.m[i * N + j]);
        let top = col.clone().fold(0.0f64, |m, v| m.max(v));
        let mut scale = f64::INFINITY;
        let mut a = 0;
        for (i, v) in col.enumerate() {
            let on = self.support.get(a) == Some(&i);
            if v > 1e-3 * top {
                if !on {
                    return 0.0;
                }
                scale = scale.min(self.p[a]);
            }
            if on {
                a += 1;
            }
        }
        if scale.is_finite() {
            scale
        } else {
            0.0
        }
    }

    /// Columns `cols` of `Q̂^n` (row-major `N x cols.len()`) as `Q̂ (Q̂ (...))`
    /// applied to them, each product over the band of `Q̂` and the columns
    /// of the block where the previous power is not negligible.
    fn power_columns(&self, cols: &[usize], n: u64) -> Vec<f64> {
        let w = cols.len();
        let t = &self.t;
        let ranges = |m: &[f64]| -> Vec<(usize, usize)> {
            m.chunks_exact(w)
                .map(|row| {
                    let lo = row.iter().position(|v| libm::fabs(*v) > HEAT_DROP);
                    let hi = row.iter().rposition(|v| libm::fabs(*v) > HEAT_DROP);
                    match (lo, hi) {
                        (Some(lo), Some(hi)) => (lo, hi + 1),
                        _ => (0, 0),
                    }
                })
                .collect()
        };
        let band: Vec<(usize, usize)> =
            t.m.chunks_exact(N)
                .map(|row| {
                    let lo = row.iter().position(|v| libm::fabs(*v) > HEAT_DROP);
                    let hi = row.iter().rposition(|v| libm::fabs(*v) > HEAT_DROP);
                    match (lo, hi) {
                        (Some(lo), Some(hi)) => (lo, hi + 1),
                        _ => (0, 0),
                    }
                })
                .collect();
        let mut cur = vec![0.0; N * w];
        for i in 0..N {
            for (c, &j) in cols.iter().enumerate() {
                cur[i * w + c] = t.m[i * N + j];
            }
        }
        let mut next = vec![0.0; N * w];
        for _ in 1..n {
            let rows = ranges(&cur);
            next.iter_mut().for_each(|v| *v = 0.0);
            for i in 0..N {
                let (lo, hi) = band[i];
                let orow = &mut next[i * w..(i + 1) * w];
                for k in lo..hi {
                    let a = t.m[i * N + k];
                    let (clo, chi) = rows[k];
                    if a != 0.0 && clo < chi {
                        axpy(&mut orow[clo..chi], a, &cur[k * w + clo..k * w + chi]);
                    }
                }
            }
            core::mem::swap(&mut cur, &mut next);
        }
        cur
    }
}

/// Work kept between power matrices of increasing counts (see
/// [`PowerIteration::power_matrix_cached`]).
#[derive(Default)]
pub struct PowerMatrixCache {
    /// The walk of each column that needed one.
    walks: Vec<Option<Walk>>,
}

/// One input on its way through the powers: exact transforms up to the
/// switch, then its coordinates in the eigenbasis.
struct Walk {
    cur: Vec<f64>,
    next: Vec<f64>,
    applied: u64,
    /// Eigen-coordinates and the count they were taken at.
    basis: Option<(Vec<f64>, u64)>,
    /// What may be left outside the eigenbasis at the switch.
    tol: f64,
    /// Transforms after which it switches whatever is left.
    give_up: u64,
    /// Entries at or below this are dropped after each transform (0 for an
    /// input; a power matrix's column keeps to its narrow band this way).
    drop: f64,
}

impl Walk {
    /// An input: exact to `LEFT_OVER` of its peak; at most 4x the planned
    /// exact transforms + 512 before the switch.
    fn new(power: &PowerIteration, z: &[f64]) -> Self {
        let peak = z.iter().fold(1.0f64, |m, v| m.max(libm::fabs(*v)));
        let give_up = power.direct.saturating_mul(4).saturating_add(512);
        Self::with_tolerance(z, LEFT_OVER * peak, give_up, 0.0)
    }

    fn with_tolerance(z: &[f64], tol: f64, give_up: u64, drop: f64) -> Self {
        Self {
            cur: z.to_vec(),
            next: vec![0.0; N],
            applied: 0,
            basis: None,
            tol,
            give_up,
            drop,
        }
    }

    fn step(&mut self, pw: &PowerIteration) {
        pw.once(&self.cur, &mut self.next);
        if self.drop > 0.0 {
            self.next
                .iter_mut()
                .filter(|v| libm::fabs(**v) <= self.drop)
                .for_each(|v| *v = 0.0);
        }
        core::mem::swap(&mut self.cur, &mut self.next);
        self.applied += 1;
    }

    /// `Q̂^n z` of `pw` (the one the walk began with), for non-decreasing n
    /// over calls.
    fn at(&mut self, pw: &PowerIteration, n: u64) -> Vec<f64> {
        if pw.identity {
            return self.cur.clone();
        }
        // Past the planned switch, switch once what is left outside the
        // eigenbasis is negligible (checked every 8 transforms).
        while self.basis.is_none() && self.applied < n {
            if self.applied >= pw.direct && (self.applied - pw.direct) & 7 == 0 {
                let (c, left) = pw.project(&self.cur);
                if left <= self.tol || self.applied >= self.give_up {
                    self.basis = Some((c, self.applied));
                    break;
                }
            }
            self.step(pw);
        }
        match &self.basis {
            Some((c, at)) if n > *at => pw.expand(c, n - at),
            _ => self.cur.clone(),
        }
    }
}

/// Modes that live where q(x) is tiny (p small) get large coordinates from
/// any input with mass there, so their small values elsewhere must be exact
/// relative to their size, where Lanczos leaves ~1e-15 absolute (out of the
/// resolved span). Each transform `S u` shrinks that by `tau / lambda` and
/// adds only rounding relative to the values themselves. Only slow modes are
/// polished: what the others leave decays during the exact transforms
/// (the walk's check waits for it).
fn polish_far_modes(s: &Banded, p: &[f64], top: &[f64], pairs: &mut [(f64, Vec<f64>)], tau: f64) {
    let pmax = p.iter().fold(0.0f64, |m, &v| m.max(v));
    let reach = |u: &[f64]| -> f64 {
        u.iter()
            .zip(p)
            .fold(0.0f64, |m, (a, b)| m.max(libm::fabs(a / b)))
            * pmax
    };
    let far: Vec<usize> = (0..pairs.len())
        .filter(|&k| pairs[k].0 >= POLISH_FROM && reach(&pairs[k].1) >= FAR_MODE)
        .collect();
    let mut w = vec![0.0; s.n];
    for &k in &far {
        let ratio = tau.max(0.05) / pairs[k].0;
        let sweeps = libm::ceil(libm::log(1e-6) / libm::log(ratio)).clamp(1.0, 40.0) as usize;
        let u = &mut pairs[k].1;
        for _ in 0..sweeps {
            s.apply(u, &mut w);
            let n = libm::sqrt(dot4(&w, &w));
            if !(n > 0.0 && n.is_finite()) {
                break;
            }
            u.iter_mut().zip(&w).for_each(|(a, b)| *a = b / n);
        }
    }
    // Back to an orthonormal set: the polished modes against the others.
    for &k in &far {
        let others: Vec<Vec<f64>> = core::iter::once(top.to_vec())
            .chain(
                pairs
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .map(|(_, (_, v))| v.clone()),
            )
            .collect();
        orthonormalise(&mut pairs[k].1, &others);
    }
}

/// Rayleigh-Ritz on the span of `vectors` with `S` applied exactly, then
/// Jacobi on the small matrix; returns the pairs, descending.
///
/// Why: Lanczos leaves each Ritz vector mixed with its neighbours by about
/// 1e-15 / gap. An input with mass where q(x) is ~1e-8 (the grid's ends at
/// alpha near 1) has coordinates ~1e5 on the modes that live there, so that
/// mixing would show as ~1e-8 errors in the slow modes. `u_j^T S u_k` of
/// modes living apart is computed to its own tiny size, so the rotations
/// that diagonalise it remove the mixing.
fn refine(s: &Banded, vectors: Vec<Vec<f64>>) -> Vec<(f64, Vec<f64>)> {
    let r = vectors.len();
    let m = s.n;
    let mut h = vec![0.0; r * r];
    let mut su = vec![0.0; m];
    for (k, u) in vectors.iter().enumerate() {
        s.apply(u, &mut su);
        for (j, v) in vectors.iter().enumerate() {
            h[j * r + k] = dot4(v, &su);
        }
    }
    for j in 0..r {
        for k in j + 1..r {
            let a = 0.5 * (h[j * r + k] + h[k * r + j]);
            h[j * r + k] = a;
            h[k * r + j] = a;
        }
    }
    let mut v = vec![0.0; r * r];
    (0..r).for_each(|k| v[k * r + k] = 1.0);
    jacobi(&mut h, &mut v, r);
    let mut out: Vec<(f64, Vec<f64>)> = (0..r)
        .map(|k| {
            let mut u = vec![0.0; m];
            for (j, b) in vectors.iter().enumerate() {
                let c = v[j * r + k];
                if c != 0.0 {
                    axpy(&mut u, c, b);
                }
            }
            (h[k * r + k], u)
        })
        .collect();
    out.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(core::cmp::Ordering::Equal));
    out
}

/// Cyclic Jacobi on the symmetric `r x r` matrix `a` (row-major), rotating
/// the columns of `v` alike; rotations whose angle is below 1e-22 are
/// skipped. On return the diagonal of `a` holds the eigenvalues.
fn jacobi(a: &mut [f64], v: &mut [f64], r: usize) {
    for _ in 0..30 {
        let mut rotated = false;
        for p in 0..r {
            for q in p + 1..r {
                let apq = a[p * r + q];
                let diff = a[q * r + q] - a[p * r + p];
                if apq == 0.0 || libm::fabs(apq) <= 1e-22 * libm::fabs(diff) {
                    continue;
                }
                rotated = true;
                let theta = 0.5 * diff / apq;
                let t = if libm::fabs(theta) > 1e100 {
                    0.5 / theta
                } else {
                    libm::copysign(1.0, theta) / (libm::fabs(theta) + libm::hypot(theta, 1.0))
                };
                let c = 1.0 / libm::hypot(t, 1.0);
                let s = t * c;
                let tau = s / (1.0 + c);
                a[p * r + p] -= t * apq;
                a[q * r + q] += t * apq;
                a[p * r + q] = 0.0;
                a[q * r + p] = 0.0;
                for j in (0..r).filter(|&j| j != p && j != q) {
                    let g = a[j * r + p];
                    let h = a[j * r + q];
                    let gp = g - s * (h + g * tau);
                    let hq = h + s * (g - h * tau);
                    a[j * r + p] = gp;
                    a[p * r + j] = gp;
                    a[j * r + q] = hq;
                    a[q * r + j] = hq;
                }
                for j in 0..r {
                    let g = v[j * r + p];
                    let h = v[j * r + q];
                    v[j * r + p] = g - s * (h + g * tau);
                    v[j * r + q] = h + s * (g - h * tau);
                }
            }
        }
        if !rotated {
            return;
        }
    }
}

/// Makes `v` orthogonal to the orthonormal `against` (twice is enough) and of
/// unit length; returns its length before the scaling.
fn orthonormalise(v: &mut [f64], against: &[Vec<f64>]) -> f64 {
    for _ in 0..2 {
        for b in against {
            let c = dot4(v, b);
            axpy(v, -c, b);
        }
    }
    let n = libm::sqrt(dot4(v, v));
    if n > 0.0 && n.is_finite() {
        v.iter_mut().for_each(|x| *x /= n);
    }
    n
}

/// Transforms after which `tau^k <= DECAYED`.
fn steps_to_decay(tau: f64) -> u64 {
    if tau <= 0.0 {
        return 1;
    }
    if tau >= 1.0 {
        return u64::MAX / 8;
    }
    let k = libm::ceil(libm::log(DECAYED) / libm::log(tau));
    if k.is_finite() {
        (k as u64).max(1)
    } else {
        1
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
    /// `Q̂^n z`.
    pub q: Vec<f64>,
    /// JS distance of `Q̂^n z` to q(x).
    pub js: f64,
}

/// Every displayed iterate for input `z`, compared with `q_x`: one walk
/// through the counts, exact transforms first, then the eigenbasis.
pub fn iterate(
    power: &PowerIteration,
    q_x: &[f64],
    z: &[f64],
    n_max: u64,
) -> Result<Vec<Iterate>, EngineError> {
    check_len("z", z, N)?;
    check_len("q_x", q_x, N)?;
    let counts = displayed_counts(n_max)?;
    let powers = power.apply_powers(z, &counts)?;
    Ok(counts
        .into_iter()
        .zip(powers)
        .map(|(n, q)| {
            let js = js_distance(&q, q_x);
            Iterate { n, q, js }
        })
        .collect())
}
