//! Figure C.1: the L1 non-expansion, row by row (eq. C.13-C.19).

use crate::error::{check_range, check_seed, EngineError};
use crate::rng::LegacyRandom;

use super::check_pdf;

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
