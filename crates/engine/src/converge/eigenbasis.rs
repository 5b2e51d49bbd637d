//! The eigenbasis of `Q̂`'s symmetric form `S` that still matters after the
//! exact transforms: Lanczos (twice, for repeated eigenvalues), the slow
//! modes far from q(x)'s mass polished, Rayleigh-Ritz with `S` applied
//! exactly, and eigenvalues near 1 from the Dirichlet form.
//!
//! Every step counts its work on a [`Meter`], so the page can run the
//! decomposition in pieces ([`PowerIteration::start`]; at alpha 0.995 the
//! whole of it is ~10^8 multiply-adds); [`PowerIteration::new`] runs the
//! same code to the end at once.
use super::banded::Banded;
use super::power::PowerIteration;
use super::transition::transition;
use super::{
    DECAYED, DIRECT_FLOOR, FAR_MODE, HEAT_LANCZOS_MAX, LANCZOS_CHUNK, LANCZOS_MAX, POLISH_FROM,
    RESOLVED, WIDE_BAND,
};
use crate::error::{check_len, EngineError};
use crate::grid::{x, N};
use crate::posterior::{ForwardStep, IDENTITY_EPS};
use crate::rng::LegacyRandom;
use crate::spectral::{axpy, dot4, start_vector, Lanczos, Ritz};
use crate::work::{run, Meter, Task};
use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;

impl PowerIteration {
    /// Prepares `Q̂` of `step` (whose input is `q_x`): builds it, its
    /// symmetric form and the eigenpairs that still matter after the exact
    /// transforms.
    pub fn new(q_x: &[f64], step: &ForwardStep) -> Result<Self, EngineError> {
        let build = Build::new(q_x, step)?;
        let meter = Meter::unlimited();
        Ok(run(&meter, build.decompose(&meter)))
    }

    /// [`new`](Self::new) in pieces: builds `Q̂` now (checking the input;
    /// about N^2 work) and returns the task that finds the eigenpairs, to be
    /// [advanced](Task::advance) until it gives the same `PowerIteration`
    /// as `new`.
    pub fn start(q_x: &[f64], step: &ForwardStep) -> Result<Task<PowerIteration>, EngineError> {
        let build = Build::new(q_x, step)?;
        let meter = Rc::new(Meter::unlimited());
        let m = Rc::clone(&meter);
        Ok(Task::new(meter, async move { build.decompose(&m).await }))
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
}

/// `Q̂` and its similarity scale, before any eigenpair.
struct Build {
    t: Vec<f64>,
    support: Vec<usize>,
    p: Vec<f64>,
    identity: bool,
}

impl Build {
    fn new(q_x: &[f64], step: &ForwardStep) -> Result<Self, EngineError> {
        check_len("q_x", q_x, N)?;
        let t = transition(q_x, step)?;
        let identity = 1.0 - step.alpha() < IDENTITY_EPS;
        let (support, p) = if identity {
            (Vec::new(), Vec::new())
        } else {
            similarity_scale(step, &t)
        };
        Ok(Build {
            t,
            support,
            p,
            identity,
        })
    }

