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
//!
//! The files: `transition` builds `Q̂`; `banded` keeps a matrix's band for
//! fast products; `eigenbasis` finds the eigenpairs that still matter after
//! the exact transforms; `power` applies `Q̂^n` to inputs (a walk: exact
//! transforms, then the eigenbasis); `matrix` forms the power matrices shown
//! as heat maps, with their cache.
use crate::data::{self, MODAL_COUNTS};
use crate::divergence::js_distance;
use crate::error::{check_len, check_range, EngineError};
use crate::grid::N;
use crate::rng::LegacyRandom;
use crate::work::{Meter, Task};
use alloc::rc::Rc;
use alloc::vec::Vec;

mod banded;
mod eigenbasis;
mod matrix;
mod power;
mod transition;

pub use matrix::PowerMatrixCache;
pub use power::PowerIteration;
pub use transition::transition;

/// The work (multiply-adds) a page should give one piece of a [`Task`] of
/// this module: about 1 ms natively, well under the browser's 50 ms
/// long-task mark even before the wasm is optimised. Each piece may add
/// one indivisible step to it (a Lanczos step, a row of a product, a
/// column of a power matrix; each well under 10^6).
pub const UNIT_WORK: usize = 1_500_000;

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
    Ok(with_distances(counts, powers, q_x))
}

/// [`iterate`] in pieces (see [`Task`]): checks the inputs now, and the task
/// gives what `iterate` returns. It shares the decomposition `power`.
pub fn iterate_task(
    power: Rc<PowerIteration>,
    q_x: &[f64],
    z: &[f64],
    n_max: u64,
) -> Result<Task<Vec<Iterate>>, EngineError> {
    check_len("z", z, N)?;
    check_len("q_x", q_x, N)?;
    let counts = displayed_counts(n_max)?;
    power::check_powers(z, &counts)?;
    let (q_x, z) = (q_x.to_vec(), z.to_vec());
    let meter = Rc::new(Meter::unlimited());
    let m = Rc::clone(&meter);
    Ok(Task::new(meter, async move {
        let powers = power.apply_powers_metered(&z, &counts, &m).await;
        with_distances(counts, powers, &q_x)
    }))
}

/// The iterates with their JS distances to `q_x`.
fn with_distances(counts: Vec<u64>, powers: Vec<Vec<f64>>, q_x: &[f64]) -> Vec<Iterate> {
    counts
        .into_iter()
        .zip(powers)
        .map(|(n, q)| {
            let js = js_distance(&q, q_x);
            Iterate { n, q, js }
        })
        .collect()
}