    /// The eigenpairs that matter (see the module's description).
    async fn decompose(self, meter: &Meter) -> PowerIteration {
        let Build {
            t,
            support,
            p,
            identity,
        } = self;
        let s = symmetric_on_support(&t, &support, meter).await;
        let m = support.len();
        let t = Banded::new(t, N);
        meter.spend(2 * N * N).await;
        let norm = libm::sqrt(dot4(&p, &p));
        let top: Vec<f64> = p.iter().map(|v| v / norm).collect();
        let mut out = PowerIteration {
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
            return out;
        }
        let full = start_vector(None);
        let start: Vec<f64> = out.support.iter().map(|&i| full[i]).collect();
        let (mut pairs, floor, direct) = first_pairs(&s, &top, start, meter).await;
        add_missed_pairs(&s, &top, &mut pairs, direct, floor, meter).await;
        polish_far_modes(&s, &out.p, &top, &mut pairs, floor, meter).await;
        let vectors = pairs.into_iter().map(|(_, v)| v).collect();
        let pairs = refine(&s, vectors, meter).await;
        out.values.push(1.0);
        out.vectors.push(top);
        for (theta, v) in pairs {
            // Near 1, 1 - lambda from the Dirichlet form is exact to its own
            // rounding where the Ritz value is only exact to ~1e-15.
            let lambda = if theta > 0.5 {
                let d = out.dirichlet(&s, &v);
                meter.spend(2 * s.entries() + 2 * m).await;
                1.0 - d
            } else {
                theta
            };
            out.values.push(lambda.clamp(-1.0, 1.0));
            out.vectors.push(v);
        }
        out.direct = direct;
        out.tau = floor;
        out
    }
}

/// `lanczos.extend(steps, S)` one step at a time, each counted on `meter`
/// (the same steps as one call: each depends only on the run so far).
async fn extend(lanczos: &mut Lanczos, s: &Banded, steps: usize, meter: &Meter) {
    for _ in 0..steps {
        if lanczos.finished() {
            return;
        }
        let work = lanczos.step_work(s.entries());
        lanczos.extend(1, |v, o| s.apply(v, o));
        meter.spend(work).await;
    }
}

/// `LANCZOS_CHUNK` more steps (fewer if it finishes), then the Ritz pairs.
async fn extend_ritz(lanczos: &mut Lanczos, s: &Banded, meter: &Meter) -> Ritz {
    extend(lanczos, s, LANCZOS_CHUNK, meter).await;
    let ritz = lanczos.ritz();
    meter.spend(ritz_work(lanczos.len())).await;
    ritz
}

/// Work of `Lanczos::ritz` after `k` steps (QL on the tridiagonal, last
/// components only).
fn ritz_work(k: usize) -> usize {
    40 * k * k + 100
}

/// The states the chain lives on after one transform and the similarity
/// scale on them: `p_i = sqrt(u_i / v_i)` of `Q̂ = diag(u) E diag(v)`,
/// `E[i][j] = exp(c x_i x_j)`, in the u_i v_i-free form
/// `sqrt(row total * column total / row norm) * exp(x_i^2 / 4)`.
fn similarity_scale(step: &ForwardStep, t: &[f64]) -> (Vec<usize>, Vec<f64>) {
    let mut support = Vec::new();
    let mut p = Vec::new();
    for i in 0..N {
        let (a, b, r) = (
            step.row_totals()[i],
            step.col_totals()[i],
            step.row_norms()[i],
        );
        let v = libm::sqrt(a) * libm::sqrt(b) / libm::sqrt(r) * libm::exp(x(i) * x(i) / 4.0);
        let row_alive = t[i * N..(i + 1) * N].iter().any(|&e| e > 0.0);
        if v > 0.0 && v.is_finite() && row_alive {
            support.push(i);
            p.push(v);
        }
    }
    (support, p)
}

/// S on the support from `Q̂` itself: `S_ab = sqrt(Q̂_ab Q̂_ba)`, symmetric to
/// the last bit, so its eigenvalues are `Q̂`'s.
async fn symmetric_on_support(t: &[f64], support: &[usize], meter: &Meter) -> Banded {
    let m = support.len();
    let mut s = vec![0.0; m * m];
    for (a, &i) in support.iter().enumerate() {
        for (b, &j) in support.iter().enumerate().skip(a) {
            let v = libm::sqrt(t[i * N + j] * t[j * N + i]);
            s[a * m + b] = v;
            s[b * m + a] = v;
        }
        // A square root and a strided read per entry.
        meter.spend(20 * (m - a)).await;
    }
    let s = Banded::new(s, m.max(1));
    meter.spend(2 * m * m).await;
    s
}

/// Lanczos on S in the complement of the known top eigenvector, from
/// `start`, until the exact transforms needed cost less than more steps
/// would (and, where S is a wide band, until it covers nearly the whole
/// spectrum). Returns the resolved pairs, the bound on the eigenvalues not
/// resolved and the exact transforms that bound needs.
async fn first_pairs(
    s: &Banded,
    top: &[f64],
    start: Vec<f64>,
    meter: &Meter,
) -> (Vec<(f64, Vec<f64>)>, f64, u64) {
    let narrow = s.mean_band() <= WIDE_BAND;
    let mut lanczos = Lanczos::new(start, vec![top.to_vec()]);
    let (ritz, resolved, floor, direct) = loop {
        let ritz = extend_ritz(&mut lanczos, s, meter).await;
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
    let vectors = lanczos.vectors_metered(&ritz, resolved, meter).await;
    let pairs = ritz.values.iter().copied().zip(vectors).collect();
    (pairs, floor, direct)
}

/// One start vector finds one vector of each (nearly) repeated eigenvalue:
/// two wells of q(x) alike in shape give such pairs. A second vector, run
/// through the exact transforms in the complement of what was found, shows
/// any eigenvector missed above `floor`; a Lanczos run from what is left of
/// it resolves them (up to three times).
async fn add_missed_pairs(
    s: &Banded,
    top: &[f64],
    pairs: &mut Vec<(f64, Vec<f64>)>,
    direct: u64,
    floor: f64,
    meter: &Meter,
) {
    let m = top.len();
    let mut rng = LegacyRandom::new(4242);
    for _ in 0..3 {
        let mut found: Vec<Vec<f64>> = vec![top.to_vec()];
        found.extend(pairs.iter().map(|(_, v)| v.clone()));
        let mut v: Vec<f64> = (0..m).map(|_| rng.random_sample() - 0.5).collect();
        orthonormalise(&mut v, &found);
        meter.spend(5 * found.len() * m).await;
        let mut w = vec![0.0; m];
        for _ in 0..direct.min(4 * DIRECT_FLOOR + 4 * LANCZOS_MAX as u64) {
            s.apply(&v, &mut w);
            core::mem::swap(&mut v, &mut w);
            meter.spend(s.entries()).await;
        }
        let left = orthonormalise(&mut v, &found);
        meter.spend(8 * found.len() * m).await;
        if left <= DECAYED {
            break;
        }
        let fresh = resolved_above(s, Lanczos::new(v, found), floor, meter).await;
        if fresh.is_empty() {
            break;
        }
        pairs.extend(fresh);
    }
}

/// Extends `more` until every Ritz pair above `floor` is resolved (or no
/// further step is possible) and returns those pairs; none if that takes
/// more than `LANCZOS_MAX` steps.
async fn resolved_above(
    s: &Banded,
    mut more: Lanczos,
    floor: f64,
    meter: &Meter,
) -> Vec<(f64, Vec<f64>)> {
    for _ in 0..LANCZOS_MAX / LANCZOS_CHUNK {
        let ritz = extend_ritz(&mut more, s, meter).await;
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
            let vectors = more.vectors_metered(&ritz, n_ok, meter).await;
            return ritz.values.iter().copied().zip(vectors).collect();
        }
    }
    Vec::new()
}

/// Modes that live where q(x) is tiny (p small) get large coordinates from
/// any input with mass there, so their small values elsewhere must be exact
/// relative to their size, where Lanczos leaves ~1e-15 absolute (out of the
/// resolved span). Each transform `S u` shrinks that by `tau / lambda` and
/// adds only rounding relative to the values themselves. Only slow modes are
/// polished: what the others leave decays during the exact transforms
/// (the walk's check waits for it).
async fn polish_far_modes(
    s: &Banded,
    p: &[f64],
    top: &[f64],
    pairs: &mut [(f64, Vec<f64>)],
    tau: f64,
    meter: &Meter,
) {
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
    meter.spend(2 * pairs.len() * s.n).await;
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
            meter.spend(s.entries() + 3 * s.n).await;
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
        meter.spend(6 * others.len() * s.n).await;
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
async fn refine(s: &Banded, vectors: Vec<Vec<f64>>, meter: &Meter) -> Vec<(f64, Vec<f64>)> {
    let r = vectors.len();
    let m = s.n;
    let mut h = vec![0.0; r * r];
    let mut su = vec![0.0; m];
    for (k, u) in vectors.iter().enumerate() {
        s.apply(u, &mut su);
        for (j, v) in vectors.iter().enumerate() {
            h[j * r + k] = dot4(v, &su);
        }
        meter.spend(s.entries() + r * m).await;
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
    jacobi(&mut h, &mut v, r, meter).await;
    let mut out: Vec<(f64, Vec<f64>)> = Vec::with_capacity(r);
    for k in 0..r {
        let mut u = vec![0.0; m];
        for (j, b) in vectors.iter().enumerate() {
            let c = v[j * r + k];
            if c != 0.0 {
                axpy(&mut u, c, b);
            }
        }
        out.push((h[k * r + k], u));
        meter.spend(r * m).await;
    }
    out.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(core::cmp::Ordering::Equal));
    out
}

/// Cyclic Jacobi on the symmetric `r x r` matrix `a` (row-major), rotating
/// the columns of `v` alike; rotations whose angle is below 1e-22 are
/// skipped. On return the diagonal of `a` holds the eigenvalues.
async fn jacobi(a: &mut [f64], v: &mut [f64], r: usize, meter: &Meter) {
    for _ in 0..30 {
        let mut rotated = false;
        for p in 0..r {
            meter.spend((r - p) * (4 * r + 20)).await;
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
